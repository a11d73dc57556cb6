"""The suites as Dagster asset checks named <table>__<suite>; errors block downstream assets.

A row suite whose breaking rows were set aside (checks/quarantine.py) passes, and says so in its
metadata and log: the rest of its table goes on to the marts and the publish step.

A table's suites run as one step (a multi-asset check): one connection, one refresh of the
Data Docs front page, and one step's overhead instead of one per suite (30 suites, 11 tables).
A suite that cannot run (an error in its query or in great-expectations) fails as its own check.
Each suite is still its own check in the UI, and can be run alone.
"""
import json
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from ..checks.execute import docs_dir, execute
from ..checks.report import write_index
from ..checks.runner import SuiteOutcome
from ..checks.suites import SUITES, Suite


def _severity(suite: Suite) -> dg.AssetCheckSeverity:
    return dg.AssetCheckSeverity.ERROR if suite.severity == "error" else dg.AssetCheckSeverity.WARN


SHOWN_ROWS = 100  # set-aside rows listed in a check's metadata; quarantined_rows holds them all


def _set_aside_metadata(outcome: SuiteOutcome) -> dict:
    done = outcome.set_aside
    if done is None:
        return {}
    return {"set_aside": done.rows, "set_aside_share": round(done.share, 4),
            "set_aside_note": done.describe(outcome.suite.table),
            "set_aside_rows": dg.MetadataValue.json([{"row_key": key, "reason": why}
                                                     for key, why in outcome.breaches[:SHOWN_ROWS]])}


def _result(suite: Suite, outcome: SuiteOutcome, index: Path) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        asset_key=suite.table, check_name=suite.check_name, passed=outcome.passed, severity=_severity(suite),
        metadata={
            "rows_checked": outcome.rows_checked,
            "expectations": len(outcome.outcomes),
            "failed": dg.MetadataValue.json([{"expectation": f.expectation, "column": f.column,
                                              "observed": f.observed, **json.loads(f.details)}
                                             for f in outcome.failed]),
            **_set_aside_metadata(outcome),
            "data_docs": dg.MetadataValue.path(str(index)),
            "data_docs_url": dg.MetadataValue.url(index.resolve().as_uri()),
        },
    )


def _could_not_run(suite: Suite, exc: Exception) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(asset_key=suite.table, check_name=suite.check_name, passed=False,
                               severity=_severity(suite), metadata={"error": f"{type(exc).__name__}: {exc}"})


def _table_checks(table: str, suites: list[Suite]) -> dg.AssetChecksDefinition:
    @dg.multi_asset_check(
        name=f"{table}__checks", can_subset=True,
        specs=[dg.AssetCheckSpec(s.check_name, asset=s.table, blocking=s.severity == "error",
                                 description=f"{s.description} ({s.severity})") for s in suites])
    def _checks(context: dg.AssetCheckExecutionContext, duckdb: DuckDBResource):
        warehouse_file = Path(duckdb.database)
        index = docs_dir(warehouse_file) / "index.html"
        selected = {key.name for key in context.selected_asset_check_keys}
        results = []
        with duckdb.get_connection() as con:
            try:
                for suite in (s for s in suites if s.check_name in selected):
                    try:  # one suite that cannot run fails alone; the table's other suites still report
                        outcome = execute(suite, con, warehouse_file, context.run.run_id, refresh_index=False)
                    except Exception as exc:  # noqa: BLE001 - reported as the check's failure, with the error
                        context.log.error(f"{suite.check_name} could not run: {type(exc).__name__}: {exc}")
                        results.append(_could_not_run(suite, exc))
                        continue
                    log = context.log.error if suite.severity == "error" and not outcome.passed else context.log.warning
                    for failed in outcome.failed:
                        log(f"{suite.check_name}: {failed.expectation} on {failed.column}: {failed.observed}")
                    if outcome.set_aside is not None:
                        log(f"{suite.check_name}: {outcome.set_aside.describe(suite.table)}" + "".join(
                            f"\n  {key}: {why}" for key, why in outcome.breaches[:SHOWN_ROWS]))
                    results.append(_result(suite, outcome, index))
            finally:
                write_index(con, docs_dir(warehouse_file))
        yield from results

    return _checks


def _by_table() -> dict[str, list[Suite]]:
    tables: dict[str, list[Suite]] = {}
    for suite in SUITES:
        tables.setdefault(suite.table, []).append(suite)
    return tables


asset_checks = [_table_checks(table, suites) for table, suites in _by_table().items()]
