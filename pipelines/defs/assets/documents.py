"""Documents: each record of each file split into reports and articles, placed and dated; where a
record's metadata disagrees with its text, the disagreement listed."""

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from ...extract.documents import PlacedDocument, RecordText, default_index, documents_of_file, record_hints
from ...extract.text import Record
from ...warehouse.schema import DOCUMENTS, METADATA_DISAGREEMENTS
from ...warehouse.store import polars_schema, replace_rows
from ..parallel import map_on_all_cores
from ..partitions import ONE_RUN_FOR_ALL_FILES, source_files
from .common import FILES_PER_BATCH, ProgressLog, ingested_files, records_of, table_metadata, written
from .dimensions import dim_city
from .ingest import ingest


def documents_frame(docs: list[PlacedDocument]) -> pl.DataFrame:
    return pl.DataFrame(docs, schema=polars_schema(DOCUMENTS), orient="row")  # fields in the table's order


def record_texts(records: list[Record]) -> list[RecordText]:
    """What the splitter needs of each record: its id, text, where the report starts, its hints."""
    return [RecordText(r.record_id, r.text, r.body_start, record_hints(r) or None) for r in records]


@dg.multi_asset(
    name="split_documents", group_name="documents",
    specs=[dg.AssetSpec(t.name, description=t.description, metadata=table_metadata(t), kinds={"duckdb", "python"},
                        deps=[ingest.keys_by_output_name["ingest_log"], dim_city], partitions_def=source_files)
           for t in (DOCUMENTS, METADATA_DISAGREEMENTS)],
    partitions_def=source_files, backfill_policy=ONE_RUN_FOR_ALL_FILES,
    can_subset=True)  # either table may be selected alone; the step writes both
def split_documents(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    keys = list(context.partition_keys)
    default_index()  # loaded here, so worker processes forked below share it
    docs: list[PlacedDocument] = []
    disagreements: list[tuple] = []
    with duckdb.get_connection() as con, ProgressLog(context) as progress:
        ingested = ingested_files(con, keys)
        for i in range(0, len(ingested), FILES_PER_BATCH):  # some files' text in memory at a time
            batch = [(name, record_texts(records)) for name, records in
                     records_of(ingested[i: i + FILES_PER_BATCH], progress)]
            for found, differ in map_on_all_cores(documents_of_file, batch):
                if found:
                    kinds = sorted({d.doc_type for d in found})
                    progress.info(f"{found[0].source_file}: {len(found)} document(s) ({', '.join(kinds)})")
                docs.extend(found)
                disagreements.extend(differ)
        frame = documents_frame(docs)
        differ_frame = pl.DataFrame(disagreements, schema=polars_schema(METADATA_DISAGREEMENTS), orient="row")
        replace_rows(con, {DOCUMENTS: frame, METADATA_DISAGREEMENTS: differ_frame},
                     "list_contains($files, source_file)", {"files": keys})
    unplaced = frame.filter(pl.col("city_code").is_null()).height
    if unplaced:
        context.log.warning(f"{unplaced} document(s) could not be placed on the map (city_code NULL)")
    if differ_frame.height:
        context.log.warning(f"{differ_frame.height} record(s) whose metadata disagrees with the text "
                            "(the text wins): SELECT * FROM metadata_disagreements")
    by_type = frame.group_by("doc_type").len().sort("doc_type")
    if DOCUMENTS.name in context.op_execution_context.selected_output_names:
        yield written(DOCUMENTS, frame, asset_key=DOCUMENTS.name, files=len(keys), unplaced=unplaced,
                      by_type=dg.MetadataValue.json(dict(by_type.iter_rows())))
    if METADATA_DISAGREEMENTS.name in context.op_execution_context.selected_output_names:
        yield written(METADATA_DISAGREEMENTS, differ_frame, asset_key=METADATA_DISAGREEMENTS.name)
