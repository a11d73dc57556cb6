"""Documents: each file split into reports and articles, placed and dated."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from ..extract.documents import PlacedDocument, documents_of_file
from ..extract.regions import default_index
from ..parallel import map_on_all_cores
from ..partitions import ONE_RUN_FOR_ALL_FILES, source_files
from ..schema import DOCUMENTS
from ..warehouse import polars_schema, replace_rows
from .common import FILES_PER_BATCH, ProgressLog, ingested_files, table_metadata, texts_of, written
from .dimensions import dim_city
from .ingest import ingest_log


def documents_frame(docs: list[PlacedDocument]) -> pl.DataFrame:
    return pl.DataFrame(docs, schema=polars_schema(DOCUMENTS), orient="row")  # fields in the table's order


@dg.asset(group_name="documents", description=DOCUMENTS.description, metadata=table_metadata(DOCUMENTS),
          kinds={"duckdb", "python"}, deps=[ingest_log, dim_city],
          partitions_def=source_files, backfill_policy=ONE_RUN_FOR_ALL_FILES)
def documents(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    keys = list(context.partition_keys)
    default_index()  # loaded here, so worker processes forked below share it
    docs: list[PlacedDocument] = []
    with duckdb.get_connection() as con, ProgressLog(context) as progress:
        ingested = ingested_files(con, keys)
        for i in range(0, len(ingested), FILES_PER_BATCH):  # some files' text in memory at a time
            batch = list(texts_of(ingested[i: i + FILES_PER_BATCH], progress))
            for found in map_on_all_cores(documents_of_file, batch):
                if found:
                    kinds = sorted({d.doc_type for d in found})
                    progress.info(f"{found[0].source_file}: {len(found)} document(s) ({', '.join(kinds)})")
                docs.extend(found)
        frame = documents_frame(docs)
        replace_rows(con, {DOCUMENTS: frame}, "list_contains($files, source_file)", {"files": keys})
    unplaced = frame.filter(pl.col("city_code").is_null()).height
    if unplaced:
        context.log.warning(f"{unplaced} document(s) could not be placed on the map (city_code NULL)")
    by_type = frame.group_by("doc_type").len().sort("doc_type")
    return written(DOCUMENTS, frame, files=len(keys), unplaced=unplaced,
                   by_type=dg.MetadataValue.json(dict(by_type.iter_rows())))
