"""Money amounts that are not a project's own investment: fiscal, debt, trade, subsidies, output.

fund_kind comes from the nearest keyword (vocab/fund_kinds.csv) before the amount in its
sentence; a specific keyword after it in the same clause (投入1400万元开展…促销活动) beats a
generic one before (投入, 投资, 资金).
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from ..text.textmap import MappedText
from ..vocabulary import VOCAB
from .numbers import Money, find_money
from .sections import period_of

_SENTENCE = re.compile(r"[。！？；;\n]")
_CLAUSE = re.compile(r"[，,；;。！？\n：:]")
_LEADING_VERBS = re.compile(r"^(?:[—\-\s“”]*)(?:预计|实现|完成|争取|累计|共|全年|发放|兑现|投入|投资|筹措|获得|带动|新增|达到|达|其中|为[^，]{0,12}?办理|为)+")


class FundFact(NamedTuple):
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


@lru_cache(maxsize=None)
def _keyword_pattern(generic: bool, from_end: bool) -> re.Pattern:
    """The keywords of one kind, in fund_keywords() order; spelled backwards to search from the end.

    A search returns the leftmost occurrence and, there, the first keyword listed: the keyword
    nearest the amount, ties going to the longer (listed first)."""
    words = [w[::-1] if from_end else w for w, _, is_generic in fund_keywords() if is_generic == generic]
    return re.compile("|".join(re.escape(w) for w in words))


@lru_cache(maxsize=None)
def _kind_of(generic: bool, from_end: bool) -> dict[str, str]:
    return {(w[::-1] if from_end else w): kind for w, kind, is_generic in reversed(fund_keywords())
            if is_generic == generic}  # reversed: a keyword listed twice keeps its first kind


def _nearest(text: str, generic: bool, from_end: bool) -> str | None:
    """Kind of the keyword nearest the amount: the end of `text` (before it) or its start (after it)."""
    found = _keyword_pattern(generic, from_end).search(text[::-1] if from_end else text)
    return _kind_of(generic, from_end)[found.group()] if found else None


def fund_kind(clause_before: str, after: str, sentence_before: str = "") -> str:
    """Specific words in the amount's own clause first, then generic ones, then the rest of the sentence."""
    return (_nearest(clause_before, False, True) or _nearest(after, False, False)
            or _nearest(clause_before, True, True) or _nearest(sentence_before, False, True)
            or _nearest(after, True, False) or _nearest(sentence_before, True, True) or "other")


def _bounds(pattern: re.Pattern, text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch from the last break before `start` (at most 400 characters back) to the first at or after `end`."""
    floor = max(0, start - 400)
    before = pattern.search(text[floor:start][::-1])  # the nearest break, read backwards
    after = pattern.search(text, end)
    return (start - before.start() if before else floor), (after.start() if after else len(text))


def extract_funds(doc: MappedText, claimed: list[tuple[int, int]], plan_start: int | None,
                  amounts: list[Money] | None = None) -> list[FundFact]:
    """Every money amount of a document outside `claimed` spans (projects' own investment).

    `amounts` is find_money(doc.text) when the caller has it already."""
    out = []
    text = doc.text
    claimed = sorted(claimed)
    claimed_starts = [a for a, _ in claimed]
    reach = list(accumulate((b for _, b in claimed), max))  # furthest end among the spans up to each one
    for money in find_money(text) if amounts is None else amounts:
        starting_before = bisect_left(claimed_starts, money.end)  # claimed spans that start before it ends
        if starting_before and reach[starting_before - 1] > money.start:
            continue  # one of them overlaps it
        s_start, _ = _bounds(_SENTENCE, text, money.start, money.end)
        c_start, c_end = _bounds(_CLAUSE, text, money.start, money.end)
        before, after = text[c_start: money.start], text[money.end: c_end]
        purpose = _LEADING_VERBS.sub("", before).strip(" ，、的")
        if not purpose:
            purpose = after.strip(" ，、的")[:40]
        line, snippet = doc.snippet(c_start, c_end, on_line=doc.line_of(money.start))
        out.append(FundFact(money.value, money.unit, money.yuan, purpose[:80], fund_kind(before, after, text[s_start: c_start]),
                            period_of(line, plan_start), line, snippet))
    return out

