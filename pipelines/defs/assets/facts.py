"""Facts: numbers extracted from each document's text, one table per kind of fact, written per file."""

import time
from collections.abc import Iterator
from functools import lru_cache
from operator import itemgetter

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from ...extract.facts import DocumentText, extract_facts, warm_up
from ...extract.text import split_lines
from ...warehouse.schema import (DOCUMENTS, FACT_DATES, FACT_FUNDS, FACT_OUTCOMES, FACT_PROJECT_AGGREGATES,
                                 FACT_PROJECTS, FACT_TABLES, FACT_TARGETS, FACT_TARGETS_QUALITATIVE, QUARANTINED_ROWS,
                                 TABLES, Table)
from ...warehouse.store import facts_frame, replace_rows
from ..parallel import map_on_all_cores
from ..partitions import ONE_RUN_FOR_ALL_FILES, source_files
from .common import FILES_PER_BATCH, ProgressLog, ingested_files, records_of, table_metadata, written

# Rows of one table kept as tuples before they become a frame: the step's memory stays flat over many files.
ROWS_PER_FRAME = 20_000

# The fact rows a run over some files owns: those of the files' documents, and any whose document
# no longer exists (a changed file may have fewer documents than before).
OWNED_BY_FILES = ("doc_id IN (SELECT doc_id FROM documents WHERE list_contains($files, source_file)) "
                  "OR doc_id NOT IN (SELECT doc_id FROM documents)")


# Each kind of fact the extract core returns (a field of extract.facts.Facts) → the table it fills, the
# letter of its row ids (doc_id:t001) and the columns its rows take from the document ({column: attribute
# of DocumentText}) besides doc_id, city_code and the fact's own fields.
FACT_KINDS: tuple[tuple[str, Table, str, dict[str, str]], ...] = (
    ("targets", FACT_TARGETS, "t", {"plan_year": "plan_year"}),
    ("targets_qualitative", FACT_TARGETS_QUALITATIVE, "q", {"plan_year": "plan_year"}),
    ("outcomes", FACT_OUTCOMES, "o", {"year": "report_year"}),
    ("projects", FACT_PROJECTS, "p", {}),
    ("project_aggregates", FACT_PROJECT_AGGREGATES, "a", {}),
    ("funds", FACT_FUNDS, "f", {}),
    ("dates", FACT_DATES, "d", {}),
)


@lru_cache(maxsize=None)
def _arrange(table: str, given: tuple[str, ...]) -> itemgetter:
    """Picks the table's columns, in its order, out of a tuple of `given` values; every column must be given."""
    columns = TABLES[table].column_names
    missing = [c for c in columns if c not in given]
    if missing:
        raise ValueError(f"{table}: the facts give no value for {missing}")
    return itemgetter(*(given.index(c) for c in columns))


def _rows(doc: DocumentText, facts: list, table: str, tag: str, **extra) -> list[tuple]:
    """The facts as rows in the table's column order, ids included. Tuples, not dicts: the rows
    travel from worker processes, and a tuple pickles and unpickles in about half the time."""
    if not facts:
        return []
    arrange = _arrange(table, (TABLES[table].column_names[0], "doc_id", "city_code", *extra, *facts[0]._fields))
    head = (doc.doc_id, doc.city_code, *extra.values())
    return [arrange((f"{doc.doc_id}:{tag}{n:03d}", *head, *f))
            for n, f in enumerate(facts, start=1)]  # facts are named tuples of plain values


def fact_rows(doc: DocumentText) -> dict[str, list[tuple]]:
    """Table name → rows (tuples in the table's column order, ids included) of every fact in the document.
    What the worker processes run: the facts are made rows before they travel back."""
    facts = extract_facts(doc)
    return {table.name: _rows(doc, getattr(facts, kind), table.name, tag,
                              **{column: getattr(doc, attribute) for column, attribute in extra.items()})
            for kind, table, tag, extra in FACT_KINDS}


def document_texts(con, files: list[str], progress: ProgressLog) -> Iterator[DocumentText]:
    """Each document of the files, its lines cut from its record's text; one file's records held at a time."""
    rows = con.execute("""
        SELECT source_file, coalesce(source_record, ''), doc_id, doc_type, city_code, doc_date, report_year,
               plan_year, line_start, line_end
        FROM documents WHERE list_contains($files, source_file)
        ORDER BY source_file, ordinal""", {"files": files}).fetchall()
    by_file: dict[str, list[tuple]] = {}
    for row in rows:
        by_file.setdefault(row[0], []).append(row[1:])
    readable = ingested_files(con, list(by_file))
    for gone in sorted(set(by_file) - {name for name, _ in readable}):
        progress.warning(f"skipped {gone}: it has documents but is no longer read as text (see ingest_log); "
                         "materialise documents for it again")
    for source_file, records in records_of(readable, progress):  # a changed file is skipped
        lines = {r.record_id: split_lines(r.text) for r in records}
        for record, doc_id, doc_type, city, doc_date, report_year, plan_year, start, end in by_file[source_file]:
            if record not in lines:
                progress.warning(f"skipped {doc_id}: record [{record}] of {source_file} is no longer read as text; "
                                 "materialise documents for it again")
                continue
            yield DocumentText(doc_id, doc_type, city, doc_date, report_year, plan_year, start,
                               lines[record][start - 1: end])


def _spec(table: Table) -> dg.AssetSpec:
    return dg.AssetSpec(table.name, description=table.description, metadata=table_metadata(table),
                        kinds={"duckdb", "python"}, deps=[DOCUMENTS.name], partitions_def=source_files)


@dg.multi_asset(name="facts", group_name="facts", specs=[_spec(t) for t in FACT_TABLES],
                partitions_def=source_files, backfill_policy=ONE_RUN_FOR_ALL_FILES)
def facts(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    """Every fact table from one pass over the run's documents; each file's rows replaced in one transaction."""
    files = list(context.partition_keys)
    rows: dict[str, list[tuple]] = {t.name: [] for t in FACT_TABLES}
    parts: dict[str, list[pl.DataFrame]] = {t.name: [] for t in FACT_TABLES}
    started = time.perf_counter()
    warm_up()  # jieba's dictionary and the vocabularies, loaded before worker processes fork
    with duckdb.get_connection() as con, ProgressLog(context) as progress:
        for i in range(0, len(files), FILES_PER_BATCH):  # some files' documents in memory at a time
            docs = list(document_texts(con, files[i: i + FILES_PER_BATCH], progress))
            per_file: dict[str, dict[str, int]] = {}
            for doc, found in zip(docs, map_on_all_cores(fact_rows, docs)):
                counts = per_file.setdefault(doc.doc_id.rsplit(":", 1)[0], {t.name: 0 for t in FACT_TABLES})
                for table, table_rows in found.items():
                    rows[table] += table_rows
                    counts[table] += len(table_rows)
                    if len(rows[table]) >= ROWS_PER_FRAME:  # columns hold rows in a fraction of the memory of tuples
                        parts[table].append(facts_frame(TABLES[table], rows[table]))
                        rows[table] = []
            for stem, counts in per_file.items():
                progress.info(f"{stem}: " + ", ".join(f"{n} {t.removeprefix('fact_')}" for t, n in counts.items()))
        seconds = time.perf_counter() - started
        frames = {t: pl.concat([*parts[t.name], facts_frame(t, rows[t.name])]) for t in FACT_TABLES}
        del parts, rows
        # The rows the checks set aside from these files go too: the new rows are judged afresh.
        replace_rows(con, {**frames, QUARANTINED_ROWS: facts_frame(QUARANTINED_ROWS, [])}, OWNED_BY_FILES,
                     {"files": files})
    for table, frame in frames.items():
        extra = {"extract_seconds": round(seconds, 3)}
        if table is FACT_TARGETS:
            extra["by_indicator"] = dg.MetadataValue.json(
                dict(frame.group_by("indicator_code").len().sort("indicator_code").iter_rows()))
        yield written(table, frame, asset_key=table.name, **extra)

