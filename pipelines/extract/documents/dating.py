"""Calendar facts of a document: dates in Chinese text, delivery dates, datelines, page years."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from ..text import scan

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


def five_year_plan(text: str) -> tuple[int, int] | None:
    """十四五 → (2021, 2025): the n-th plan since the third (1966-1970) spans 1966 + 5·(n-3)."""
    n = cn_int(text[:-1]) if text != "十五五" else 15
    if n is None or n < 3:
        return None
    start = 1966 + 5 * (n - 3)
    return start, start + 4


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


# --- the years a work report reviews and plans, from what it says ---------------------------

# A year in digits or Chinese numerals (一九九八年), not the end of a span (到2030年, 2021—2025年) or a deadline.
CN_YEAR = "[一二][〇○零九][〇○零一二三四五六七八九]{2}"  # 一九五八, 二〇一五
_ANY_YEAR = re.compile(rf"(?<![到至—\-－~～0-9〇○零一二三四五六七八九])((?:19|20)[0-9]{{2}}|{CN_YEAR})\s*年(?!前|底前|以前|之前|代)")
_REVIEW_WORDS = re.compile(r"回顾|工作总结|的工作情况|完成情况|执行情况")
# A heading about a longer horizon (2035年远景目标, 十五五规划) names no year of this report.
_HORIZON_WORDS = re.compile(r"远景|规划|纲要|十[一二三四五六七八九]?五|五年|到(?:19|20)\d\d")
_PLAN_WORDS = re.compile(r"任务|安排|部署|总体要求|打算|目标|建议|重点工作|工作思路")
_HEADING_MAX = 40
# Evidence, strongest first: a heading naming the year reviewed or planned, the delivery date, a
# statement of the year's targets, a result stated for a year (2000年进出口总额达4743亿美元), the title.
_WEIGHTS = {"heading": 10.0, "delivered": 8.0, "targets": 5.0, "result": 1.0}
_TARGETS_OF_YEAR = re.compile(r"((?:19|20)\d{2})年(?:国民经济和社会发展|经济社会发展|经济和社会发展)?的?(?:主要)?预期目标")
# The plan year named by what it is for: 一九五八年度国民经济计划, 1993年的预算, and by where it stands
# in a five-year plan: 今年是实施“十二五”规划的开局之年 (十二五 spans 2011-2015).
_PLAN_OF_YEAR = re.compile(r"(?<![到至—\-－~～0-9〇○零一二三四五六七八九])((?:19|20)[0-9]{2}|[一二][〇○零九][〇○零一二三四五六七八九]{2})\s*年度?的?(?:国民经济计划|国家预算|预算)")
_YEAR_IN_PLAN = re.compile(r"今年是[^。；]{0,24}?“?(十[一二三四五六七八九]五|十五五)”?[^。；]{0,16}?"
                           r"(开局之年|第一年|起步之年|第二年|第三年|第四年|收官之年|最后一年)")
# The year reviewed, named as such: 刚刚过去的2012年, 过去的一年 (2012年).
_JUST_PAST = re.compile(r"刚刚过去的\s*((?:19|20)\d{2})\s*年")
_PLACE_IN_PLAN = {"开局之年": 0, "第一年": 0, "起步之年": 0, "第二年": 1, "第三年": 2, "第四年": 3, "收官之年": 4, "最后一年": 4}
_RESULT_OF_YEAR = re.compile(r"(?<![比较到至—\-－~～\d])((?:19|20)\d{2})年(?:底|末)?[^。，；\d]{0,14}(?:达到|达|增长|完成|实现)\d")


# Results are read in the first part of a report only, and not when aimed at (争取1997年粮食产量达到…).
_REVIEW_SHARE = 0.4
_ASPIRATION = re.compile(r"争取|力争|计划|预计|要|将|确保")


def _year(text: str) -> int | None:
    value = cn_int(text)
    return value if value and 1949 <= value <= 2100 else None


def heading_years(line: str) -> tuple[int | None, int | None]:
    """(reviewed, planned) named by a section heading: 一、2014年工作回顾 / 二、2015年工作总体部署 /
    一、1998年工作回顾和1999年工作的总体要求. A long line or a sentence is not a heading."""
    s = line.strip()
    if not s or len(s) > _HEADING_MAX or "。" in s:
        return None, None
    years = [(m.start(), _year(m[1])) for m in _ANY_YEAR.finditer(s)]
    years = [(at, y) for at, y in years if y]
    if not years:
        return None, None
    review = _REVIEW_WORDS.search(s)
    if not review and _HORIZON_WORDS.search(s):
        return None, None
    if review:
        before = [y for at, y in years if at < review.start()]
        after = [y for at, y in years if at > review.start()]
        planned = after[0] if after and _PLAN_WORDS.search(s, review.end()) else None
        return (before[-1] if before else None), planned
    if _PLAN_WORDS.search(s):
        return None, years[0][1]
    if re.search(r"年的?工作$", s):  # 三、2011年的工作 plans; 首先报告2001年的工作 reviews
        return (years[-1][1], None) if "报告" in s[: years[-1][0]] else (None, years[-1][1])
    return None, None


def report_years_from(lines: list[str], delivered: date | None, scan_chars: int = 200_000) -> tuple[int | None, int | None]:
    """(year reviewed, year planned) of a work report, by weighing what it says of years.

    Each cue votes for the reviewed year (the planned year is the next): section headings, the
    delivery date (in the autumn or winter a report reviews its own year, in spring the year before),
    a statement of a year's targets, results stated for a year. Nothing said, nothing filled in: the
    title's year is no cue (2022年济南市政府工作报告 names the year reviewed, 2026年北京市政府工作报告 the
    year planned), nor is a web page's publication stamp.
    """
    votes: Counter = Counter()
    dated = (delivered.year if delivered.month >= 9 else delivered.year - 1) if delivered else None
    for line in lines:
        reviewed, planned = heading_years(line)
        for year in (reviewed, planned - 1 if planned else None):
            if year and (dated is None or abs(year - dated) <= 1):  # a heading far from the date is another horizon
                votes[year] += _WEIGHTS["heading"]
    if dated:
        votes[dated] += _WEIGHTS["delivered"]
    if not votes:
        text = "\n".join(lines)[:scan_chars]
        for m in _JUST_PAST.finditer(text):
            votes[int(m[1])] += _WEIGHTS["targets"]
        for m in _TARGETS_OF_YEAR.finditer(text):
            votes[int(m[1]) - 1] += _WEIGHTS["targets"]
        for m in _PLAN_OF_YEAR.finditer(text):
            if _year(m[1]):
                votes[_year(m[1]) - 1] += _WEIGHTS["targets"]
        for m in _YEAR_IN_PLAN.finditer(text):
            span = five_year_plan(m[1])
            if span:
                votes[span[0] + _PLACE_IN_PLAN[m[2]] - 1] += _WEIGHTS["targets"]
        review_part = text[: int(len(text) * _REVIEW_SHARE)]  # a report reviews before it plans
        results = Counter(int(m[1]) for m in _RESULT_OF_YEAR.finditer(review_part)
                          if not _ASPIRATION.search(review_part, max(0, m.start() - 6), m.start()))
        for year, n in results.items():
            votes[year] += n * _WEIGHTS["result"]
    if not votes:
        return None, None
    best = max(votes.values())
    reviewed = min(y for y, v in votes.items() if v == best)  # a tie goes to the earlier year: results are past
    return reviewed, reviewed + 1
