"""Publishing: the run's working copy becomes the warehouse users read, in one rename; the run summary."""
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from ...warehouse import team
from ...warehouse.store import publish
from ...warehouse.summary import summarize
from ..resources import WarehouseResource
from . import charts, dimensions, documents, facts, ingest, marts

UPSTREAM = sorted({key for a in dg.load_assets_from_modules([ingest, dimensions, documents, facts, marts, charts])
                   if isinstance(a, dg.AssetsDefinition) and a.is_materializable for key in a.keys},
                  key=lambda k: k.to_user_string())


@dg.asset(
    group_name="publish",
    deps=UPSTREAM,
    kinds={"duckdb"},
    # Last of all ready steps: the checks of the same run (blocking ones gate it anyway) come first.
    op_tags={"dagster/priority": "-20"},
    description="Swaps the run's working copy (.building/) in as the warehouse file users read "
                "(in team mode it first copies every table into the DuckLake as one snapshot): "
                "readers holding the old file keep it whole; new connections see the new one. "
                "Logs the run summary: documents, rows per fact table, quarantined files, rows set aside "
                "(quarantined_rows), failed checks.",
)
def warehouse_published(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:  # one connection: the summary, then the copy under its lock
        summary = summarize(con, context.run.run_id)
        context.log.info("run summary:\n" + "\n".join(summary.lines()))
        metadata = {"summary": dg.MetadataValue.md(summary.markdown()), "documents": summary.documents,
                    "quarantined_files": len(summary.quarantined), "failed_checks": len(summary.failed_checks),
                    "rows_set_aside": summary.set_aside, "rows_set_aside_by_this_run": summary.set_aside_now,
                    **{f"rows/{t}": n for t, n in summary.rows.items()}}
        if not isinstance(duckdb, WarehouseResource):
            context.log.info(f"{duckdb.database} is written in place: nothing to publish")
            return dg.MaterializeResult(metadata={"published": False, **metadata})
        if team.enabled():  # team mode: first the DuckLake, one snapshot (pipelines/warehouse/team.py), then the local file
            snapshot = team.publish(con, duckdb.working_copy)
            context.log.info(f"published the team warehouse (DuckLake) as snapshot {snapshot}")
            metadata["ducklake_snapshot"] = snapshot
        size = publish(con, duckdb.working_copy, Path(duckdb.database))
    context.log.info(f"published {duckdb.database} ({size / 1e6:.1f} MB)")
    return dg.MaterializeResult(metadata={"published": True, "path": dg.MetadataValue.path(duckdb.database),
                                          "bytes": size, **metadata})
