"""Every kind of fact from one document's text, in one pass: the unit the facts step maps (and parallelises).

The facts are named tuples of plain values; which table each kind fills, its row ids and its
columns' order are the warehouse's business (pipelines/defs/assets/facts.py), not this module's."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from ..documents.split import is_delivery_line
from ..text.textmap import MappedText, fold, map_lines
from .dates import DateFact, extract_dates
from .funds import FundFact, extract_funds
from .numbers import find_money
from .outcomes import Outcome, extract_outcomes, review_end
from .projects import AggregateFact, ProjectFact, extract_projects
from .sections import body_lines, plan_start_line
from .targets import QualitativeTarget, Target, extract_targets, segmenter


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


class Facts(NamedTuple):
    """Every fact of one document, kind by kind, in the order found: named tuples of plain values.

    No ids, tables or columns: the wiring (pipelines/defs/assets/facts.py) makes table rows of them."""

    targets: list[Target]
    targets_qualitative: list[QualitativeTarget]
    outcomes: list[Outcome]
    projects: list[ProjectFact]
    project_aggregates: list[AggregateFact]
    funds: list[FundFact]
    dates: list[DateFact]


def extract_facts(doc: DocumentText) -> Facts:
    """Every fact in the document.

    Targets and outcomes (the reviewed year's results) come from work reports only. Projects come
    before funds: the money a named project owns is its investment, every other amount is a fund.
    The glossary (名词解释) is skipped for both.
    """
    text: MappedText = map_lines(doc.lines, doc.line_start)
    targets: list[Target] = []
    qualitative: list[QualitativeTarget] = []
    outcomes: list[Outcome] = []
    plan_start = None
    if doc.doc_type == "work_report":
        targets, qualitative = extract_targets(text, doc.plan_year)
        plan_start = plan_start_line(text, doc.plan_year)
        # The review part ends where the plan part or the targets statement begins, whichever is first.
        end = review_end(text, plan_start, min((t.source_line for t in targets), default=None))
        outcomes = extract_outcomes(text, doc.report_year, end, doc.doc_date.year if doc.doc_date else None)
    body_source = body_lines(doc.lines)
    body = text if len(body_source) == len(doc.lines) else map_lines(body_source, doc.line_start)
    money = find_money(body.text)
    projects, aggregates, claimed = extract_projects(body, plan_start, money)
    funds = extract_funds(body, claimed, plan_start, money)
    meeting = frozenset(doc.line_start + i for i, line in enumerate(doc.lines[:8]) if is_delivery_line(fold(line)))
    dates = extract_dates(text, doc.default_year, meeting, doc.plan_year)
    return Facts(targets, qualitative, outcomes, projects, aggregates, funds, dates)
