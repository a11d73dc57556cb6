"""Year-ahead numeric targets (主要预期目标) of a work report, clause by clause.

A report states its plan-year targets in one statement (主要预期目标是：…), sometimes buried
at the end of a long paragraph, sometimes running over several sentences. We find those
statements, skip five-year-plan goals worded the same way, and read each clause:
indicator, verb, value(s), unit, qualifier. Vocabularies live in vocab/*.csv.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .divisions import VOCAB
from .textmap import MappedText

TRIGGER = re.compile(r"(?:主要预期目标|预期目标|主要目标|奋斗目标|主要指标|发展目标)(?:任务)?(?:建议)?(?:(?:是|为)\s*[:：，,]?|\s*[:：])")
# A statement about another horizon: five-year plans, 2027, 2030, 今后五年.
_OTHER_HORIZON = re.compile(r"十[一二三四五六七]五|五年|本届政府|到(?:20\d\d|二〇[二三四五]\w)年|20\d\d年(?:前|底前|之前)")
_YEAR = re.compile(r"(20\d\d)年")
_LEADING_YEAR = re.compile(r"\s*到?(20\d\d)年")
_SENTENCE_END = re.compile(r"[。！？\n]")
_CLAUSE_SPLIT = re.compile(r"[，,；;。\n：:]")
_FOOTNOTE = re.compile(r"\[\d{1,3}\]|［\d{1,3}］|[（(]\d{1,3}[）)]")
_VALUE = re.compile(
    r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u1>%)?\s*(?:(?P<sep>~|—{1,2}|–|-|至|到)\s*(?P<hi>\d+(?:\.\d+)?)\s*)?"
    r"(?P<unit>%|个百分点|(?:万亿|千亿|百亿|亿|千万|百万|万|千)?(?:美元|元|公斤|斤|吨|千瓦时|千瓦|人次|人|亩|户|家|标准箱|天))"
)
_SUFFIX = {"左右": "about", "上下": "about", "以上": "at_least", "以内": "at_most", "以下": "at_most"}
_PREFIX_AT_LEAST = re.compile(r"(?:不低于|不少于|至少|高于)\s*$")
_PREFIX_AT_MOST = re.compile(r"(?:不超过|不高于|低于)\s*$")
_RATIO_WORDS = re.compile(r"率|比例|比重|占比|比率")
_QUALITATIVE_CUT = re.compile(r"与|增速|增长|下降|控制|完成|达到|达市|提质|稳中|保持|降幅")
_QUALITATIVE = re.compile(r"同步|相适应|相协调|高于|快于|不低于全|完成.{0,12}(?:目标|任务|指标)|下达|稳定|持平")


class Target(NamedTuple):
    indicator_code: str
    indicator_text: str
    measure: str
    value: float
    value_high: float | None
    unit: str
    qualifier: str
    direction: str  # increase, decrease or level
    source_line: int
    snippet: str


class QualitativeTarget(NamedTuple):
    indicator_text: str
    text: str
    source_line: int


@dataclass(frozen=True)
class Grammar:
    aliases: tuple[tuple[str, str], ...]       # (alias, code), longest first
    fillers: tuple[str, ...]
    split_prefixes: dict[str, tuple[str, ...]]
    verbs: tuple[tuple[str, str], ...]         # (verb, sense), longest first
    stops: tuple[str, ...]


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
    )


@lru_cache(maxsize=1)
def _segmenter():
    """jieba with the indicator vocabulary as a user dictionary, so 规上工业增加值 stays one token."""
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    for alias, _ in grammar().aliases:
        tokenizer.add_word(alias, freq=10_000)
    for word in grammar().fillers:
        tokenizer.add_word(word, freq=10_000)
    return tokenizer


def indicator_code(text: str, after: int = 0) -> str | None:
    """The code of the longest vocabulary alias inside `text` (ending past `after`), or None."""
    for alias, code in grammar().aliases:
        at = text.find(alias)
        while at >= 0:
            if at + len(alias) > after:
                return code
            at = text.find(alias, at + 1)
    return None


@lru_cache(maxsize=8192)
def clean_indicator(text: str) -> str:
    """Drop place words, aspiration words and footnotes around an indicator phrase (jieba-segmented).

    Cached: reports name the same few hundred indicators, and segmenting one is a twentieth of
    a report's extraction."""
    text = _FOOTNOTE.sub("", text).strip(" 、和及与")
    if not text:
        return text
    g = grammar()
    tokens = [t for t in _segmenter().lcut(text, HMM=False) if t.strip()]
    while tokens and tokens[0] in g.fillers:
        tokens.pop(0)
    while tokens and tokens[-1] in g.fillers:
        tokens.pop()
    return "".join(tokens).strip(" 、")


def split_indicators(text: str) -> list[str]:
    """'城乡居民人均可支配收入' → 城镇…, 农村…; 'A、B' → A, B with a shared head noun restored."""
    g = grammar()
    for prefix, parts in sorted(g.split_prefixes.items(), key=lambda p: -len(p[0])):
        if text.startswith(prefix):
            return [p + text[len(prefix):] for p in parts]
    pieces = [p for p in re.split(r"[、]|和|及|与", text) if p]
    if len(pieces) < 2:
        return [text]
    last = pieces[-1]
    out = []
    for piece in pieces[:-1]:
        if indicator_code(piece):
            out.append(piece)
            continue
        for k in range(1, len(last)):
            if indicator_code(piece + last[k:]) and not indicator_code(last[k:]) is None:
                out.append(piece + last[k:])
                break
        else:
            out.append(piece)
    return out + [last]


def _find_verb(prefix: str) -> tuple[int, str, str] | None:
    """Last verb in the text before a value: (position, verb, sense)."""
    best = None
    for verb, sense in grammar().verbs:
        at = prefix.rfind(verb)
        if at >= 0 and (best is None or at > best[0] or (at == best[0] and len(verb) > len(best[1]))):
            best = (at, verb, sense)
    return best


def _qualifier(clause: str, m: re.Match, verb: str | None) -> str:
    if m["hi"]:
        return "range"
    tail = _FOOTNOTE.sub("", clause[m.end():]).lstrip()[:2]
    for word, q in _SUFFIX.items():
        if tail.startswith(word):
            return q
    head = clause[: m.start()]
    if _PREFIX_AT_LEAST.search(head):
        return "at_least"
    if _PREFIX_AT_MOST.search(head) or (verb and "控制" in verb):
        return "at_most"
    return "exact"


def _measure(code: str, text: str, unit: str, value: float, sense: str | None) -> str:
    if unit != "%" and unit != "个百分点":
        return "level"
    if code == "cpi" and value >= 90 and "涨幅" not in text:
        return "index"
    if "涨幅" in text or "增速" in text or "增幅" in text or sense in ("increase", "decrease"):
        return "growth_rate"
    if _RATIO_WORDS.search(text) or unit == "个百分点":
        return "ratio"
    return "growth_rate"


def statement_spans(doc: MappedText, plan_year: int | None) -> list[tuple[int, int]]:
    """(start, end) of each plan-year targets statement in the document's text."""
    text = doc.text
    spans = []
    for m in TRIGGER.finditer(text):
        sentence_start = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        preamble = text[sentence_start: m.start()]
        if _OTHER_HORIZON.search(preamble):
            continue
        if any(plan_year and int(y) != plan_year for y in _YEAR.findall(preamble)):
            continue
        leading_year = _LEADING_YEAR.match(text, m.end())
        if leading_year and plan_year and int(leading_year[1]) != plan_year:
            continue  # 主要目标是：到2025年…
        end = _statement_end(text, m.end())
        if not _VALUE.search(text[m.end(): end]):
            continue
        if spans and m.start() < spans[-1][1]:
            continue
        spans.append((m.end(), end))
    return spans


def _statement_end(text: str, start: int, max_sentences: int = 12) -> int:
    """The first sentence, then each following sentence that still lists numeric targets."""
    g = grammar()
    pos = start
    for n in range(max_sentences):
        stop = _SENTENCE_END.search(text, pos)
        end = stop.end() if stop else len(text)
        sentence = text[pos:end].strip()
        if n > 0 and (not sentence or sentence.startswith(g.stops) or not _VALUE.search(sentence)
                      or not indicator_code(sentence) or _OTHER_HORIZON.search(sentence)):
            return pos
        pos = end
        if stop is None:
            break
    return pos


def parse_statement(doc: MappedText, start: int, end: int) -> tuple[list[Target], list[QualitativeTarget]]:
    targets: list[Target] = []
    qualitative: list[QualitativeTarget] = []
    previous_indicator = ""
    pos = start
    for piece in _CLAUSE_SPLIT.split(doc.text[start:end]) + [""]:
        clause_start = doc.text.find(piece, pos) if piece else pos
        clause_end = clause_start + len(piece)
        pos = clause_end
        clause = piece
        if not clause.strip():
            continue
        values = list(_VALUE.finditer(clause))
        if not values:
            if _QUALITATIVE.search(clause) or indicator_code(clause):
                line, snippet = doc.snippet(clause_start, clause_end)
                indicator = clean_indicator(_QUALITATIVE_CUT.split(clause, maxsplit=1)[0])
                qualitative.append(QualitativeTarget(indicator, snippet, line))
            continue
        first = values[0]
        verb = _find_verb(clause[: first.start()])
        raw_indicator = clause[: verb[0]] if verb else clause[: first.start()]
        indicator = clean_indicator(raw_indicator)
        if not indicator_code(indicator) and previous_indicator:
            # 规上工业总产值增长15%，增加值增长5%: the head noun carries over.
            for k in range(len(previous_indicator), 0, -1):
                if indicator and indicator_code(previous_indicator[:k] + indicator, after=k):
                    indicator = previous_indicator[:k] + indicator
                    break
        if not indicator:
            continue
        previous_indicator = indicator
        names = split_indicators(indicator)
        respectively = "分别" in clause[: first.start()]
        pairs: list[tuple[str, re.Match]] = []
        if respectively and len(values) == len(names):
            pairs = list(zip(names, values))
        else:
            # 确保增长6%、力争7%: an aspiration after the committed value is not a second target
            kept = [values[0]] + [v for prev, v in zip(values, values[1:])
                                  if "力争" not in clause[prev.end(): v.start()]]
            pairs = [(name, v) for name in names for v in kept]
        for name, v in pairs:
            code = indicator_code(name) or "other"
            value = float(v["v"])
            high = float(v["hi"]) if v["hi"] else None
            verb_here = _find_verb(clause[: v.start()])
            sense = verb_here[2] if verb_here else None
            unit = v["unit"]
            line, snippet = doc.snippet(clause_start, clause_end, on_line=doc.line_of(clause_start + v.start()))
            targets.append(Target(
                indicator_code=code, indicator_text=name,
                measure=_measure(code, clause[: v.start()], unit, value, sense),
                value=value, value_high=high, unit=unit,
                qualifier=_qualifier(clause, v, verb_here[1] if verb_here else None),
                direction="decrease" if sense == "decrease" else ("level" if unit not in ("%", "个百分点") else "increase"),
                source_line=line, snippet=snippet,
            ))
    return targets, qualitative


def extract_targets(doc: MappedText, plan_year: int | None) -> tuple[list[Target], list[QualitativeTarget]]:
    """Every plan-year target of one document; a restatement of a target already found is dropped."""
    targets: list[Target] = []
    qualitative: list[QualitativeTarget] = []
    seen = set()
    for start, end in statement_spans(doc, plan_year):
        found, quali = parse_statement(doc, start, end)
        for t in found:
            key = (t.indicator_code, t.measure, t.value, t.value_high,
                   t.indicator_text if t.indicator_code == "other" else "")
            if key not in seen:
                seen.add(key)
                targets.append(t)
        qualitative.extend(quali)
    return targets, qualitative
