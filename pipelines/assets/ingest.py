"""Ingest: every file of the seeds folder read, decoded or quarantined."""

from datetime import datetime, timezone

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from .. import config
from ..extract.ingest import ingest_folder
from ..schema import INGEST_LOG, SOURCE_TEXTS
from ..warehouse import polars_schema, replace_table
from .common import column_schema, table_metadata


@dg.asset(
    group_name="ingest",
    description=INGEST_LOG.description,
    metadata=table_metadata(INGEST_LOG),
    kinds={"duckdb", "python"},
)
def ingest_log(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    folder = config.seeds_dir()
    if not folder.is_dir():
        raise dg.Failure(f"seeds folder {folder} does not exist (set GOVREPORTS_SEEDS)")
    records = ingest_folder(folder)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for r in records:
        if r.status == "quarantined":
            context.log.warning(f"quarantined {r.error}")
        else:
            context.log.info(f"{r.source_file}: {r.status}, {r.decoded.encoding}, {r.decoded.n_bytes} bytes"
                             + (f" ({r.error})" if r.error else ""))
    log = pl.DataFrame({
        "source_file": [r.source_file for r in records],
        "content_sha256": [r.decoded.sha256 for r in records],
        "bytes": [r.decoded.n_bytes for r in records],
        "encoding": [r.decoded.encoding for r in records],
        "status": [r.status for r in records],
        "error": [r.error for r in records],
        "ingested_at": [now] * len(records),
    }, schema=polars_schema(INGEST_LOG))
    ok = [r for r in records if r.status == "ok"]
    texts = pl.DataFrame({
        "source_file": [r.source_file for r in ok],
        "content_sha256": [r.decoded.sha256 for r in ok],
        "encoding": [r.decoded.encoding for r in ok],
        "n_lines": [r.n_lines for r in ok],
        "text": [r.text for r in ok],
    }, schema=polars_schema(SOURCE_TEXTS))
    with duckdb.get_connection() as con:
        replace_table(con, SOURCE_TEXTS, texts)
        replace_table(con, INGEST_LOG, log)
    quarantined = [r.error for r in records if r.status == "quarantined"]
    return dg.MaterializeResult(metadata={
        "dagster/row_count": len(records),
        "dagster/column_schema": column_schema(INGEST_LOG),
        "seeds_folder": str(folder),
        "files_ok": len(ok),
        "files_duplicate": sum(r.status == "duplicate" for r in records),
        "files_quarantined": len(quarantined),
        "quarantined": dg.MetadataValue.md("\n".join(f"- {q}" for q in quarantined) or "none"),
    })
