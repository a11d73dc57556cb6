"""Shared wiring: write a frame to DuckDB and describe it to the Dagster UI."""
from __future__ import annotations

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from ..schema import Table
from ..warehouse import replace_table


def column_schema(table: Table) -> dg.TableSchema:
    return dg.TableSchema(columns=[dg.TableColumn(c.name, c.type, description=c.description) for c in table.columns])


def table_metadata(table: Table) -> dict:
    """Static metadata for an asset definition: its description and column schema."""
    return {"dagster/column_schema": column_schema(table), "table": table.name}


def markdown_preview(frame: pl.DataFrame, rows: int = 10, width: int = 40) -> str:
    """A small Markdown table of the first rows, long cells cut, for the asset's page in the UI."""
    if frame.is_empty():
        return "(empty)"
    head = frame.head(rows)

    def cell(value) -> str:
        text = "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = ["| " + " | ".join(head.columns) + " |", "|" + "---|" * len(head.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in head.iter_rows()]
    return "\n".join(lines)


def written(table: Table, frame: pl.DataFrame, asset_key: str | None = None, **extra) -> dg.MaterializeResult:
    """What a partitioned step wrote: the rows of this run's files (not the table's total), and a preview."""
    return dg.MaterializeResult(asset_key=asset_key, metadata={
        "rows_written": frame.height,
        "dagster/column_schema": column_schema(table),
        "preview": dg.MetadataValue.md(markdown_preview(frame.drop("text", strict=False))),
        **extra,
    })


def write_table(duckdb: DuckDBResource, table: Table, frame: pl.DataFrame, **extra) -> dg.MaterializeResult:
    """Replace an unpartitioned table whole."""
    with duckdb.get_connection() as con:
        rows = replace_table(con, table, frame)
    return dg.MaterializeResult(metadata={
        "dagster/row_count": rows,
        "dagster/column_schema": column_schema(table),
        "preview": dg.MetadataValue.md(markdown_preview(frame.drop("text", strict=False))),
        **extra,
    })
