"""Marts: the dbt project in models/, each model an asset marts/<name>, each dbt test an asset check.

dbt-duckdb builds the models as tables of the DuckDB schema `marts`, in the file the run
writes (the working copy, published only after the checks pass: pipelines/defs/resources.py), and
tests them in the same `dbt build`. A failed test of severity error is a failed blocking check:
its step fails and the warehouse is not published, as for a failed error-level suite; a `warn`
test only reports. Every test's result also goes into dq_results (pipelines/checks/dbt_tests.py).

One step, after the checks: quality_summary reads dq_results, so the step depends on every
checked table (Dagster runs a step after the blocking checks of the assets it depends on, and a
table's suites share one step); its low priority keeps it after the warning-only suites too, and
in the refresh_marts job, whose checked tables are not assets of the run. quality_summary thus
shows every suite of the run; the marts' own tests are recorded when dbt has finished, so it
shows them as of the previous build. (A second dbt step for quality_summary alone would show
them too, for another dbt process: ~7 s of CPU a run here.)
"""

import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
import polars as pl
from dagster_dbt import DagsterDbtTranslator, DbtProject, dbt_assets
from dagster_duckdb import DuckDBResource

from ... import config
from ...checks import dbt_tests
from ...checks.execute import docs_dir
from ...checks.report import ensure_table as ensure_dq_results
from ...checks.report import write_index
from ...checks.suites import SUITES
from ...warehouse.schema import DQ_RESULTS
from ...warehouse.store import working_copy_of
from .. import dbt_models
from ..resources import DbtResource, written_file
from .common import markdown_preview, table_metadata

QUALITY_SUMMARY = "quality_summary"

project = DbtProject(project_dir=dbt_models.PROJECT_DIR,
                     target_path=dbt_models.TARGET_DIR.relative_to(dbt_models.PROJECT_DIR))
manifest_path = dbt_models.ensure_manifest(working_copy_of(config.warehouse_path()))


def asset_key(table: str) -> dg.AssetKey:
    """'marts.targets_wide' → marts/targets_wide; 'fact_targets' → fact_targets."""
    return dg.AssetKey(table.split("."))


CHECKED_TABLES = sorted({asset_key(s.table) for s in SUITES}, key=lambda k: k.to_user_string())


class MartsTranslator(DagsterDbtTranslator):
    """Keys as the tables are named in SQL: a source is its table (fact_targets), a model marts/<name>."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey(dbt_resource_props["name"])
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["alias"] or dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "marts"

    def get_description(self, dbt_resource_props: Mapping[str, Any]) -> str:
        return dbt_resource_props.get("description") or f"dbt {dbt_resource_props['resource_type']}"

    def get_metadata(self, dbt_resource_props: Mapping[str, Any]) -> Mapping[str, Any]:
        if dbt_resource_props["resource_type"] != "model":
            return {}
        sql = dbt_resource_props.get("raw_code", "")
        return {"table": f"{dbt_resource_props['schema']}.{dbt_resource_props['name']}",
                "model_file": f"models/{dbt_resource_props['original_file_path']}",
                "sql": dg.MetadataValue.md(f"```sql\n{sql}\n```")}

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        props = self.get_resource_props(manifest, unique_id)
        if props["resource_type"] == "model" and props["name"] == QUALITY_SUMMARY:
            spec = spec.merge_attributes(deps=[k for k in CHECKED_TABLES if k not in spec.deps])
        return spec


translator = MartsTranslator()


def _model_metadata(con, table: str) -> dict:
    """What the UI shows of a freshly built mart: rows, columns with their comments, the first rows."""
    schema, name = table.split(".")
    rows = con.execute(f'SELECT count(*) FROM "{schema}"."{name}"').fetchone()[0]
    columns = con.execute("""
        SELECT column_name, data_type, comment FROM duckdb_columns()
        WHERE schema_name = $schema AND table_name = $table ORDER BY column_index""",
                          {"schema": schema, "table": name}).fetchall()
    preview = con.execute(f'SELECT * FROM "{schema}"."{name}" LIMIT 10').pl()
    return {"dagster/row_count": rows,
            "dagster/column_schema": dg.TableSchema(columns=[dg.TableColumn(c, t, description=d or None)
                                                             for c, t, d in columns]),
            "preview": dg.MetadataValue.md(markdown_preview(_narrow(preview)))}


def _narrow(frame: pl.DataFrame, columns: int = 12) -> pl.DataFrame:
    """The UI's Markdown table stays readable: the first columns only."""
    return frame.select(frame.columns[:columns])


def _failures(run_results: dict) -> list[str]:
    """Models that failed and error-level tests that did not pass, as dbt reported them."""
    return [f"{r['unique_id']}: {r['status']}" + (f" ({r['message']})" if r.get("message") else "")
            for r in run_results.get("results", []) if r["status"] in ("error", "fail")]


def build(context: dg.AssetExecutionContext, dbt: DbtResource, duckdb: DuckDBResource) -> Iterator:
    """`dbt build` of the selected models and their tests in the run's file; their results recorded.

    dbt runs to its end first (it holds the DuckDB file meanwhile), then the step reads the file:
    the row count, columns and first rows of each model, and the tests into dq_results.
    """
    database = written_file(duckdb)
    with duckdb.get_connection() as con:  # the working copy exists from here on; dq_results too
        ensure_dq_results(con)
    with tempfile.TemporaryDirectory(prefix="govreports-dbt-") as artifacts, dbt_models.database_env(database):
        if dbt_models.PARTIAL_PARSE.exists():  # dbt parses only what changed since the definitions loaded
            shutil.copyfile(dbt_models.PARTIAL_PARSE, Path(artifacts) / dbt_models.PARTIAL_PARSE.name)
        invocation = dbt.cli(["build"], context=context, target_path=Path(artifacts), raise_on_error=False)
        events = list(invocation.stream())
        results_file = Path(artifacts) / "run_results.json"
        run_results = invocation.get_artifact("run_results.json") if results_file.exists() else {}
    found = dbt_tests.outcomes(run_results, invocation.manifest)
    with duckdb.get_connection() as con:
        dbt_tests.record(con, context.run.run_id, found)
        write_index(con, docs_dir(Path(duckdb.database)))
        built = {}
        for event in events:
            if isinstance(event, dg.Output):
                key = context.asset_key_for_output(event.output_name)
                built[event.output_name] = _model_metadata(con, ".".join(key.path))
    for event in events:
        if isinstance(event, dg.Output):
            yield event.with_metadata({**event.metadata, **built[event.output_name]})
        else:
            yield event
    for outcome in found:
        if not outcome.passed:
            log = context.log.error if outcome.severity == "error" else context.log.warning
            log(f"{outcome.check_name} on {outcome.table_name}: {outcome.observed}")
    if not invocation.is_successful():
        failed = _failures(run_results) or [str(invocation.get_error())]
        raise dg.Failure(description="dbt build failed: " + "; ".join(failed),
                         metadata={"failed": dg.MetadataValue.json(failed)})


@dbt_assets(manifest=manifest_path, project=project, dagster_dbt_translator=translator, name="marts",
            op_tags={"dagster/priority": "-10"})
def marts(context: dg.AssetExecutionContext, dbt: DbtResource, duckdb: DuckDBResource):
    yield from build(context, dbt, duckdb)


# dq_results is filled by the asset checks, not by an asset: declared here so the lineage shows it.
dq_results = dg.AssetSpec("dq_results", description=DQ_RESULTS.description, metadata=table_metadata(DQ_RESULTS),
                          group_name="quality", kinds={"duckdb"})
external_assets = [dg.AssetsDefinition(specs=[dq_results])]
mart_assets = [marts]
MODEL_NAMES = tuple(sorted(key.path[-1] for a in mart_assets for key in a.keys))
