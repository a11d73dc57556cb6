"""Every kind of fact from one document's text, in one pass: the unit the facts step maps (and parallelises)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import itemgetter

from ..schema import TABLES

from .dates import extract_dates
from .documents import is_delivery_line
from .funds import extract_funds
from .numbers import find_money
from .outcomes import extract_outcomes, review_end
from .projects import extract_projects
from .sections import body_lines, plan_start_line
from .targets import extract_targets, segmenter
from .textmap import MappedText, fold, map_lines


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

    @property
    def default_year(self) -> int | None:
        """The year a month-day without one belongs to."""
        if self.doc_type == "work_report" and self.report_year:
            return self.report_year
        return self.doc_date.year if self.doc_date else self.plan_year


def warm_up() -> None:
    """Load what extraction reads once per process (jieba's dictionary, vocabularies) before forking workers."""
    segmenter().lcut("地区生产总值")
    extract_facts(DocumentText("warm:001", "work_report", None, None, 2023, 2024, 1,
                               ["今年主要预期目标是：地区生产总值增长6%左右。", "总投资80亿元的新区大道工程开工建设。"]))


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


def extract_facts(doc: DocumentText) -> dict[str, list[tuple]]:
    """Table name → rows (tuples in the table's column order, ids included) of every fact in the document.

    Targets and outcomes (the reviewed year's results) come from work reports only. Projects come
    before funds: the money a named project owns is its investment, every other amount is a fund.
    The glossary (名词解释) is skipped for both.
    """
    text: MappedText = map_lines(doc.lines, doc.line_start)
    out: dict[str, list[tuple]] = {"fact_targets": [], "fact_targets_qualitative": [], "fact_outcomes": []}
    plan_start = None
    if doc.doc_type == "work_report":
        targets, qualitative = extract_targets(text, doc.plan_year)
        out["fact_targets"] = _rows(doc, targets, "fact_targets", "t", plan_year=doc.plan_year)
        out["fact_targets_qualitative"] = _rows(doc, qualitative, "fact_targets_qualitative", "q", plan_year=doc.plan_year)
        plan_start = plan_start_line(text, doc.plan_year)
        # The review part ends where the plan part or the targets statement begins, whichever is first.
        end = review_end(text, plan_start, min((t.source_line for t in targets), default=None))
        outcomes = extract_outcomes(text, doc.report_year, end, doc.doc_date.year if doc.doc_date else None)
        out["fact_outcomes"] = _rows(doc, outcomes, "fact_outcomes", "o", year=doc.report_year)
    body_source = body_lines(doc.lines)
    body = text if len(body_source) == len(doc.lines) else map_lines(body_source, doc.line_start)
    money = find_money(body.text)
    projects, aggregates, claimed = extract_projects(body, plan_start, money)
    funds = extract_funds(body, claimed, plan_start, money)
    out["fact_projects"] = _rows(doc, projects, "fact_projects", "p")
    out["fact_project_aggregates"] = _rows(doc, aggregates, "fact_project_aggregates", "a")
    out["fact_funds"] = _rows(doc, funds, "fact_funds", "f")
    meeting = frozenset(doc.line_start + i for i, line in enumerate(doc.lines[:8]) if is_delivery_line(fold(line)))
    out["fact_dates"] = _rows(doc, extract_dates(text, doc.default_year, meeting, doc.plan_year), "fact_dates", "d")
    return out
