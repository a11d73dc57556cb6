"""Shared wiring: write a frame to DuckDB and describe it to the Dagster UI."""
from __future__ import annotations

import time
from collections.abc import Iterator

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from ... import config
from ...extract.text import ChangedSinceIngest, Record, read_ingested
from ...warehouse.schema import FILE_ROW, Table
from ...warehouse.store import replace_table


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


def _described(frame: pl.DataFrame, count: dict, asset_key: str | None, extra: dict) -> dg.MaterializeResult:
    return dg.MaterializeResult(asset_key=asset_key, metadata={
        **count,
        "preview": dg.MetadataValue.md(markdown_preview(frame.drop("text", strict=False))),
        **extra,
    })


def written(table: Table, frame: pl.DataFrame, asset_key: str | None = None, **extra) -> dg.MaterializeResult:
    """What a partitioned step wrote: the rows of this run's files (not the table's total), and a preview.

    Dagster copies this metadata into the event of every partition of the run, so it stays small:
    the column schema is the definition's (table_metadata), not repeated a thousand times."""
    return _described(frame, {"rows_written": frame.height}, asset_key, extra)


def write_table(duckdb: DuckDBResource, table: Table, frame: pl.DataFrame, **extra) -> dg.MaterializeResult:
    """Replace an unpartitioned table whole."""
    with duckdb.get_connection() as con:
        rows = replace_table(con, table, frame)
    return _described(frame, {"dagster/row_count": rows, "dagster/column_schema": column_schema(table)}, None, extra)


FILES_PER_BATCH = 256  # files whose text a step holds in memory at a time


def ingested_files(con, files: list[str]) -> list[tuple[str, str]]:
    """(file, sha256) of the files ingest read as text (not duplicates, not quarantined), by name."""
    return con.execute(f"SELECT source_file, content_sha256 FROM ingest_log WHERE status = 'ok' AND {FILE_ROW} "
                       "AND list_contains($files, source_file) ORDER BY source_file", {"files": files}).fetchall()


def records_of(files: list[tuple[str, str]], progress: ProgressLog) -> Iterator[tuple[str, list[Record]]]:
    """(file, its records read as text) read again from the seeds folder, each file checked against
    its ingest fingerprint. A file changed since is skipped with a warning: its rows go until the
    run the sensor starts for its new version."""
    folder = config.seeds_dir()
    for name, sha in files:
        try:
            yield name, read_ingested(folder / name, sha)
        except ChangedSinceIngest as exc:
            progress.warning(f"skipped {exc}")


class ProgressLog:
    """Progress lines (one per file) sent to the run's log in batches.

    Every log call is an event the instance stores (~6 ms each on SQLite here); one event per
    file would cost more than reading the file. Lines are gathered and sent every few seconds,
    every few hundred lines, and at the end, so the UI still shows a line per file as it goes.
    """

    def __init__(self, context, every_s: float = 3.0, max_lines: int = 500):
        self.context, self.every_s, self.max_lines = context, every_s, max_lines
        self.lines: list[str] = []
        self.warnings: list[str] = []
        self.last = time.monotonic()

    def info(self, line: str) -> None:
        self.lines.append(line)
        self._maybe_flush()

    def warning(self, line: str) -> None:
        self.warnings.append(line)
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        if len(self.lines) + len(self.warnings) >= self.max_lines or time.monotonic() - self.last >= self.every_s:
            self.flush()

    def flush(self) -> None:
        if self.warnings:
            self.context.log.warning("\n".join(self.warnings))
        if self.lines:
            self.context.log.info("\n".join(self.lines))
        self.lines, self.warnings, self.last = [], [], time.monotonic()

    def __enter__(self) -> ProgressLog:
        return self

    def __exit__(self, *exc) -> None:
        self.flush()
