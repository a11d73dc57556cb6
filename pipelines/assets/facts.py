"""Facts: numbers extracted from each document's text, one table per kind of fact."""
import time
from collections.abc import Iterator
from dataclasses import dataclass

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from ..extract.targets import extract_targets
from ..extract.text import split_lines
from ..extract.textmap import MappedText, map_lines
from ..schema import FACT_TARGETS, FACT_TARGETS_QUALITATIVE
from ..warehouse import replace_table
from .common import column_schema, table_metadata
from .documents import documents


@dataclass(frozen=True)
class DocumentText:
    doc_id: str
    doc_type: str
    city_code: str | None
    plan_year: int | None
    text: MappedText


def document_texts(con, doc_types: tuple[str, ...]) -> Iterator[DocumentText]:
    """Each document of the given types, its lines cut from the stored file text and mapped."""
    rows = con.execute("""
        SELECT d.doc_id, d.doc_type, d.city_code, d.plan_year, d.line_start, d.line_end, s.text
        FROM documents d JOIN source_texts s USING (source_file)
        WHERE list_contains($types, d.doc_type)
        ORDER BY d.source_file, d.ordinal""", {"types": list(doc_types)}).fetchall()
    lines_by_text: dict[int, list[str]] = {}
    for doc_id, doc_type, city_code, plan_year, start, end, text in rows:
        lines = lines_by_text.setdefault(id(text), split_lines(text))
        yield DocumentText(doc_id, doc_type, city_code, plan_year, map_lines(lines[start - 1 : end], start))


@dg.multi_asset(
    group_name="facts",
    specs=[
        dg.AssetSpec("fact_targets", description=FACT_TARGETS.description, metadata=table_metadata(FACT_TARGETS),
                     kinds={"duckdb", "python"}, deps=[documents]),
        dg.AssetSpec("fact_targets_qualitative", description=FACT_TARGETS_QUALITATIVE.description,
                     metadata=table_metadata(FACT_TARGETS_QUALITATIVE), kinds={"duckdb", "python"}, deps=[documents]),
    ],
)
def fact_targets(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    """One pass over each work report's targets statement writes both tables."""
    rows, quali_rows = [], []
    started = time.perf_counter()
    with duckdb.get_connection() as con:
        for doc in document_texts(con, ("work_report",)):
            targets, qualitative = extract_targets(doc.text, doc.plan_year)
            for n, t in enumerate(targets, start=1):
                rows.append({"target_id": f"{doc.doc_id}:t{n:03d}", "doc_id": doc.doc_id, "city_code": doc.city_code,
                             "plan_year": doc.plan_year, **{k: getattr(t, k) for k in FACT_TARGETS.column_names
                                                            if hasattr(t, k)}})
            for n, q in enumerate(qualitative, start=1):
                quali_rows.append({"qualitative_id": f"{doc.doc_id}:q{n:03d}", "doc_id": doc.doc_id,
                                   "city_code": doc.city_code, "plan_year": doc.plan_year,
                                   "indicator_text": q.indicator_text, "text": q.text, "source_line": q.source_line})
            context.log.info(f"{doc.doc_id}: {len(targets)} target(s), {len(qualitative)} qualitative")
        extract_seconds = time.perf_counter() - started
        frame = pl.DataFrame(rows, schema={c.name: _polars_type(c.type) for c in FACT_TARGETS.columns})
        quali = pl.DataFrame(quali_rows, schema={c.name: _polars_type(c.type) for c in FACT_TARGETS_QUALITATIVE.columns})
        replace_table(con, FACT_TARGETS, frame)
        replace_table(con, FACT_TARGETS_QUALITATIVE, quali)
    yield dg.MaterializeResult(asset_key="fact_targets", metadata={
        "dagster/row_count": frame.height,
        "dagster/column_schema": column_schema(FACT_TARGETS),
        "extract_seconds": round(extract_seconds, 3),
        "by_indicator": dg.MetadataValue.json(dict(frame.group_by("indicator_code").len().sort("indicator_code").iter_rows())),
    })
    yield dg.MaterializeResult(asset_key="fact_targets_qualitative", metadata={
        "dagster/row_count": quali.height,
        "dagster/column_schema": column_schema(FACT_TARGETS_QUALITATIVE),
    })


_TYPES = {"VARCHAR": pl.Utf8, "INTEGER": pl.Int32, "BIGINT": pl.Int64, "DOUBLE": pl.Float64, "DATE": pl.Date,
          "TIMESTAMP": pl.Datetime("us")}


def _polars_type(sql_type: str):
    return _TYPES[sql_type]
