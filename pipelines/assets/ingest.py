"""Ingest: the seeds folder's files listed, and each file (a partition) read, decoded or quarantined."""

from datetime import datetime, timezone

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from .. import config
from ..extract.ingest import IngestRecord, ingest_paths
from ..partitions import ONE_RUN_FOR_ALL_FILES, folder_keys, source_files
from ..schema import INGEST_LOG, TABLES
from ..warehouse import existing_tables, polars_schema, prune_files, replace_rows
from .common import ProgressLog, table_metadata


def _seeds_folder():
    folder = config.seeds_dir()
    if not folder.is_dir():
        raise dg.Failure(f"seeds folder {folder} does not exist (set GOVREPORTS_SEEDS)")
    return folder


@dg.asset(group_name="ingest", kinds={"duckdb", "python"},
          description="The files of the seeds folder. Rows that came from a file no longer there are deleted "
                      "from every table, so the warehouse holds exactly the folder's files.")
def seed_files(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    folder = _seeds_folder()
    with duckdb.get_connection() as con:
        keys, problems = folder_keys(folder)  # listed once the warehouse is ours: no file lands in between
        deleted = prune_files(con, list(TABLES.values()), keys)
    for problem in problems:
        context.log.warning(f"not read: {problem}")
    removed = {t: n for t, n in deleted.items() if n}
    if removed:
        context.log.info(f"rows of files no longer in {folder} deleted: {removed}")
    return dg.MaterializeResult(metadata={
        "seeds_folder": str(folder), "files": len(keys), "unreadable_names": len(problems),
        "rows_deleted": dg.MetadataValue.json(removed),
    })


def _originals(con, files: list[str], folder) -> dict[str, str]:
    """sha256 → file, for every file read before as the original of its bytes that is still in the
    folder (outside this run's files): a renamed report is not a duplicate of its old name."""
    if "ingest_log" not in existing_tables(con):
        return {}
    rows = con.execute("SELECT content_sha256, source_file FROM ingest_log "
                       "WHERE status = 'ok' AND NOT list_contains($files, source_file)", {"files": files}).fetchall()
    return {sha: name for sha, name in rows if (folder / name).is_file()}


def _log_line(r: IngestRecord) -> str:
    if r.status == "quarantined":
        return f"quarantined {r.error}"
    return (f"{r.source_file}: {r.status}, {r.decoded.encoding}, {r.decoded.n_bytes} bytes"
            + (f" ({r.error})" if r.error else ""))


def ingest_frame(records: list[IngestRecord], now: datetime) -> pl.DataFrame:
    """The ingest_log rows of the records."""
    return pl.DataFrame({
        "source_file": [r.source_file for r in records],
        "content_sha256": [r.decoded.sha256 for r in records],
        "bytes": [r.decoded.n_bytes for r in records],
        "encoding": [r.decoded.encoding for r in records],
        "status": [r.status for r in records],
        "error": [r.error for r in records],
        "ingested_at": [now] * len(records),
    }, schema=polars_schema(INGEST_LOG))


@dg.asset(
    group_name="ingest",
    description=INGEST_LOG.description,
    metadata=table_metadata(INGEST_LOG),
    kinds={"duckdb", "python"},
    deps=[seed_files],
    partitions_def=source_files,
    backfill_policy=ONE_RUN_FOR_ALL_FILES,
)
def ingest_log(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    folder = _seeds_folder()
    files = list(context.partition_keys)
    with duckdb.get_connection() as con:
        records = ingest_paths([folder / f for f in files], _originals(con, files, folder))
        with ProgressLog(context) as progress:
            for r in records:
                (progress.warning if r.status == "quarantined" else progress.info)(_log_line(r))
        log = ingest_frame(records, datetime.now(timezone.utc).replace(tzinfo=None))
        replace_rows(con, {INGEST_LOG: log}, "list_contains($files, source_file)", {"files": files})
        # Warehouses before this version kept every decoded text in source_texts: a table whose
        # single row group DuckDB rewrote whole at each checkpoint after an append (O(corpus) per file).
        con.execute("DROP TABLE IF EXISTS source_texts")
    quarantined = [r.error for r in records if r.status == "quarantined"]
    return dg.MaterializeResult(metadata={
        "rows_written": len(records),
        "seeds_folder": str(folder),
        "files_ok": sum(r.status == "ok" for r in records),
        "files_duplicate": sum(r.status == "duplicate" for r in records),
        "files_quarantined": len(quarantined),
        "quarantined": dg.MetadataValue.md("\n".join(f"- {q}" for q in quarantined) or "none"),
    })
