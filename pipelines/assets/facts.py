"""Facts: numbers extracted from each document's text, one table per kind of fact."""
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from ..extract.dates import extract_dates
from ..extract.documents import is_delivery_line
from ..extract.funds import extract_funds
from ..extract.projects import extract_projects
from ..extract.sections import body_lines, plan_start_line
from ..extract.targets import extract_targets
from ..extract.text import split_lines
from ..extract.textmap import MappedText, map_lines
from ..schema import (FACT_DATES, FACT_FUNDS, FACT_PROJECT_AGGREGATES, FACT_PROJECTS, FACT_TARGETS,
                      FACT_TARGETS_QUALITATIVE, Table)
from ..warehouse import polars_schema, replace_table
from .common import column_schema, table_metadata
from .documents import documents

@dataclass(frozen=True)
class DocumentText:
    doc_id: str
    doc_type: str
    city_code: str | None
    doc_date: date | None
    report_year: int | None
    plan_year: int | None
    line_start: int
    lines: list[str]
    text: MappedText

    @property
    def default_year(self) -> int | None:
        """The year a month-day without one belongs to."""
        if self.doc_type == "work_report" and self.report_year:
            return self.report_year
        return self.doc_date.year if self.doc_date else self.plan_year


def document_texts(con, doc_types: tuple[str, ...] | None = None) -> Iterator[DocumentText]:
    """Each document (of the given types), its lines cut from the stored file text and mapped."""
    rows = con.execute("""
        SELECT d.doc_id, d.doc_type, d.city_code, d.doc_date, d.report_year, d.plan_year, d.line_start, d.line_end,
               s.source_file
        FROM documents d JOIN source_texts s USING (source_file)
        WHERE $types IS NULL OR list_contains($types, d.doc_type)
        ORDER BY d.source_file, d.ordinal""", {"types": list(doc_types) if doc_types else None}).fetchall()
    lines_of: dict[str, list[str]] = {}
    for doc_id, doc_type, city, doc_date, report_year, plan_year, start, end, source_file in rows:
        if source_file not in lines_of:
            (text,) = con.execute("SELECT text FROM source_texts WHERE source_file = ?", [source_file]).fetchone()
            lines_of = {source_file: split_lines(text)}  # one file's lines held at a time
        lines = lines_of[source_file][start - 1: end]
        yield DocumentText(doc_id, doc_type, city, doc_date, report_year, plan_year, start, lines,
                           map_lines(lines, start))


def facts_frame(table: Table, rows: list[dict]) -> pl.DataFrame:
    """The table's columns from each row dict (other keys ignored, missing ones NULL)."""
    return pl.DataFrame([{k: r.get(k) for k in table.column_names} for r in rows], schema=polars_schema(table))


def _rows(doc: DocumentText, facts, id_column: str, tag: str, **extra) -> list[dict]:
    return [{id_column: f"{doc.doc_id}:{tag}{n:03d}", "doc_id": doc.doc_id, "city_code": doc.city_code,
             **extra, **asdict(f)} for n, f in enumerate(facts, start=1)]


def _written(table: Table, frame: pl.DataFrame, **extra) -> dg.MaterializeResult:
    return dg.MaterializeResult(asset_key=table.name, metadata={
        "dagster/row_count": frame.height, "dagster/column_schema": column_schema(table), **extra})


def _spec(table: Table) -> dg.AssetSpec:
    return dg.AssetSpec(table.name, description=table.description, metadata=table_metadata(table),
                        kinds={"duckdb", "python"}, deps=[documents])


@dg.multi_asset(group_name="facts", specs=[_spec(FACT_TARGETS), _spec(FACT_TARGETS_QUALITATIVE)])
def fact_targets(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    """Plan-year targets of work reports; one pass writes both the numeric and the qualitative table."""
    rows, quali_rows = [], []
    started = time.perf_counter()
    with duckdb.get_connection() as con:
        for doc in document_texts(con, ("work_report",)):
            targets, qualitative = extract_targets(doc.text, doc.plan_year)
            rows += _rows(doc, targets, "target_id", "t", plan_year=doc.plan_year)
            quali_rows += _rows(doc, qualitative, "qualitative_id", "q", plan_year=doc.plan_year)
            context.log.info(f"{doc.doc_id}: {len(targets)} target(s), {len(qualitative)} qualitative")
        seconds = time.perf_counter() - started
        frame = facts_frame(FACT_TARGETS, rows)
        quali = facts_frame(FACT_TARGETS_QUALITATIVE, quali_rows)
        replace_table(con, FACT_TARGETS, frame)
        replace_table(con, FACT_TARGETS_QUALITATIVE, quali)
    by_indicator = dict(frame.group_by("indicator_code").len().sort("indicator_code").iter_rows())
    yield _written(FACT_TARGETS, frame, extract_seconds=round(seconds, 3),
                   by_indicator=dg.MetadataValue.json(by_indicator))
    yield _written(FACT_TARGETS_QUALITATIVE, quali)


@dg.multi_asset(group_name="facts", specs=[_spec(FACT_PROJECTS), _spec(FACT_PROJECT_AGGREGATES), _spec(FACT_FUNDS)])
def fact_projects_and_funds(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    """Projects first: the money a named project owns is its investment, every other amount is a fund."""
    projects, aggregates, funds = [], [], []
    started = time.perf_counter()
    with duckdb.get_connection() as con:
        for doc in document_texts(con):
            plan_start = plan_start_line(doc.text, doc.plan_year) if doc.doc_type == "work_report" else None
            body = map_lines(body_lines(doc.lines), doc.line_start)
            found, counted, claimed = extract_projects(body, plan_start)
            money = extract_funds(body, claimed, plan_start)
            projects += _rows(doc, found, "project_id", "p")
            aggregates += _rows(doc, counted, "aggregate_id", "a")
            funds += _rows(doc, money, "fund_id", "f")
            if found or money:
                context.log.info(f"{doc.doc_id}: {len(found)} project(s), {len(counted)} aggregate(s), "
                                 f"{len(money)} amount(s)")
        seconds = time.perf_counter() - started
        frames = {t: facts_frame(t, rows)
                  for t, rows in ((FACT_PROJECTS, projects), (FACT_PROJECT_AGGREGATES, aggregates),
                                  (FACT_FUNDS, funds))}
        for table, frame in frames.items():
            replace_table(con, table, frame)
    for table, frame in frames.items():
        yield _written(table, frame, extract_seconds=round(seconds, 3))


@dg.asset(group_name="facts", description=FACT_DATES.description, metadata=table_metadata(FACT_DATES),
          kinds={"duckdb", "python"}, deps=[documents])
def fact_dates(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    rows = []
    with duckdb.get_connection() as con:
        for doc in document_texts(con):
            meeting = frozenset(doc.line_start + i for i, line in enumerate(doc.lines[:8]) if is_delivery_line(line))
            found = extract_dates(doc.text, doc.default_year, meeting, doc.plan_year)
            rows += _rows(doc, found, "date_id", "d")
        frame = facts_frame(FACT_DATES, rows)
        replace_table(con, FACT_DATES, frame)
    context.log.info(f"{frame.height} date(s)")
    return _written(FACT_DATES, frame)
