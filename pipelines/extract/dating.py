"""Calendar facts of a document: dates in Chinese text, delivery dates, datelines, page years."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from . import scan

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NUM = r"[0-9０-９〇○零一二三四五六七八九十]"
FULL_DATE = re.compile(
    rf"(?P<y>{_NUM}{{4}})\s*年\s*(?P<m>{_NUM}{{1,2}})\s*月\s*(?P<d>{_NUM}{{1,3}})\s*日"
    r"|(?P<y2>(?:19|20)\d{2})[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})(?!\d)"
)
MONTH_DAY = re.compile(rf"(?:(?P<y>{_NUM}{{4}})\s*年\s*)?(?P<m>{_NUM}{{1,2}})\s*月\s*(?P<d>{_NUM}{{1,3}})\s*日")
# "14日上午," — a day alone at the head of a lead paragraph.
DAY_ONLY = re.compile(r"^(?P<d>[0-9]{1,2})日(?:上午|下午|晚|晚间|早|电|，|,|\s)")
YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年")
_YEAR_ANCHOR = re.compile(r"[0-9]\s*年")  # every YEAR match holds it, and no scan.BREAKS punctuation
STAMP = re.compile(r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s+\d{1,2}:\d{2}")


def cn_int(text: str) -> int | None:
    """'2022', '２０２２', '二〇二二', '十二', '二十六' → int; None when not a number."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS for ch in text):
        return None
    if "十" not in text:  # digit by digit: 二〇二二
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def make_date(y: int | None, m: int | None, d: int | None) -> date | None:
    try:
        return date(y, m, d) if y and m and d else None
    except ValueError:
        return None


def first_full_date(text: str) -> date | None:
    for match in FULL_DATE.finditer(text):
        if match["y"]:
            found = make_date(cn_int(match["y"]), cn_int(match["m"]), cn_int(match["d"]))
        else:
            found = make_date(int(match["y2"]), int(match["m2"]), int(match["d2"]))
        if found:
            return found
    return None


def publication_stamp(text: str) -> date | None:
    """A web page's '2023-07-21 09:33:26' stamp."""
    match = STAMP.search(text)
    return make_date(int(match[1]), int(match[2]), int(match[3])) if match else None


def dateline(text: str, year: int | None, month: int | None) -> date | None:
    """The first month-day (or day alone, at the start) of a headline or lead; year and month fill gaps."""
    match = MONTH_DAY.search(text)
    if match:
        y = cn_int(match["y"]) if match["y"] else year
        return make_date(y, cn_int(match["m"]), cn_int(match["d"]))
    match = DAY_ONLY.match(text)
    if match:
        return make_date(year, month, int(match["d"]))
    return None


def page_year(text: str) -> int | None:
    """The year a newspaper page was printed, from what it says of years.

    A page speaks of the year just ended as 去年 and of the coming one as 明年: when it looks
    ahead more than back, its latest year is next year.
    """
    stamp = publication_stamp(text)
    if stamp:
        return stamp.year
    years = Counter(int(m[1]) for m in scan.finditer(YEAR, text, _YEAR_ANCHOR))
    if not years:
        return None
    latest = max(years)
    if text.count("明年") > text.count("去年") and latest - 1 in years:
        return latest - 1
    return latest


def report_years(delivered: date | None, title_year: int | None) -> tuple[int | None, int | None]:
    """(year reviewed, year planned) of a work report.

    Delivered in the autumn or winter, a report reviews its own year; delivered in the first
    months of a year, it reviews the year before. The title's year counts only without a date.
    """
    if delivered:
        reviewed = delivered.year if delivered.month >= 9 else delivered.year - 1
    elif title_year:
        reviewed = title_year
    else:
        return None, None
    return reviewed, reviewed + 1
