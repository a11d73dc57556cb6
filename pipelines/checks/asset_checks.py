"""Each suite as a Dagster asset check named <table>__<suite>; errors block downstream assets."""
import json
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from .execute import docs_dir, execute
from .suites import SUITES, Suite


def _make_check(suite: Suite) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=suite.table, name=suite.check_name, blocking=suite.severity == "error",
                    description=f"{suite.description} ({suite.severity})")
    def _check(context: dg.AssetCheckExecutionContext, duckdb: DuckDBResource) -> dg.AssetCheckResult:
        warehouse_file = Path(duckdb.database)
        with duckdb.get_connection() as con:
            outcome = execute(suite, con, warehouse_file, context.run.run_id)
        for failed in outcome.failed:
            log = context.log.error if suite.severity == "error" else context.log.warning
            log(f"{suite.check_name}: {failed.expectation} on {failed.column}: {failed.observed}")
        index = docs_dir(warehouse_file) / "index.html"
        return dg.AssetCheckResult(
            passed=outcome.success,
            severity=dg.AssetCheckSeverity.ERROR if suite.severity == "error" else dg.AssetCheckSeverity.WARN,
            metadata={
                "rows_checked": outcome.rows_checked,
                "expectations": len(outcome.outcomes),
                "failed": dg.MetadataValue.json([{"expectation": f.expectation, "column": f.column,
                                                  "observed": f.observed, **json.loads(f.details)}
                                                 for f in outcome.failed]),
                "data_docs": dg.MetadataValue.path(str(index)),
                "data_docs_url": dg.MetadataValue.url(index.resolve().as_uri()),
            },
        )

    return _check


asset_checks = [_make_check(s) for s in SUITES]
