"""The export for researchers: the published warehouse as Parquet, CSV, a data dictionary and a Stata panel.

Downstream of warehouse_published and reading the file it published (read-only), not the run's
working copy: the export then describes the warehouse users query, as of one publish, after the
blocking checks passed, and it holds no lock a writing step would wait for. The files are
written by pipelines/warehouse/export.py (no Dagster there).
"""
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from ...warehouse.export import export_dir, export_warehouse


def files_markdown(result) -> str:
    lines = ["| file | rows | bytes |", "|---|---:|---:|"]
    lines += [f"| `{f.path}` | {'' if f.rows is None else f.rows} | {f.bytes} |" for f in result.files]
    return "\n".join(lines)


@dg.asset(
    group_name="publish",
    deps=[dg.AssetKey("warehouse_published")],
    kinds={"parquet", "csv"},
    description="Every table of the main and marts schemas as Parquet and CSV (UTF-8 with BOM), a data "
                "dictionary (Markdown, CSV) and the research panel as Stata .dta, in export/ beside the "
                "published warehouse; the same warehouse gives byte-identical files.",
)
def warehouse_export(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    # `duckdb.database` is the published file (WarehouseResource) or the file a plain resource writes in place.
    published = Path(duckdb.database)
    result = export_warehouse(published, export_dir(published))
    for note in result.notes:
        context.log.warning(note)
    context.log.info(f"exported {len(result.files)} files ({result.bytes / 1e6:.1f} MB) to {result.folder} "
                     f"in {result.seconds:.1f} s")
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(result.folder)),
        "files": dg.MetadataValue.md(files_markdown(result)),
        "bytes": result.bytes,
        "seconds": round(result.seconds, 2),
        "notes": dg.MetadataValue.md("\n".join(f"- {n}" for n in result.notes) or "(none)"),
        **{f"rows/{table}": rows for table, rows in result.rows_by_table().items()},
    })
