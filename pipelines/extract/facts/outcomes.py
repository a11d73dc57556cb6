"""Whole-year results (outcomes) a work report states for the year it reviews.

The review part of a report (before its plan part: sections.plan_start_line, or the plan-year
targets statement) says what the reviewed year achieved: 国内生产总值达到13.65万亿元，比上年增长9.5%；
城镇新增就业980万人；预计全年地区生产总值增长6%左右. We read only the sentences of that part that
name an indicator of the code list (the targets' names, vocab/indicators.csv, and the results' own,
vocab/outcome_grammar.csv) and hold a number, and in them each number whose words tie it to the
indicator and to the reviewed year:

- the indicator comes before the number in its clause, with only verbs and filler words between
  (比上年实际增长, 达到, 突破); a clause naming none takes the indicator of the clause before
  (…13.65万亿元，比上年增长9.5%), two numbers the two indicators before (…9422元，…2936元，分别增长
  7.7%和6.8%); a name after words that are no filler is a part (中央财政收入, 跨境电商进出口);
- the time is the reviewed year: the last time word before the number in its sentence (2004年, 去年,
  全年) or else the time a sentence before it in the paragraph opens with (这五年，…; 过去一年，…), or
  else a period of years an earlier paragraph of its section opens with, until a paragraph opens with
  another time (过去五年极不寻常。| 经济发展再上新台阶。…), or else the time its section heading names
  (二、“十二五”时期的主要目标和任务); 今年 and the plan year, periods of years (五年来, 十一五时期,
  以来), parts of the year (上半年, 1-11月) and other years are not; but the level a period that runs
  to the reviewed year ends on is the year's (这五年，…国内生产总值达到39.8万亿元; not new jobs, a sum);
- the number is no average or total over years (年均, 累计, 比1995年增长69%), no end of a from-to
  (从7.4万亿元增加到10.2万亿元), no amount added to a level (比上年增加1501亿元), no target (目标).

A figure said twice (the summary, then its section) is kept once, where it is said first, unless
the same sentence goes on from a mark passed to the exact figure (突破4000亿元大关，达到4250亿元).
`estimated` is true for a number after 预计 in its sentence (or in a sentence saying 预计数/预计值).
Numbers, units, verbs and qualifier words are read with the targets' grammar (measures.py); the
words that are the results' own (time words, fillers between a name and its number, units a level
is counted in) are in vocab/outcome_grammar.csv.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..documents.dating import CN_YEAR
from ..text.textmap import MappedText
from ..vocabulary import VOCAB
from . import measures
from .targets import split_indicators


class Outcome(NamedTuple):
    indicator_code: str
    indicator_text: str
    measure: str
    value: float
    value_high: float | None
    unit: str
    qualifier: str
    estimated: bool
    source_line: int
    snippet: str


class _Alias(NamedTuple):
    start: int  # in the sentence
    end: int
    text: str
    code: str  # "none": a name that is no indicator of ours (中央财政收入, 人均地区生产总值)


_NOT_OURS = "none"


@dataclass(frozen=True)
class OutcomeGrammar:
    codes: dict[str, str]                  # name → indicator code, or "none" (a name that blocks: 外贸出口)
    alias_rx: re.Pattern                   # every name, the longest at a position
    prefix_rx: re.Pattern                  # what may stand before a name in its clause (全国, 2000年, 预计全年)
    head_rx: re.Pattern                    # what may stand between a name and its number (比上年实际增长)
    ratio_heads: tuple[str, ...]           # words of the head said only of a rate (平均为5.2%), not of a growth
    reach_rx: re.Pattern                   # a head ending in a verb of reaching a level (达到, 突破, 迈上)
    qualifier_words: frozenset[str]        # 超过, 近, 逾 …: after an increment (增加超过100亿元) still an amount added
    plan_year_rx: re.Pattern               # one year of a plan's period said after its name (开局之年, 收官之年)
    aside_rx: re.Pattern                   # a ranking between two numbers (、稳居全国前十强、)
    increments: tuple[str, ...]            # verbs making a level's number an amount added (增加1501亿元)
    before: tuple[tuple[str, str], ...]    # qualifier word right before the number (逾 → at_least)
    inside: dict[str, str]                 # 多/余 between number and unit → qualifier
    level_units: dict[str, tuple[str, ...]]    # code → base units a level of it is counted in
    rate_measures: dict[str, tuple[str, ...]]  # code → measures a % of it may be
    time_rx: re.Pattern                    # years, periods, months, time words
    time_kinds: dict[str, str]             # time word → review, plan, multi, part, local or average


_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CLAUSE_END = re.compile(r"[，,；;：:]")
_DIGIT = re.compile(r"\d|百分之")
# A from-to (从1997年的7.4万亿元增加到2002年的10.2万亿元; 由前三年分别上升…，转为下降1.2%): the numbers
# and times of its from-part are not the year's; a number after 到 that follows a from-number ends a
# period of years.
_FROM = re.compile(r"(?<![理自经])[从由](?!于|此|衷|来|而|严|紧|事|业|中)")
_TO = re.compile(r"转为|转变为|变为|(?:增加|提高|上升|下降|降低|减少|扩大|增长|提升|回落|升|降|增)?(?:到|至)")
_FROM_REACH = 40
_SPLIT_BEFORE = ("城乡", "城镇和农村", "城镇、农村")
_CONJUNCTIONS = ("和", "、", "及", "与", "以及")
# A heading is a short line without a full stop; a title, delivery line or greeting is none.
_MAX_HEADING = 40
_NOT_HEADING = re.compile(r"报告|会议|代表大会|各位代表")
_MAX_SNIPPET = 60
_RATE_UNITS = ("%", "个百分点", "‰")
_BOUNDS = ("at_least", "at_most", "about")


def _trie(words) -> str:
    """The words as one regex, an alternative per first character and the longest match first:
    a text is scanned at the speed of a character-class test."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        alts = [re.escape(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(root)


@lru_cache(maxsize=1)
def outcome_grammar() -> OutcomeGrammar:
    g = measures.grammar()
    rows: dict[str, list[tuple[str, str]]] = {}
    with (VOCAB / "outcome_grammar.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            rows.setdefault(r["kind"], []).append((r["text"].strip(), r["meaning"].strip()))
    words = lambda kind: [t for t, _ in rows.get(kind, [])]
    # The targets' names; those outside the code list are no result unless listed here (城镇新增就业).
    codes = {alias: (_NOT_OURS if code == "other" else code) for alias, code in reversed(g.aliases)}
    codes.update(rows.get("alias", []))
    times = dict(rows.get("time", []))
    for n in "两二三四五六七八九十":  # periods of years: 近五年, 前三年, 的五年, 十年来, 五年间
        times.update({f"{p}{n}年": "multi" for p in ("近", "前", "这", "过去", "最近", "的")})
        times.update({f"{n}年{s}": "multi" for s in ("来", "间", "累计", "共")})
        times[f"{n}年平均"] = "average"  # 两年平均增长5.1%: over years (全年平均 is the year's)
    qualifier_words = [w for w, _ in g.before] + words("qualifier_before")
    common = [*g.fillers, *(v for v, _ in g.verbs), *qualifier_words]
    year = rf"(?:\d{{4}}|{CN_YEAR})\s?年"
    prefix = _trie([*common, *words("prefix"), *times])  # 五年来地区生产总值…: the time decides, not the name
    head = _trie([*common, *words("head"), *words("ratio_head")])
    return OutcomeGrammar(
        codes=codes,
        alias_rx=re.compile(_trie(codes)),
        prefix_rx=re.compile(rf"(?:{prefix}|{year}|[\s、—（）()一二三四五六七八九十是])*"),
        head_rx=re.compile(rf"(?:{head}|{year}|[\s、和])*"),
        ratio_heads=tuple(words("ratio_head")),
        qualifier_words=frozenset(qualifier_words),
        plan_year_rx=re.compile(rf"[”\"]?的?(?:{_trie(words('plan_year_of'))})"),
        reach_rx=re.compile(rf"(?P<verb>{_trie(words('reach'))})了?\s*(?:{_trie(qualifier_words)})?\s*$"),
        aside_rx=re.compile(rf"[、，,](?:{_trie(words('aside'))})[^、，,；;。\d%]{{0,15}}(?=[、，,])"),
        increments=tuple(words("increment")),
        before=tuple(sorted(rows.get("qualifier_before", []), key=lambda p: -len(p[0]))),
        inside=dict(rows.get("qualifier_inside", [])),
        level_units={c: tuple(u.split("|")) for c, u in rows.get("level_unit", [])},
        rate_measures={c: tuple(m.split("|")) for c, m in rows.get("rate_measure", [])},
        time_rx=re.compile(  # one branch led by digits, the rest by their first characters: fast to scan
            r"(?P<digits>\d{1,4})\s?(?:年(?P<after>以来|之前|底前|来|间|累计|共)?|[-—~至到]\s?\d{1,2}月)"
            rf"|(?P<cn_year>{CN_YEAR})年(?P<cn_after>以来|之前|底前)?"
            r"|(?P<plan5>十[一二三四五六七]五|[“\"][六七八九十]五[”\"])"
            rf"|(?P<word>{_trie(times)})"),
        time_kinds=times,
    )


def _year_of(text: str) -> int:
    return int(text) if text.isdigit() else int("".join(str(measures.CN_DIGIT[ch]) for ch in text))


def _plan_end(name: str) -> int:
    """The last year of the n-th five-year plan (“十五” 2005, 十三五 2020; from the third on, 1955 + 5n)."""
    digits = name.strip("“”\"")[:-1]
    n = 10 + (measures.CN_DIGIT[digits[1]] if len(digits) > 1 else 0) if digits[0] == "十" else measures.CN_DIGIT[digits]
    return 1955 + 5 * n


def _clause_bounds(sentence: str) -> list[int]:
    """Start offsets of the clauses of a sentence, 0 first."""
    return [0] + [m.end() for m in _CLAUSE_END.finditer(sentence)]


class _Times:
    """The time words of one sentence: (start, end, kind), kind review, plan, multi (a period of
    years), part (of a year), other (another year), local (目标: its clause only) or average
    (年均, 累计: its clause, or the rest of the sentence when said in a clause without numbers)."""

    def __init__(self, sentence: str, report_year: int, this_year: int, clause_starts: list[int] | None = None):
        g = outcome_grammar()
        clause_starts = clause_starts or _clause_bounds(sentence)
        self.marks: list[tuple[int, int, str]] = []
        for m in g.time_rx.finditer(sentence):
            at = m.start()
            if "是" in sentence[clause_starts[bisect_right(clause_starts, at) - 1]: at]:
                continue  # 2025年是“十四五”收官之年: what the year is, not the time of what follows
            before = sentence[at - 1] if at else ""
            digits = m["digits"]
            if digits and len(digits) < 4:  # 1-11月 (part of a year), 5年来 (a period), 3年 (a count)
                kind = "multi" if m["after"] in ("来", "间", "累计", "共") else ("part" if "月" in m[0] else "ignore")
            elif digits or m["cn_year"]:
                y = _year_of(digits or m["cn_year"])
                since = m["after"] or m["cn_after"]
                if before and before in "比较" or before == "与" and "相比" in sentence[m.end(): m.end() + 6]:
                    # 比2002年增长65.5%, 与2020年相比: a change over years (比上年 is none)
                    kind = "ignore" if y == report_year - 1 else "average"
                elif since:
                    kind = "multi" if since in ("以来", "来", "间", "累计", "共") else "other"
                elif "月" in m[0]:
                    kind = "part"
                else:
                    kind = "review" if y == report_year else ("plan" if y > report_year else "other")
            elif m["plan5"]:
                # a five-year plan's period: one over before the reviewed year is another time, one
                # starting after it the plan's (“十五五”时期，要…)
                last = _plan_end(m["plan5"])
                if g.plan_year_rx.match(sentence, m.end()):
                    kind = "ignore"  # 在“十四五”开局之年，…: one year, whose time is said elsewhere
                else:
                    kind = "other" if last < report_year else "plan" if last - 4 > report_year else "multi"
            else:
                word = m["word"]
                kind = g.time_kinds[word]
                if kind == "multi" and sentence[max(0, at - 2): at] == "连续":
                    kind = "ignore"  # 连续五年增产: how long a record runs, not the time of the number
                elif before and before in "比较同" and word == "去年":
                    kind = "ignore"  # 比去年增长: a comparison
                elif word == "今年":
                    kind = "review" if this_year == report_year else "plan"
                elif word == "去年":
                    kind = "review" if this_year - 1 == report_year else "other"
                elif word == "以来" and self.marks and self.marks[-1][1] == at and sentence[at - 2: at] == "今年":
                    kind = "part"  # 今年以来: the year so far, no period of years to carry on
                elif word in ("时期", "期间") and self.marks and self.marks[-1][1] == at:
                    kind = self.marks[-1][2]  # “十五”时期: the plan's period, over or not
            if kind != "ignore":
                self.marks.append((at, m.end(), kind))

    def last_before(self, pos: int, masked=()) -> str | None:
        """The kind of the last time word that sets a time before `pos`, outside the masked spans."""
        for start, end, kind in reversed(self.marks):
            if end <= pos and kind not in ("local", "average") and not any(a <= start < b for a, b in masked):
                return kind
        return None

    def local_in(self, lo: int, hi: int) -> bool:
        """Whether the clause [lo, hi) says 年均, 累计, 目标 …: its numbers are no year's result."""
        return any(kind in ("local", "average") and lo <= start < hi for start, _, kind in self.marks)

    def averaging(self, lo: int, hi: int) -> None:
        """A clause without numbers that says 累计 or 年均 (五年累计，…) puts the rest of the sentence over years."""
        self.marks = [(s, e, "multi" if k == "average" and lo <= s < hi else k) for s, e, k in self.marks]


def _opening_time(sentence: str, report_year: int, this_year: int) -> str | None:
    """The time a sentence opens with, in its first clause (这五年，…; 2004年，…; 过去一年是…的一年):
    it holds for the sentences after it in the paragraph until another opens with a time."""
    first = _CLAUSE_END.search(sentence)
    opening = sentence if first is None else sentence[: first.start()]
    kinds = [k for _, _, k in _Times(opening, report_year, this_year).marks if k != "local"]
    return ("multi" if kinds[-1] == "average" else kinds[-1]) if kinds else None


def _from_parts(sentence: str) -> list[tuple[int, int, bool]]:
    """(start, end, closes_period) of each from-part, 从X…到 or 由…转为. `closes_period`: the number
    after it ends a period that began with a number (从X增加到Y), so it is no year's result either."""
    out = []
    for m in _FROM.finditer(sentence):
        to = _TO.search(sentence, m.end(), m.end() + _FROM_REACH)
        if to is None:
            continue
        has_number = _DIGIT.search(sentence, m.end(), to.start()) is not None
        if not has_number and not outcome_grammar().time_rx.search(sentence, m.end(), to.start()):
            continue  # 由上年居世界第四位上升为第三位: nothing of a period to set aside
        out.append((m.start(), to.end(), has_number and not to[0].startswith(("转", "变"))))
    return out


def _aliases(sentence: str, hits) -> list[_Alias]:
    """The names found in the text (hits: start, end and name, offsets in the sentence) with their codes."""
    codes = outcome_grammar().codes
    out = []
    for start, end, name in hits:
        code = codes[name]
        if code == "gdp" and sentence[max(0, start - 2): start].endswith(measures.PER_UNIT_OF):
            code = _NOT_OURS  # 人均地区生产总值, 单位GDP…: not GDP itself
        out.append(_Alias(start, end, name, code))
    return out


@lru_cache(maxsize=4096)
def _code_of(name: str) -> str:
    """The code of a split name (城镇居民人均可支配收入 of 城乡…): that of the longest name inside it."""
    best = max((m[0] for m in outcome_grammar().alias_rx.finditer(name)), key=len, default="")
    return outcome_grammar().codes.get(best, _NOT_OURS)


@lru_cache(maxsize=8192)
def _prefix_ok(gap: str) -> bool:
    """Whether the words before a name are fillers (全市, 预计全年, 2000年国家): gaps repeat, so cached."""
    return outcome_grammar().prefix_rx.fullmatch(gap) is not None


@lru_cache(maxsize=8192)
def _head_ok(head: str) -> bool:
    """Whether the words between a name and its number are verbs and fillers (比上年实际增长), a ranking
    between two numbers aside (、稳居全国前十强、增长); 其中 starts a part."""
    g = outcome_grammar()
    return "其中" not in head and g.head_rx.fullmatch(g.aside_rx.sub("", head)) is not None


def _clause_names(sentence: str, c0: int, in_clause: list[_Alias], named, line_start=None) -> list[tuple[_Alias, str]]:
    """The indicators a clause names, each with its name (城乡… gives two). A name after words that
    are no filler (跨境电商进出口, 中央财政收入, 民间固定资产投资) is of a part: code "none"; so is
    one after 其中 of the indicator before it (财政收入…，其中地方财政收入…). A heading line joined to
    the clause (（一）经济运行|地区生产总值增长5%) is no part of it: `line_start(pos)` says where the
    source line holding `pos` starts."""
    g = outcome_grammar()
    out: list[tuple[_Alias, str]] = []
    last_end = c0
    before = next((n[0].code for n in reversed(named) if n[0].code != _NOT_OURS), None)
    for a in in_clause:
        gap = sentence[last_end: a.start]
        split = next((p for p in _SPLIT_BEFORE if gap.endswith(p)), "")
        if last_end == c0:
            ok = _prefix_ok(gap[: len(gap) - len(split)])
            if not ok and line_start is not None:
                ls = line_start(a.start)
                ok = c0 < ls <= a.start and _prefix_ok(sentence[ls: a.start - len(split)])
            if ok and "其中" in gap and a.code == before:
                ok = False
        else:
            ok = gap.strip() in _CONJUNCTIONS or _listed_after_value(gap)
        if not ok:
            out.append((a._replace(code=_NOT_OURS), a.text))
        elif split:
            whole = a._replace(start=a.start - len(split))  # 城乡居民人均可支配收入: the name starts at 城乡
            out += [(whole._replace(code=_code_of(name)), name) for name in split_indicators(split + a.text)]
        else:
            out.append((a, a.text))
        last_end = a.end
    return out


@lru_cache(maxsize=4096)
def _listed_after_value(gap: str) -> bool:
    """Whether the words between two names are the first one's number and a list mark
    (城镇居民人均可支配收入12312元、农民人均纯收入4331元): the second name is no part of anything."""
    if not gap.endswith(("、", "和", "及")):
        return False
    values = measures.values(gap[:-1], approximate=True)
    return bool(values) and values[-1].end == len(gap) - 1 and _head_ok(gap[: values[-1].start])


def _pair(clause_names, clause_values, named, c0) -> list[tuple[tuple[_Alias, str], measures.Value, int]]:
    """(name, value, where the words before the value start) for the numbers of one clause: each to
    the name before it in the clause, names and numbers one to one (A和B增长8.4%和11.4%), or, in a
    clause naming nothing before its numbers, to the names of the clauses before, since the last
    name that blocks (…9422元，…2936元，分别增长7.7%和6.8%)."""
    first = clause_values[0]
    before_first = [n for n in clause_names if n[0].end <= first.start]
    if len(before_first) >= 2 and len(before_first) == len(clause_values):
        return [(n, v, before_first[-1][0].end if k == 0 else clause_values[k - 1].end)
                for k, (n, v) in enumerate(zip(before_first, clause_values))]
    if before_first:
        pairs = []
        for k, v in enumerate(clause_values):
            owner = [n for n in clause_names if n[0].end <= v.start][-1]
            pairs.append((owner, v, max(owner[0].end, clause_values[k - 1].end if k else 0)))
        return pairs
    carried = []
    for n in reversed(named):
        if n[0].code == _NOT_OURS:
            break
        carried.insert(0, n)
    if len(clause_values) == 1 and carried or len(carried) == 1 == len(named):
        # …地区生产总值跨越3个千亿元台阶，达到1.5万亿元、增长19.8%: one name, each number read from the one
        # before; not when a name that blocks came before it (全部财政收入和地方…，可比增长21.6%和22%)
        return [(carried[-1], v, c0 if k == 0 else clause_values[k - 1].end) for k, v in enumerate(clause_values)]
    if len(clause_values) >= 2 and len(named) >= len(clause_values):
        # one to one with the names before, those that block included (全部财政收入…，其中地方一般预算收入…，
        # 分别增长18.1%和20.3%: the second number is the second name's)
        take = (carried if len(carried) >= len(clause_values) else named)[-len(clause_values):]
        return [(n, v, c0 if k == 0 else clause_values[k - 1].end) for k, (n, v) in enumerate(zip(take, clause_values))]
    return []


@lru_cache(maxsize=4096)
def _verb(head: str) -> tuple[int, str, str] | None:
    """The last verb of the words before a number (heads repeat: 增长, 比上年增长, 达到)."""
    return measures.find_verb(head)


@lru_cache(maxsize=4096)
def _increment(head: str) -> bool:
    """Whether the last verb before a number adds to something (增加, 增产) rather than reaching it (达到)."""
    g = outcome_grammar()
    reach = g.reach_rx.search(head)
    if reach and reach["verb"].endswith(("到", "至")):
        return False  # 增长至1200亿元, 增加到: the level reached (增加超过100亿元 is an amount added)
    last_add = max((head.rfind(w) + len(w) for w in g.increments if w in head), default=-1)
    if last_add < 0:
        return False
    if head[last_add:].strip() in g.qualifier_words:
        return True  # 增加超过100亿元, 增产近20亿斤
    verb = _verb(head)
    return verb is None or verb[0] + len(verb[1]) <= last_add or verb[1] in g.increments


def _reached(code: str, v: measures.Value, head: str) -> bool:
    """Whether a number said of a period of years is the level the period ends on, the reviewed
    year's (这五年，…国内生产总值达到39.8万亿元): a level reached (达到, 突破), not a rate nor new jobs,
    which over years are a sum (五年城镇新增就业4500万人)."""
    return (v.unit not in _RATE_UNITS and code != "other"
            and outcome_grammar().reach_rx.search(head) is not None)


def _measure_of(code: str, context: str, unit: str, value: float, sense: str | None) -> str:
    if code.startswith("urban_unemployment"):
        return "ratio"
    if unit == "%" and ("增长率" in context or "增速" in context):
        return "growth_rate"
    return measures.measure(code, context, unit, value, sense)


def _unit_fits(code: str, unit: str, measure: str) -> bool:
    """A % for a rate the indicator is stated in; a level in the units it is counted in (元, 吨, 人)."""
    g = outcome_grammar()
    if unit in _RATE_UNITS:
        allowed = g.rate_measures.get(code)
        return unit == "%" and (allowed is None or measure in allowed)  # 回落1.2个百分点: a change
    return unit.endswith(g.level_units.get(code, ()))


def _qualifier_of(sentence: str, v: measures.Value) -> str:
    g = outcome_grammar()
    written = sentence[v.start: v.end]
    for word, q in g.inside.items():
        if word in written:
            return q  # 1000多万人
    before = sentence[max(0, v.start - 3): v.start].rstrip()
    for word, q in g.before:
        if before.endswith(word):
            return q  # 逾1000亿元
    lo = max(0, v.start - 6)  # the words around the number are enough, and cheaper to read than the sentence
    return measures.qualifier(sentence[lo: v.end + 8], v._replace(start=v.start - lo, end=v.end - lo))


class _Report:
    """One report's review part, read sentence by sentence; the times paragraphs and sections open
    with are worked out only when a number needs them."""

    def __init__(self, doc: MappedText, end: int, report_year: int, this_year: int):
        self.doc, self.text, self.end = doc, doc.text, end
        self.report_year, self.this_year = report_year, this_year
        self._sections: list[tuple[int, str]] | None = None
        self._paragraph = -1    # start of the paragraph scanned for openings
        self._scanned = -1      # how far it is scanned
        self._opening: str | None = None  # the last opening time found in it
        self._carried: dict[int, bool] = {}  # paragraph start → whether a period of years holds from it back

    def inherited(self, p_start: int, s_start: int) -> str:
        """The time a sentence inherits: the last opening time of the sentences before it in its
        paragraph, else the time of its section's heading, else the review."""
        if p_start != self._paragraph:
            self._paragraph, self._scanned, self._opening = p_start, p_start, None
        text, pos = self.text, self._scanned
        while pos < s_start:
            stop = _SENTENCE_END.search(text, pos, s_start)
            s_end = stop.end() if stop else s_start
            comma = _CLAUSE_END.search(text, pos, s_end)
            if outcome_grammar().time_rx.search(text, pos, comma.start() if comma else s_end):
                self._opening = _opening_time(text[pos: s_end], self.report_year, self.this_year) or self._opening
            pos = s_end
        self._scanned = max(self._scanned, s_start)
        if self._opening is not None:
            return self._opening
        sections = self.sections()
        k = bisect_right(sections, (p_start, "~")) - 1
        if self.carried(p_start, sections[k][0] if k >= 0 else -1):
            return "multi"
        return sections[k][1] if k >= 0 else "review"

    def carried(self, p_start: int, floor: int) -> bool:
        """Whether a paragraph before this one, after the section's heading at `floor`, opens with a
        period of years that no later paragraph's opening time ends: such a period holds for the
        paragraphs after it (过去五年极不寻常。| 经济发展再上新台阶。国内生产总值增加到121万亿元)."""
        text, walked, verdict = self.text, [], False
        prev = text.rfind("\n", 0, p_start - 1) + 1 if p_start > 0 else floor
        while prev > floor:
            if prev in self._carried:  # walking back from this paragraph was done before
                verdict = self._carried[prev]
                break
            walked.append(prev)
            stop = _SENTENCE_END.search(text, prev)
            first = text[prev: stop.end() if stop else len(text)]
            comma = _CLAUSE_END.search(first)
            if outcome_grammar().time_rx.search(first, 0, comma.start() if comma else len(first)):
                kind = _opening_time(first, self.report_year, self.this_year)
                if kind is not None:
                    verdict = kind == "multi"
                    break
            if prev == 0:
                break  # the text's first paragraph
            prev = text.rfind("\n", 0, prev - 1) + 1
        for p in walked:
            self._carried[p] = verdict
        return verdict

    def after_heading(self, pos: int) -> int:
        """Where the source line holding `pos` starts, if the line before it is a heading joined to it
        (a short line without a full stop); -1 otherwise."""
        k = bisect_right(self.doc.starts, pos) - 1
        if k < 1:
            return -1
        before = self.doc.originals[self.doc.numbers[k - 1]]
        return self.doc.starts[k] if len(before.strip()) <= _MAX_HEADING and "。" not in before else -1

    def sections(self) -> list[tuple[int, str]]:
        """(offset, time) of each heading of the review part that names a time (一、2014年工作回顾,
        “十五五”时期的主要目标任务). The reviewed year wins over the plan year, which wins over a
        period (“十四五”时期发展成就和2025年工作回顾 is the year's review)."""
        if self._sections is not None:
            return self._sections
        doc, rx, out = self.doc, outcome_grammar().time_rx, []
        for k, start in enumerate(doc.starts):
            if start >= self.end:
                break
            line = doc.originals[doc.numbers[k]]
            if len(line) > _MAX_HEADING or "。" in line:
                continue
            heading = doc.text[start: start + len(line)]
            if not rx.search(heading) or _NOT_HEADING.search(heading):
                continue
            kinds = {kind for _, _, kind in _Times(heading, self.report_year, self.this_year).marks}
            kind = next((k for k in ("review", "plan", "multi", "part", "other") if k in kinds), None)
            if kind is None and "average" in kinds:
                kind = "multi"
            if kind is not None:
                out.append((start, kind))
        self._sections = out
        return out

    def sentence_outcomes(self, s_start: int, s_end: int, p_start: int, hits):
        """(alias, name, value, measure, qualifier, estimated, snippet start) of each result in a sentence."""
        g = outcome_grammar()
        sentence = self.text[s_start: s_end]
        values = measures.values(sentence, approximate=True)
        if not values:
            return []
        aliases = _aliases(sentence, hits)
        if aliases[0].start > values[-1].start:
            return []
        clause_starts = _clause_bounds(sentence)
        line_start = lambda pos: self.after_heading(s_start + pos) - s_start
        froms = _from_parts(sentence)
        masked = [(a, b) for a, b, _ in froms]
        period_ends = set()  # 从X增加到|Y: the first number after such a from-part ends a period of years
        for _, b, closes in froms:
            after = next((v for v in values if v.start >= b), None)
            if closes and after is not None:
                period_ends.add(after.start)
        times: _Times | None = None
        inherited: str | None = None
        elsewhere: set[str] = set()  # indicators with a number of another time in the sentence
        estimated_at = sentence.find("预计")
        estimated_all = "预计值" in sentence or "预计数" in sentence  # 1080亿元（预计值，下同）
        found = []
        named: list[tuple[_Alias, str]] = []  # the names so far in the sentence, those that block too
        by_clause: dict[int, tuple[list, list]] = {}
        for a in aliases:
            by_clause.setdefault(bisect_right(clause_starts, a.start) - 1, ([], []))[0].append(a)
        for v in values:
            by_clause.setdefault(bisect_right(clause_starts, v.start) - 1, ([], []))[1].append(v)
        for ci in sorted(by_clause):
            c0 = clause_starts[ci]
            c1 = clause_starts[ci + 1] if ci + 1 < len(clause_starts) else len(sentence)
            in_clause, clause_values = by_clause[ci]
            clause_names = _clause_names(sentence, c0, in_clause, named, line_start) if in_clause else []
            pairs = _pair(clause_names, clause_values, named, c0) if clause_values else []
            named += clause_names
            if clause_values and not clause_names and not _head_ok(sentence[c0: clause_values[0].start]):
                named.append((_Alias(c0, c0, "", _NOT_OURS), ""))  # 其中出口2662亿美元: a subject of its own
            refused_until = -1  # a number whose words were refused: the next one, read from it, is too
            reached_until = -1  # a level reached at the end of a period: the next one, joined by 和, is too
            for (alias, name), v, head_start in pairs:
                head = sentence[head_start: v.start]
                if head_start == refused_until or not _head_ok(head):
                    refused_until = v.end  # 实现利润2202亿元; 收入和支出分别增长7%、10%: of something else
                    continue
                if alias.code == _NOT_OURS:
                    continue  # 财政总收入和一般公共预算收入分别增长5%和6%: the next number has a name of its own
                if v.start in period_ends or any(a <= v.start < b for a, b in masked):
                    continue  # a number of a from-to (从X增加到Y; 由前三年上升…)
                if times is None:
                    times = _Times(sentence, self.report_year, self.this_year, clause_starts)
                    for cj, cs in enumerate(clause_starts):  # 五年累计，…: the rest is over years
                        if cj not in by_clause or not by_clause[cj][1]:
                            times.averaging(cs, clause_starts[cj + 1] if cj + 1 < len(clause_starts) else len(sentence))
                if times.local_in(c0, c1):
                    continue  # 年均, 累计, 目标 …
                when = times.last_before(v.start, masked)
                if when is None:
                    inherited = inherited or self.inherited(p_start, s_start)
                    when = inherited
                if when == "multi" and (_reached(alias.code, v, head)
                                        or head_start == reached_until and head.strip() in _CONJUNCTIONS):
                    when = "review"  # 这五年，…国内生产总值达到39.8万亿元: the level the period ends on
                    reached_until = v.end  # …达到2.36万元和1.53万元: the next number too
                if when != "review":
                    elsewhere.add(alias.code)
                    continue  # 今年, 五年来, 上半年, 1995年 …
                if alias.code in elsewhere and "到" in head:
                    continue  # 1982年为270元，1987年提高到463元: the end of a from-to over years
                if v.start >= 2 and sentence[v.start - 1] in ",，" and sentence[v.start - 2].isdigit():
                    continue  # 3，680亿斤: a thousands separator read as a comma
                verb = _verb(head)
                context = sentence[alias.start: v.start] if alias.start < v.start else head
                measure = _measure_of(alias.code, context, v.unit, v.value, verb[2] if verb else None)
                if not _unit_fits(alias.code, v.unit, measure):
                    continue
                if measure != "ratio" and any(w in head for w in g.ratio_heads):
                    continue  # 平均增长8%: a growth averaged over years (a rate's 平均为5.2% is the year's)
                if v.unit not in _RATE_UNITS and _increment(head):
                    continue  # 比上年增加1501亿元, 增加近1000亿元: an amount added, not the level
                found.append((alias, name, v, measure, _qualifier_of(sentence, v),
                              estimated_all or 0 <= estimated_at < v.start, alias.start))
        return found


def review_end(doc: MappedText, plan_start: int | None, first_target_line: int | None) -> int:
    """Offset in the text where the review part ends: the plan part's first line, or the first
    line of the plan-year targets statement, whichever comes first."""
    lines = [n for n in (plan_start, first_target_line) if n is not None]
    if not lines:
        return len(doc.text)
    k = bisect_left(doc.numbers, min(lines))
    return doc.starts[k] if k < len(doc.starts) else len(doc.text)


def extract_outcomes(doc: MappedText, report_year: int | None, end: int | None = None,
                     this_year: int | None = None) -> list[Outcome]:
    """Each whole-year result of the reviewed year stated in the text before `end` (the review part).

    `this_year` is the year the report is delivered in (its 今年): the year after the reviewed one
    unless given (a report delivered in December reviews 今年)."""
    if not report_year:
        return []
    text = doc.text
    end = len(text) if end is None else min(end, len(text))
    report = _Report(doc, end, report_year, this_year or report_year + 1)
    g = outcome_grammar()
    out: list[Outcome | None] = []
    seen: dict[tuple, tuple[int, int]] = {}  # (code, measure, other's name) → (row, sentence start)
    hits = [(m.start(), m.end(), m[0]) for m in g.alias_rx.finditer(text, 0, end)]
    k = 0
    while k < len(hits):  # a sentence at a time, from the first name in it
        at = hits[k][0]
        p_start = text.rfind("\n", 0, at) + 1
        s_start = max(p_start, text.rfind("。", p_start, at) + 1, text.rfind("！", p_start, at) + 1,
                      text.rfind("？", p_start, at) + 1)
        stop = _SENTENCE_END.search(text, at, end)
        s_end = stop.end() if stop else end
        first = k
        while k < len(hits) and hits[k][0] < s_end:
            k += 1
        if _DIGIT.search(text, at, s_end) is None:
            continue
        in_sentence = [(a - s_start, b - s_start, name) for a, b, name in hits[first:k]]
        for alias, name, v, measure, qualifier, estimated, snip_from in report.sentence_outcomes(
                s_start, s_end, p_start, in_sentence):
            key = (alias.code, measure, name if alias.code == "other" else "")
            if key in seen:
                # said again: the first saying stands, unless the same sentence goes on to the exact
                # figure (突破4000亿元大关，达到4250亿元)
                at_row, at_sentence = seen[key]
                if at_sentence != s_start or qualifier != "exact" or out[at_row].qualifier not in _BOUNDS:
                    continue
                out[at_row] = None
            seen[key] = (len(out), s_start)
            sentence_tail = s_start + v.end
            if text.startswith(("左右", "以上"), sentence_tail):
                sentence_tail += 2
            line = doc.line_of(s_start + v.start)
            start = s_start + snip_from
            if sentence_tail - start > _MAX_SNIPPET:  # from the number's own clause
                clause_starts = _clause_bounds(text[s_start: s_end])
                start = max(start, s_start + clause_starts[bisect_right(clause_starts, v.start) - 1])
            _, snippet = doc.snippet(start, sentence_tail, on_line=line)
            out.append(Outcome(alias.code, name, measure, v.value, v.high, v.unit, qualifier, estimated, line, snippet))
    return [o for o in out if o is not None]
