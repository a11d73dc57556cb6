"""Explicit dates and periods in a document: days, months, years, year ranges, five-year plans.

Each becomes a span of DATEs (2023年 → 2023-01-01..2023-12-31; 十四五 → 2021..2025). A month
and day without a year (12月12日—13日, “7·15”) take their year from the document.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from ..documents.dating import cn_int, five_year_plan
from ..text import scan
from ..text.textmap import MappedText

_Y = r"(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4}"
_N = r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}"
DATE_PATTERN = re.compile(
    rf"(?P<yr1>{_Y})(?:年)?\s*[—–\-~～至到]\s*(?P<yr2>{_Y})年"                          # 2021—2025年
    rf"|(?P<y>{_Y})年(?:(?P<m>{_N})月(?:(?P<d>{_N})日(?:\s*[—–\-~～至到]\s*(?P<d2>{_N})日)?"
    rf"|\s*[—–\-~～至到]\s*(?P<m2>{_N})月)?)?(?P<fy>度)?"                              # 2023年, 2023年5月, 2023年1至11月
    rf"|(?<![0-9年])(?P<md_m>{_N})月(?P<md_d>{_N})日(?:\s*[—–\-~～至到]\s*(?P<md_d2>{_N})日)?"  # 12月12日—13日
    r"|(?<![0-9.])(?P<ev_m>1[0-2]|[1-9])[·•・␎\u2027](?P<ev_d>3[01]|[12][0-9]|[1-9])(?![0-9])"  # “7·15”
    r"|(?P<fyp>十[一二三四五六七八九]五|十五五)"                                             # 十四五
)
# Every date holds a numeral right before 年, 月, 日 or a festival dot (2023年, 5月, 7·15), or is a
# five-year plan (十四五); none holds scan.BREAKS punctuation. (年 alone, as in 今年, 近年来, is no anchor.)
_DATE_ANCHOR = re.compile(r"[\d〇○零一二三四五六七八九十][年月日·•・␎\u2027]|十[一二三四五六七八九]五|十五五")  # \d as in _Y
# Matched at the date's end: 2025年底前, 2024年6月前. Not 2022年前11个月, 前三季度 ("the first …"),
# 2020年前后 ("around"), 2023年前期 ("early in").
_DEADLINE_AFTER = re.compile(r"\s*(?:年底|年末)?(?:前|之前|以前|底前|为止)(?![0-9〇一二两三四五六七八九十个半后期夕列沿])")


class DateFact(NamedTuple):
    date_text: str
    date_start: date
    date_end: date
    granularity: str  # day, month, year, period
    role: str         # meeting, target_year, deadline, event, reference, other
    source_line: int


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _safe(y, m, d) -> date | None:
    try:
        return date(y, m, d)
    except (TypeError, ValueError):
        return None


def _year(text: str | None) -> int | None:
    value = cn_int(text) if text else None
    return value if value and 1900 <= value <= 2100 else None


def extract_dates(doc: MappedText, default_year: int | None, meeting_lines: frozenset[int] = frozenset(),
                  plan_year: int | None = None) -> list[DateFact]:
    """Every explicit date of a document; `default_year` completes month-days written without one."""
    out: list[DateFact] = []
    text = doc.text
    for m in scan.finditer(DATE_PATTERN, text, _DATE_ANCHOR):
        line = doc.line_of(m.start())
        found = _interpret(m, default_year)
        if not found:
            continue
        start, end, granularity = found
        if line in meeting_lines:
            role = "meeting"
        elif _DEADLINE_AFTER.match(text, m.end()):
            role = "deadline"
        elif granularity == "day":
            role = "event"
        elif granularity == "year" and plan_year and start.year == plan_year and "目标" in text[m.end(): m.end() + 30]:
            role = "target_year"
        else:
            role = "reference"
        _, snippet = doc.snippet(m.start(), m.end())
        out.append(DateFact(snippet or m.group(0), start, end, granularity, role, line))
    return out


def _interpret(m: re.Match, default_year: int | None) -> tuple[date, date, str] | None:
    if m["yr1"]:
        y1, y2 = _year(m["yr1"]), _year(m["yr2"])
        if y1 and y2 and y1 < y2:
            return date(y1, 1, 1), date(y2, 12, 31), "period"
        return None
    if m["y"]:
        y = _year(m["y"])
        if not y:
            return None
        if m["m"]:
            mo = cn_int(m["m"])
            if not mo or not 1 <= mo <= 12:
                return None
            if m["d"]:
                d1 = _safe(y, mo, cn_int(m["d"]))
                d2 = _safe(y, mo, cn_int(m["d2"])) if m["d2"] else d1
                if d1 and d2 and d2 >= d1:
                    return d1, d2, "day" if d1 == d2 else "period"
                return None
            if m["m2"]:
                mo2 = cn_int(m["m2"])
                if mo2 and mo < mo2 <= 12:
                    return date(y, mo, 1), _month_end(y, mo2), "period"
                return None
            return date(y, mo, 1), _month_end(y, mo), "month"
        return date(y, 1, 1), date(y, 12, 31), "year"
    if m["md_m"]:
        mo, d = cn_int(m["md_m"]), cn_int(m["md_d"])
        d1 = _safe(default_year, mo, d)
        d2 = _safe(default_year, mo, cn_int(m["md_d2"])) if m["md_d2"] else d1
        if d1 and d2 and d2 >= d1:
            return d1, d2, "day" if d1 == d2 else "period"
        return None
    if m["ev_m"]:
        d1 = _safe(default_year, int(m["ev_m"]), int(m["ev_d"]))
        return (d1, d1, "day") if d1 else None
    if m["fyp"]:
        span = five_year_plan(m["fyp"])
        return (date(span[0], 1, 1), date(span[1], 12, 31), "period") if span else None
    return None
