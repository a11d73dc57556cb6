"""Ingest: the seeds folder's files listed, and each file (a partition) read, decoded or quarantined."""

import json
from datetime import datetime, timezone

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from ... import config
from ...extract.documents import record_hints
from ...extract.text import IngestedFile, ingest_paths, sha256_hex, split_lines
from ...warehouse.schema import FILE_ROW, INGEST_LOG, SOURCE_RECORDS, TABLES
from ...warehouse.store import existing_tables, polars_schema, prune_files, replace_rows
from ..partitions import ONE_RUN_FOR_ALL_FILES, folder_keys, source_files
from .common import ProgressLog, table_metadata, written


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
    rows = con.execute(f"SELECT content_sha256, source_file FROM ingest_log "
                       f"WHERE status = 'ok' AND {FILE_ROW} AND NOT list_contains($files, source_file)",
                       {"files": files}).fetchall()
    return {sha: name for sha, name in rows if (folder / name).is_file()}


def _log_line(r: IngestedFile) -> str:
    if r.status == "quarantined":
        return f"quarantined {r.error}"
    records = r.read.records
    counts = ""
    if r.read.is_container:
        by_status = {st: sum(x.status == st for x in records) for st in ("ok", "skipped", "quarantined")}
        counts = ", records " + ", ".join(f"{n} {st}" for st, n in by_status.items() if n)
    return (f"{r.source_file}: {r.status}, {r.read.format}, {r.read.encoding or '-'}, {r.n_bytes} bytes{counts}"
            + (f" ({r.error})" if r.error else ""))


def ingest_frame(files: list[IngestedFile], now: datetime) -> pl.DataFrame:
    """The ingest_log rows: one per file, and one per record of a container (a table's row, a member)."""
    rows = []
    for f in files:
        rows.append((f.source_file, "", f.read.format, f.sha256, f.n_bytes, f.read.encoding, f.status, f.error, now))
        if f.status == "ok" and f.read.is_container:
            for r in f.read.records:
                text_bytes = r.text.encode("utf-8") if r.text is not None else None
                rows.append((f.source_file, r.record_id, r.format, sha256_hex(text_bytes) if text_bytes else None,
                             len(text_bytes) if text_bytes else None, r.encoding, r.status, r.reason, now))
    return pl.DataFrame(rows, schema=polars_schema(INGEST_LOG), orient="row")


def source_records_frame(files: list[IngestedFile]) -> pl.DataFrame:
    """The source_records rows: every record read as text, with its metadata and hints as JSON."""
    rows = []
    for f in files:
        for r in f.records:
            rows.append((f.source_file, r.record_id, r.format, r.text_column, len(split_lines(r.text)), len(r.text),
                         json.dumps(r.metadata, ensure_ascii=False),
                         json.dumps({k: v for k, (_, v) in record_hints(r).items()}, ensure_ascii=False)))
    return pl.DataFrame(rows, schema=polars_schema(SOURCE_RECORDS), orient="row")


@dg.multi_asset(
    name="ingest", group_name="ingest",
    specs=[dg.AssetSpec(t.name, description=t.description, metadata=table_metadata(t), kinds={"duckdb", "python"},
                        deps=[seed_files], partitions_def=source_files) for t in (INGEST_LOG, SOURCE_RECORDS)],
    partitions_def=source_files, backfill_policy=ONE_RUN_FOR_ALL_FILES,
    can_subset=True,  # either table may be selected alone; the step writes both (one read of the files)
)
def ingest(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    """Each file read into records (a plain file is one; a table has one per row, an archive one per
    member), or quarantined with its reason; one transaction replaces the files' rows of both tables."""
    folder = _seeds_folder()
    files = list(context.partition_keys)
    with duckdb.get_connection() as con:
        ingested = ingest_paths([folder / f for f in files], _originals(con, files, folder))
        with ProgressLog(context) as progress:
            for r in ingested:
                (progress.warning if r.status == "quarantined" else progress.info)(_log_line(r))
                for rec in r.read.records if r.status == "ok" else []:
                    if rec.status != "ok":
                        progress.warning(f"{r.source_file} [{rec.record_id}]: {rec.status}: {rec.reason}")
        log = ingest_frame(ingested, datetime.now(timezone.utc).replace(tzinfo=None))
        records = source_records_frame(ingested)
        replace_rows(con, {INGEST_LOG: log, SOURCE_RECORDS: records}, "list_contains($files, source_file)",
                     {"files": files})
        # Warehouses before this version kept every decoded text in source_texts: a table whose
        # single row group DuckDB rewrote whole at each checkpoint after an append (O(corpus) per file).
        con.execute("DROP TABLE IF EXISTS source_texts")
    quarantined = [r.error for r in ingested if r.status == "quarantined"]
    set_aside = [f"{r.source_file} [{x.record_id}]: {x.status}, {x.reason}" for r in ingested if r.status == "ok"
                 for x in r.read.records if x.status != "ok"]
    selected = context.op_execution_context.selected_output_names
    if INGEST_LOG.name in selected:
        yield dg.MaterializeResult(asset_key=INGEST_LOG.name, metadata={
            "rows_written": log.height,
            "seeds_folder": str(folder),
            "files_ok": sum(r.status == "ok" for r in ingested),
            "files_duplicate": sum(r.status == "duplicate" for r in ingested),
            "files_quarantined": len(quarantined),
            "records_not_read": len(set_aside),
            "quarantined": dg.MetadataValue.md("\n".join(f"- {q}" for q in quarantined + set_aside) or "none"),
        })
    if SOURCE_RECORDS.name in selected:
        yield written(SOURCE_RECORDS, records.drop("metadata", "hints"), asset_key=SOURCE_RECORDS.name,
                      by_format=dg.MetadataValue.json(dict(records.group_by("format").len().sort("format").iter_rows())))
