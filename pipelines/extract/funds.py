"""Money amounts that are not a project's own investment: fiscal, debt, trade, subsidies, output.

fund_kind comes from the nearest keyword (vocab/fund_kinds.csv) before the amount in its
sentence; a specific keyword after it in the same clause (投入1400万元开展…促销活动) beats a
generic one before (投入, 投资, 资金).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from .divisions import VOCAB
from .numbers import Money, find_money
from .sections import period_of
from .textmap import MappedText

_SENTENCE = re.compile(r"[。！？；;\n]")
_CLAUSE = re.compile(r"[，,；;。！？\n：:]")
_LEADING_VERBS = re.compile(r"^(?:[—\-\s“”]*)(?:预计|实现|完成|争取|累计|共|全年|发放|兑现|投入|投资|筹措|获得|带动|新增|达到|达|其中|为[^，]{0,12}?办理|为)+")


@dataclass(frozen=True)
class FundFact:
    amount_value: float
    amount_unit: str
    amount_yuan: float | None
    purpose_text: str
    fund_kind: str
    period: str
    source_line: int
    snippet: str


@lru_cache(maxsize=1)
def fund_keywords() -> tuple[tuple[str, str, bool], ...]:
    with (VOCAB / "fund_kinds.csv").open(encoding="utf-8", newline="") as f:
        rows = [(r["keyword"], r["fund_kind"], r["generic"] == "1") for r in csv.DictReader(f)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _nearest(text: str, generic: bool, from_end: bool) -> str | None:
    """Kind of the keyword nearest the amount: the end of `text` (before it) or its start (after it)."""
    best, best_pos = None, None
    for word, kind, is_generic in fund_keywords():
        if is_generic != generic:
            continue
        at = text.rfind(word) if from_end else text.find(word)
        if at < 0:
            continue
        pos = -(at + len(word)) if from_end else at
        if best_pos is None or pos < best_pos:
            best, best_pos = kind, pos
    return best


def fund_kind(clause_before: str, after: str, sentence_before: str = "") -> str:
    """Specific words in the amount's own clause first, then generic ones, then the rest of the sentence."""
    return (_nearest(clause_before, False, True) or _nearest(after, False, False)
            or _nearest(clause_before, True, True) or _nearest(sentence_before, False, True)
            or _nearest(after, True, False) or _nearest(sentence_before, True, True) or "other")


def _bounds(pattern: re.Pattern, text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in pattern.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    right = pattern.search(text, end)
    return left, right.start() if right else len(text)


def extract_funds(doc: MappedText, claimed: list[tuple[int, int]], plan_start: int | None,
                  amounts: list[Money] | None = None) -> list[FundFact]:
    """Every money amount of a document outside `claimed` spans (projects' own investment).

    `amounts` is find_money(doc.text) when the caller has it already."""
    out = []
    text = doc.text
    for money in find_money(text) if amounts is None else amounts:
        if any(a < money.end and money.start < b for a, b in claimed):
            continue
        s_start, _ = _bounds(_SENTENCE, text, money.start, money.end)
        c_start, c_end = _bounds(_CLAUSE, text, money.start, money.end)
        before, after = text[c_start: money.start], text[money.end: c_end]
        purpose = _LEADING_VERBS.sub("", text[c_start: money.start]).strip(" ，、的")
        if not purpose:
            purpose = after.strip(" ，、的")[:40]
        line, snippet = doc.snippet(c_start, c_end, on_line=doc.line_of(money.start))
        out.append(FundFact(money.value, money.unit, money.yuan, purpose[:80], fund_kind(before, after, text[s_start: c_start]),
                            period_of(line, plan_start), line, snippet))
    return out

