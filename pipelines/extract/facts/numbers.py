"""Money amounts in Chinese text: 41.7亿元, 41.7 亿元, 1193万余元, 130余万元, 十亿元, 千亿大关.

Chinese numerals are converted only inside a matched amount (never across a sentence:
cn2an's transform() turns 统一 into 统1).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..text import scan

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
MULTIPLIERS = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "": 1.0}

MONEY = re.compile(
    r"(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(?P<approx1>余|多)?\s*"
    r"(?P<mult>万亿|千亿|百亿|亿|千万|百万|十万|万)?\s*(?P<approx2>余|多)?\s*(?P<cur>美元|元)"
    r"|(?P<milestone>千亿|百亿|万亿)(?=大关)"
)
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
# Every amount holds 元 or stands before 大关, and none holds scan.BREAKS punctuation.
_MONEY_ANCHOR = re.compile("元|大关")
# Amounts that are prices or per-head figures, not sums of money.
_PRICE_BEFORE = re.compile(r"(?:人均|每吨|每亩|每人|每户|每平方米|单价|均价|价格|售价|票价)[^，。；、]{0,12}$")
_PRICE_AFTER = re.compile(r"\s*(?:/|每|／)")  # matched at the amount's end


class Money(NamedTuple):
    start: int
    end: int
    text: str
    value: float      # as written, in `unit`
    unit: str         # 亿元, 万元, 元, 亿美元 …
    yuan: float | None  # in yuan; None for foreign currency


def cn_number(text: str) -> float | None:
    """'12.5' → 12.5; '十' → 10; '一百二十' → 120; '三' → 3."""
    if _DECIMAL.fullmatch(text):
        return float(text)
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            total += (digit if digit is not None else 1) * _CN_UNIT[ch]
            digit = None
        else:
            return None
    return float(total + (digit or 0))


def find_money(text: str) -> list[Money]:
    """Every sum of money in `text`, prices and per-head figures left out."""
    out = []
    for m in scan.finditer(MONEY, text, _MONEY_ANCHOR):
        if m["milestone"]:
            value, unit, yuan = MULTIPLIERS[m["milestone"]] / 1e8, "亿元", MULTIPLIERS[m["milestone"]]
        else:
            value = cn_number(m["num"])
            if value is None or value == 0:
                continue
            if not m["num"][0].isdecimal() and not m["mult"] and m["cur"] == "元":
                continue  # 三元双向 and the like: a bare Chinese numeral before 元 is a word
            mult = m["mult"] or ""
            unit = f"{mult}{m['cur']}"
            yuan = value * MULTIPLIERS[mult] if m["cur"] == "元" else None
        if _PRICE_BEFORE.search(text[max(0, m.start() - 20): m.start()]) or _PRICE_AFTER.match(text, m.end()):
            continue
        out.append(Money(m.start(), m.end(), m.group(0), value, unit, yuan))
    return out
