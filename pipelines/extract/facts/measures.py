"""The grammar of a numeric statement, which targets and outcomes both read it with.

Indicator names (vocab/indicators.csv), and fillers, verbs, units and qualifier words
(vocab/target_grammar.csv); numbers with their units (6.5%, 5.8%~6%, 1.3万亿斤, 百分之八); the verb before
a number, the word that qualifies it (左右, 以上, 不低于) and what a percentage measures (growth rate,
ratio, index, level).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..vocabulary import VOCAB

FOOTNOTE = re.compile(r"\[\d{1,3}\]|［\d{1,3}］|[（(]\d{1,3}[）)]")
_CN_NUMERAL = "零〇○一二两三四五六七八九十百点"
# Units (vocab/target_grammar.csv, kind unit) take one of these magnitudes: 万人, 亿斤, 万亿斤.
_MAGNITUDE = "万亿|千亿|百亿|亿|千万|百万|万|千"
_RATIO_WORDS = re.compile(r"率|比例|比重|占比|比率|强度")
# A per-unit-of-GDP ratio (单位GDP水耗, 万元生产总值用水量) or GDP per head is not GDP itself.
PER_UNIT_OF = ("单位", "万元", "每万元", "人均")
CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0, "两": 2}


class Value(NamedTuple):
    start: int
    end: int
    value: float
    high: float | None
    unit: str


@dataclass(frozen=True)
class Grammar:
    aliases: tuple[tuple[str, str], ...]       # (alias, code), longest first
    fillers: tuple[str, ...]
    split_prefixes: dict[str, tuple[str, ...]]
    verbs: tuple[tuple[str, str], ...]         # (verb, sense), longest first
    stops: tuple[str, ...]
    units: tuple[str, ...]                     # longest first: 千瓦时 before 千瓦
    after: tuple[tuple[str, str], ...]         # (word after the number, qualifier): 左右 → about
    before: tuple[tuple[str, str], ...]        # (word before the number, qualifier), longest first: 不低于 → at_least


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    with (VOCAB / "indicators.csv").open(encoding="utf-8", newline="") as f:
        aliases = [(r["alias"].strip(), r["indicator_code"].strip()) for r in csv.DictReader(f)]
    rows: dict[str, list[tuple[str, str]]] = {}
    with (VOCAB / "target_grammar.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            rows.setdefault(r["kind"], []).append((r["text"], r["meaning"]))
    by_len = lambda pairs: tuple(sorted(pairs, key=lambda p: -len(p[0])))
    return Grammar(
        aliases=by_len(aliases),
        fillers=tuple(t for t, _ in by_len(rows.get("filler", []))),
        split_prefixes={t: tuple(m.split("|")) for t, m in rows.get("split_prefix", [])},
        verbs=by_len(rows.get("verb", [])),
        stops=tuple(t for t, _ in rows.get("stop", [])),
        units=tuple(t for t, _ in by_len(rows.get("unit", []))),
        after=by_len(rows.get("qualifier_after", [])),
        before=by_len(rows.get("qualifier_before", [])),
    )


@lru_cache(maxsize=1)
def before_rx() -> re.Pattern:
    """A qualifier word right before the number (不低于900万人, 低于4.6%)."""
    return re.compile("(?:" + "|".join(re.escape(w) for w, _ in grammar().before) + r")\s*$")


@lru_cache(maxsize=None)  # keyed by how it is called too: value_rx(True) and value_rx(approximate=True)
def value_rx(approximate: bool = False) -> re.Pattern:
    """A number with its unit (6.5%, 5.8%~6%, 1.3万亿斤, 29微克/立方米, 1个百分点) or a percentage in
    words (百分之八, 百分之七点五, 百分之八至九: reports before 2000). With `approximate`, also a
    number with 多 or 余 before its unit (1000多万人, 300余亿元: results say so, targets do not)."""
    units = "|".join(re.escape(u) for u in grammar().units)
    more = "(?:多|余)?" if approximate else ""
    return re.compile(
        r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u1>%)?\s*(?:(?P<sep>~|—{1,2}|–|-|至|到)\s*(?P<hi>\d+(?:\.\d+)?)\s*)?"
        rf"{more}(?P<unit>%|‰|个百分点|(?:{_MAGNITUDE})?(?:{units}))"
        rf"|百分之(?P<cv>[{_CN_NUMERAL}]+)(?:(?:至|到|—{{1,2}}|-|~)(?:百分之)?(?P<chi>[{_CN_NUMERAL}]+))?"
    )


def find_verb(prefix: str) -> tuple[int, str, str] | None:
    """Last verb in the text before a value: (position, verb, sense)."""
    best = None
    for verb, sense in grammar().verbs:
        at = prefix.rfind(verb)
        if at >= 0 and (best is None or at > best[0] or (at == best[0] and len(verb) > len(best[1]))):
            best = (at, verb, sense)
    return best


def _cn_number(text: str) -> float:
    """七 → 7, 十一 → 11, 七点五 → 7.5, 一百 → 100 (the numerals of 百分之…)."""
    whole, _, frac = text.partition("点")
    total, digit = 0, 0
    for ch in whole:
        if ch in CN_DIGIT:
            digit = CN_DIGIT[ch]
        else:  # 十 or 百
            total += (digit or 1) * (10 if ch == "十" else 100)
            digit = 0
    value = float(total + digit)
    decimals = "".join(str(CN_DIGIT[ch]) for ch in frac if ch in CN_DIGIT)
    return value + float("0." + decimals) if decimals else value


def values(clause: str, approximate: bool = False) -> list[Value]:
    out = []
    for m in value_rx(approximate).finditer(clause):
        if m["v"] is not None:
            out.append(Value(m.start(), m.end(), float(m["v"]), float(m["hi"]) if m["hi"] else None, m["unit"]))
        else:
            out.append(Value(m.start(), m.end(), _cn_number(m["cv"]),
                              _cn_number(m["chi"]) if m["chi"] else None, "%"))
    return out


def qualifier(clause: str, v: Value) -> str:
    """The word after the number decides (控制在4.6% alone is exact); 不低于/低于 before it, else."""
    if v.high is not None:
        return "range"
    tail = FOOTNOTE.sub("", clause[v.end:]).lstrip()[:2]
    for word, q in grammar().after:
        if tail.startswith(word):
            return q
    word = before_rx().search(clause, 0, v.start)
    if word:
        return dict(grammar().before)[word[0].rstrip()]
    return "exact"


def measure(code: str, text: str, unit: str, value: float, sense: str | None) -> str:
    if unit not in ("%", "‰", "个百分点"):
        return "level"
    if code == "cpi" and value >= 90 and "涨幅" not in text:
        return "index"
    if "涨幅" in text or "增速" in text or "增幅" in text or sense in ("increase", "decrease"):
        return "growth_rate"
    if _RATIO_WORDS.search(text) or unit == "个百分点":
        return "ratio"
    return "growth_rate"
