"""Year-ahead numeric targets (主要预期目标) of a work report, clause by clause.

A report states its plan-year targets in one statement, sometimes buried at the end of a long
paragraph, sometimes running over several sentences or one item a line. The statement comes in
the wording of its era and level: a lead word (主要预期目标是：…, 今年国民经济和社会发展的预期目标是…),
an indicator before the lead (今年经济增长预期目标为7%左右, 经济增长速度的宏观调控目标，定为百分之八至九),
and, where a report has no lead at all, the goal named after its numbers (提出今年国内生产总值增长8%左右的
目标), the plan wording of the 1990s (今年计划国内生产总值增长百分之九) or a heading that names it
(二、今年经济社会发展的主要预期目标, items on the lines below). We find those statements, skip
five-year-plan goals and the reviewed year's worded the same way, and read each clause: indicator,
verb, value(s), unit, qualifier. Vocabularies (indicator names, fillers, verbs, units) live in vocab/*.csv.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

from ..text.textmap import MappedText
from . import measures
from .jieba_dictionary import new_tokenizer

# The lead of a targets statement: 主要预期目标是：…, 预期目标为…, 主要目标是…, 宏观调控目标，定为…,
# 主要指标安排如下：…, 主要预期目标初步确定为….
# 调控目标, 增长目标 and a bare 预期 lead only with an indicator before them (经济增长预期为7%左右).
TRIGGER = re.compile(
    r"(?P<word>主要预期目标|主要预期指标|预期目标|预期指标|主要目标|奋斗目标|主要指标|发展目标|宏观调控目标|调控目标|增长目标|预期)(?:任务)?(?:建议)?"
    r"(?:(?:\s*[，,]?\s*(?:初步|拟)?(?:定为|确定为|拟定为|安排为|设定为|设定在|确定在|安排如下|确定如下)|是|为)\s*[:：，,]?"
    r"|\s*[:：])")
# The same lead as the last words of a heading line (二、今年经济社会发展的主要预期目标).
_HEADING_LEAD = re.compile(r"主要预期目标|主要预期指标|主要目标|奋斗目标|预期目标|主要指标")
_MAX_HEADING = 30
_NEEDS_LEAD = ("调控目标", "增长目标", "预期")
_LEAD_GAP = re.compile(r"\s*(?:增长)?(?:速度)?的?")
# Words of an economy-wide statement; a lead without them (今年的预期目标是，新增城镇就业…; 乡村振兴的
# 主要目标是…) after the main statement belongs to a work section.
_MAIN_WORDS = re.compile(r"经济社会|国民经济|社会发展|经济发展|经济工作|宏观")
# Fallback shapes, used only where no lead above opens a statement: the goal named after its
# numbers (提出今年国内生产总值增长8%左右的目标) and the plan wording of the 1980s-1990s
# (今年计划国内生产总值增长百分之九; 今年国民生产总值计划增长百分之八), and a plan section that opens
# with the year's GDP growth (今年，国内生产总值增长8.5%。: the 2000s).
_GOAL_AFTER = re.compile(r"今年(?P<body>[^。；;，,：:\n]{2,40}?)的(?:预期|增长|发展|调控|主要)?目标")
_PLAN_WORDING = re.compile(r"今年(?:的)?[^。；;，,：:\n]{0,15}?(?:计划|预定|预期)|(?P<bare>今年)[，,]")
_YEAR_TEXT = r"(?:19[5-9]\d|20\d\d|[一二][九〇○零][〇○零一二三四五六七八九]{2})"
# A statement about another horizon: five-year plans (六五 … 十五, 十四五), 2027, 本世纪末, 今后五年, 年均.
_OTHER_HORIZON = re.compile(
    r"十[一二三四五六七]五|[“\"]?(?:[六七八九十])五[”\"]?(?:计划|规划|期间|时期|末)|[“\"](?:[六七八九十])五[”\"]"
    r"|五年|本届政府|[今此]后\w{1,2}年|未来\w{1,2}年|本世纪末|年均|平均每年"
    rf"|到{_YEAR_TEXT}年|{_YEAR_TEXT}年(?:前|底前|之前)")
# The reviewed year's goals and results (去年确定的主要预期目标是…, 年初确定的目标).
_REVIEWED = re.compile(r"(?<!比)(?:去年|上年)|过去一年|年初")
_YEAR = re.compile(rf"({_YEAR_TEXT})年")
_COMPARED = re.compile(rf"(?:比|较|同)\s*{_YEAR_TEXT}年")  # 比2023年增长6%: the base of a growth rate
_THIS_YEAR = re.compile(r"今年|本年|全年")
_PREAMBLE_SPLIT = re.compile(r"[，,；;]")
_LEADING_YEAR = re.compile(rf"\s*到?({_YEAR_TEXT})年")
_SENTENCE_END = re.compile(r"[。！？\n]")
_CLAUSE_MARKS = "，,；;。\n：:"
_CLAUSE_SPLIT = re.compile(f"[{_CLAUSE_MARKS}]")
# An item number before an indicator: 一、 1. 2、 3） （三） 一是
# (not the first of a list of numerals: 一、二、三产业增加值)
_ITEM_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}(?:[、.](?![一二三][、和及与产]|第[一二三])|是)"
                          r"|\d{1,2}\s*(?:[、.](?!\d)|[)）])|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)])")
_ITEM_NUMBER_AT = re.compile(_ITEM_NUMBER.pattern.replace("^", "", 1))  # at a line start inside the text
_ASPIRATION = re.compile(r"力争|争取|努力")
# Conditions and commentary inside a statement (在优化结构…的基础上; 既考虑了…): no items.
_COMMENTARY = re.compile(r"基础上|前提下|考虑|说明|必要|可以实现")
_QUALITATIVE_CUT = re.compile(r"与|增速|增长|下降|控制|完成|达到|达市|提质|稳中|保持|降幅")
_QUALITATIVE = re.compile(r"同步|相适应|相协调|高于|快于|不低于全|完成.{0,12}(?:目标|任务|指标)|下达|稳定|持平|平衡|改善|优化|增强|继续减少|稳步提升|正增长|前列|国家要求|提质增效")
# A share of another quantity (研发投入占生产总值比重, 居民收入占GDP的比例) is neither of the two.
_SHARE = re.compile(r"比重|占比|占.{0,20}?(?:比例|之比|的比)")
# Words of a list of values (6%、7%和8%): a frame around them holds for all.
_LIST_GAP = re.compile(r"\s*(?:、|和|及|与|以及|,|，)?\s*")
# A multi-year figure inside a statement: averages (年均增长), five-year plans and periods.
_MULTI_YEAR = re.compile(r"年均(?:增长|增速|增幅|提高|递增|下降|降低|减少)|平均每?年(?:增长|提高|递增)|每年平均"
                         r"|十[一二三四五六七]五|[六七八九十]五(?:计划|规划|期间|时期|末)|五年|[今此]后\w{1,2}年|未来\w{1,2}年")
# ... unless the next one goes on with the same item (左右, 以上, 的, 、).
_NO_ITEM_START = set("的和及、，,。；;：:\n)）.%‰")


class _Span(NamedTuple):
    start: int
    end: int
    lead: str = ""  # the indicator named before the lead (经济增长预期目标为…), or ""
    lead_start: int = 0  # where that indicator starts in the text


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


@lru_cache(maxsize=1)
def _after_words() -> tuple[str, ...]:
    return tuple(w for w, _ in measures.grammar().after)


@lru_cache(maxsize=1)
def _value_at_end() -> re.Pattern:
    """A line ending in a value and its qualifier ends an item (the text map joined the next line to it
    as a wrap: 地区生产总值增长8%以上|财政收入增长10%)."""
    after = "|".join(map(re.escape, _after_words()))
    return re.compile(rf"(?:\d\s*(?:%|‰|(?:万|亿)?[元人吨户家个项亩]|个百分点)|[%‰])\s*(?:{after})?\s*$")


@lru_cache(maxsize=1)
def segmenter():
    """jieba with the indicator vocabulary as a user dictionary, so 规上工业增加值 stays one token."""
    tokenizer = new_tokenizer()
    for alias, _ in measures.grammar().aliases:
        tokenizer.add_word(alias, freq=10_000)
    for word in measures.grammar().fillers:
        tokenizer.add_word(word, freq=10_000)
    return tokenizer


def _find_alias(text: str, after: int = 0) -> tuple[int, str, str] | None:
    """(position, alias, code) of the longest vocabulary alias inside `text` ending past `after`
    (of two as long, the one listed first)."""
    best = None
    rank = _alias_rank()
    for m in _alias_starts().finditer(text):  # the longest alias starting at each position
        alias = m[1]
        if m.start() + len(alias) > after and (best is None or rank[alias] < rank[best[1]]):
            best = (m.start(), alias)
    return None if best is None else (best[0], best[1], measures.grammar().aliases[rank[best[1]]][1])


@lru_cache(maxsize=1)
def _alias_rank() -> dict[str, int]:
    ranks: dict[str, int] = {}
    for k, (alias, _) in enumerate(measures.grammar().aliases):
        ranks.setdefault(alias, k)
    return ranks


@lru_cache(maxsize=1)
def _alias_starts() -> re.Pattern:
    return re.compile("(?=(" + "|".join(re.escape(alias) for alias, _ in measures.grammar().aliases) + "))")


def indicator_code(text: str, after: int = 0) -> str | None:
    """The code of the longest vocabulary alias inside `text` (ending past `after`), or None.

    GDP after 单位/万元/人均 is the denominator of a ratio (单位GDP二氧化碳排放, 人均GDP), and a share of
    one quantity in another (研发投入占生产总值比重) is neither: both are `other`."""
    found = _find_alias(text, after)
    if found is None:
        return None
    at, _, code = found
    if code == "gdp" and text[:at].endswith(measures.PER_UNIT_OF) or _SHARE.search(text):
        return "other"
    return code


def _alias_end(text: str) -> int:
    """Where the last vocabulary alias in `text` ends (0 if none): a verb inside an alias
    (经济增长, 规模以上工业增加值) is no verb."""
    return max((m.start() + len(m[1]) for m in _alias_starts().finditer(text)), default=0)


@lru_cache(maxsize=8192)
def clean_indicator(text: str) -> str:
    """Drop place words, aspiration words and footnotes around an indicator phrase (jieba-segmented).

    Cached: reports name the same few hundred indicators, and segmenting one is a twentieth of
    a report's extraction."""
    text = measures.FOOTNOTE.sub("", _ITEM_NUMBER.sub("", text)).strip(" 、和及与")
    if not text:
        return text
    g = measures.grammar()
    tokens = [t for t in segmenter().lcut(text, HMM=False) if t.strip()]
    while tokens and tokens[0] in g.fillers:
        tokens.pop(0)
    while tokens and tokens[-1] in g.fillers:
        tokens.pop()
    return "".join(tokens).strip(" 、")


# A list of the three sectors (一产、二产、三产增加值; 第一、二、三产业增加值; 一二三产业): one name each.
_SECTOR_LIST = re.compile(r"(第?[一二三](?:产业|产)?(?:(?:、|和|及|与|以及)?第?[一二三](?:产业|产)?)+)(?<=产|业)(.*)")


def split_indicators(text: str) -> list[str]:
    """'城乡居民人均可支配收入' → 城镇…, 农村…; 一产、二产、三产增加值 → 一产增加值, 二产增加值, 三产增加值;
    'A、B' → A, B with a shared head noun restored (城镇居民和农村居民人均可支配收入 → 城镇居民人均可支配收入, …)."""
    g = measures.grammar()
    for prefix, parts in sorted(g.split_prefixes.items(), key=lambda p: -len(p[0])):
        if text.startswith(prefix):
            return [p + text[len(prefix):] for p in parts]
    sectors = _SECTOR_LIST.fullmatch(text)
    if sectors and len(numbers := re.findall("[一二三]", sectors[1])) > 1:
        if "产业" in sectors[1]:
            return [f"第{n}产业{sectors[2]}" for n in numbers]
        return [f"{n}产{sectors[2]}" for n in numbers]
    if any(word in m[1] for m in _alias_starts().finditer(text) for word in "和及与"):
        return [text]  # 研究与试验发展经费: one name
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
            # the piece takes the place of the start of the last name: the alias found starts inside it
            found = _find_alias(piece + last[k:])
            if found and found[0] < len(piece) and indicator_code(last[k:]) is not None:
                out.append(piece + last[k:])
                break
        else:
            k = len(piece)
            # 第一产业、第二产业、第三产业增加值: parallel names ending alike share the last one's tail
            parallel = len(last) > k > 1 and last[k - 1] == piece[-1]
            out.append(piece + last[k:] if parallel else piece)
    return out + [last]


def _lead_indicator(preamble: str, close: bool = False) -> tuple[str, int]:
    """The indicator named just before a lead (今年经济增长|预期目标为…) → (经济增长, its offset), or ("", 0).

    With `close`, only an indicator right before the lead (经济增长速度的|调控目标, not 经济增长低于|预期是)."""
    clause = _CLAUSE_SPLIT.split(preamble)[-1]
    if close and not _LEAD_GAP.fullmatch(clause[_alias_end(clause):]):
        return "", 0
    found = _find_alias(clause)
    if found is None:
        return "", 0
    return clause[found[0]:].split("的")[0], len(preamble) - len(clause) + found[0]


def _year_value(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str(measures.CN_DIGIT[ch]) for ch in text))


def _other_year(text: str, plan_year: int | None) -> bool:
    return bool(plan_year) and any(_year_value(y) != plan_year for y in _YEAR.findall(text))


def _elsewhere(text: str, plan_year: int | None) -> bool:
    """Whether `text` names another horizon, the reviewed year or another year than the plan year."""
    return bool(_OTHER_HORIZON.search(text) or _REVIEWED.search(text) or _other_year(text, plan_year))


def _about_other_time(preamble: str, plan_year: int | None) -> bool:
    """Whether the sentence before a lead puts it in another time: its last clause (“十四五”时期…,
    2023年…) or an earlier time clause (今后五年，…; 到2027年，…), unless the last clause says 今年 or an
    earlier clause only describes the year (今年是实施“十四五”规划的关键一年，…)."""
    *before, lead = _PREAMBLE_SPLIT.split(preamble)
    if _elsewhere(lead, plan_year):
        return True
    if _THIS_YEAR.search(lead) or (plan_year and f"{plan_year}年" in lead):
        return False
    return any("是" not in c and _elsewhere(c, plan_year) for c in before)


def statement_spans(doc: MappedText, plan_year: int | None) -> list[_Span]:
    """Each plan-year targets statement in the document's text: where its items start and end,
    and the indicator named before its lead, if any."""
    text = doc.text
    spans: list[_Span] = []
    for m in TRIGGER.finditer(text):
        if spans and m.start() < spans[-1].end:
            continue
        sentence_start = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        preamble = text[sentence_start: m.start()]
        if _about_other_time(preamble, plan_year):
            continue
        leading_year = _LEADING_YEAR.match(text, m.end())
        if leading_year and plan_year and _year_value(leading_year[1]) != plan_year:
            continue  # 主要目标是：到2025年…
        needs_lead = m["word"].endswith(_NEEDS_LEAD)
        lead, lead_at = _lead_indicator(preamble, close=needs_lead)
        if not lead and needs_lead:
            continue  # 广义货币增长目标为…: no indicator of ours
        end = _statement_end(text, m.end())
        if not measures.value_rx().search(text, m.end(), end):
            continue
        if spans and not (m["word"].startswith("主要预期") or _MAIN_WORDS.search(preamble)
                          or indicator_code(lead) == "gdp"):
            continue  # 今年的预期目标是，新增城镇就业…: a work section's own goal after the statement
        spans.append(_Span(m.end(), end, lead, sentence_start + lead_at))
    return spans or _heading_spans(doc, plan_year) or _fallback_spans(text, plan_year)


def _heading_spans(doc: MappedText, plan_year: int | None) -> list[_Span]:
    """A heading that names the statement (二、2015年经济社会发展的主要预期目标), its items on the lines
    below: read only where no lead opens a statement (the text map joins the heading to its next line)."""
    text = doc.text
    spans: list[_Span] = []
    for m in _HEADING_LEAD.finditer(text):
        if spans and m.start() < spans[-1].end:
            continue
        k = bisect_left(doc.starts, m.end())
        if k == 0 or k == len(doc.starts) or text[m.end(): doc.starts[k]].strip():
            continue  # the lead does not end its line
        heading = text[doc.starts[k - 1]: m.start()]
        if len(heading) > _MAX_HEADING or _about_other_time(heading, plan_year):
            continue
        end = _statement_end(text, m.end())
        if measures.value_rx().search(text, m.end(), end):
            spans.append(_Span(m.end(), end))
    return spans


def _fallback_spans(text: str, plan_year: int | None) -> list[_Span]:
    """Statements without a lead word, read only where a report has no lead at all."""
    spans: list[_Span] = []
    for m in _GOAL_AFTER.finditer(text):  # 提出今年国内生产总值增长8%左右的目标
        body = m["body"]
        if measures.value_rx().search(body) and indicator_code(body) and not _elsewhere(body, plan_year):
            spans.append(_Span(m.start("body"), m.end("body")))
    for m in _PLAN_WORDING.finditer(text):  # 今年计划国内生产总值增长百分之九，…
        if any(s.start <= m.start() < s.end for s in spans):
            continue
        sentence_start = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        if _about_other_time(text[sentence_start: m.end("bare") if m["bare"] else m.end()], plan_year):
            continue
        end = _statement_end(text, m.start())
        first = measures.value_rx().search(text, m.start(), end)
        if first is None:
            continue
        head = _CLAUSE_SPLIT.split(text[m.start(): first.start()])[-1]
        if m["bare"] and (indicator_code(head) != "gdp" or measures.find_verb(head) is None
                          or _CLAUSE_SPLIT.search(text, m.end(), first.start())):
            continue  # 今年，only GDP growth in the very next clause
        if indicator_code(head):
            spans.append(_Span(m.start(), end))
    return sorted(spans)


def _continues(sentence: str) -> bool:
    """Whether a sentence after the first still lists targets: its first number comes in its
    first clause (after at most a connective such as 同时, or items without a number that open with
    an indicator), with an indicator before it."""
    if not sentence or sentence.startswith(measures.grammar().stops) or _OTHER_HORIZON.search(sentence):
        return False
    first = measures.value_rx().search(sentence)
    if first is None:
        return False
    *before, clause = _CLAUSE_SPLIT.split(sentence[: first.start()])
    # before it, only a connective or items without a number (单位生产总值能耗…完成省定目标，细颗粒物浓度下降4%)
    return all(len(c.strip()) <= 3 or indicator_code(c[:12]) for c in before) and bool(indicator_code(clause))


def _names_an_indicator(sentence: str) -> bool:
    """A target item with no number: its first clause opens with an indicator (固定资产投资扭转下滑态势)."""
    first = _CLAUSE_SPLIT.split(sentence, 1)[0]
    return bool(sentence) and measures.value_rx().search(sentence) is None and indicator_code(first[:12]) is not None


def _next_sentence(text: str, pos: int) -> str:
    stop = _SENTENCE_END.search(text, pos)
    return text[pos: stop.end() if stop else len(text)].strip()


def _statement_end(text: str, start: int, max_sentences: int = 12) -> int:
    """The first sentence, then each following sentence of its paragraph that still lists numeric targets."""
    pos = start
    taken = 0
    while taken < max_sentences:
        stop = _SENTENCE_END.search(text, pos)
        end = stop.end() if stop else len(text)
        sentence = text[pos:end].strip()
        if taken == 0 and not sentence and stop is not None:
            pos = end  # 主要预期目标是：|the items on the next line
            continue
        if taken > 0 and not _continues(sentence):
            if not (_names_an_indicator(sentence) and stop is not None and _continues(_next_sentence(text, end))):
                return pos
            # an item without a number (固定资产投资扭转下滑态势，实现正增长。) between numeric ones
        pos = end
        taken += 1
        if stop is None:
            break
    return pos


def _clauses(doc: MappedText, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, text) of each clause of a statement: cut at punctuation, and at a line break after a
    value when the next line starts a new item (items one a line without punctuation, which the text
    map joins as wrapped lines: 地区生产总值增长8%|财政收入增长10%), or before an item number."""
    text = doc.text
    cuts = [m.start() for m in _CLAUSE_SPLIT.finditer(text, start, end)]
    for p in doc.starts[bisect_right(doc.starts, start): bisect_left(doc.starts, end)]:
        if text[p - 1] in _CLAUSE_MARKS or text[p] in _NO_ITEM_START or text.startswith(_after_words(), p):
            continue
        if _ITEM_NUMBER_AT.match(text, p) or _value_at_end().search(text, max(start, p - 14), p):
            cuts.append(p)
    out, pos = [], start
    for cut in sorted(set(cuts)) + [end]:
        out.append((pos, text[pos:cut]))
        pos = cut + (cut < end and text[cut] in _CLAUSE_MARKS)
    return out


def _pairs(clause: str, names: list[str], values: list[measures.Value]) -> list[tuple[str, measures.Value, str]]:
    """(name, value, qualifier) of each target of one clause.

    Several names and as many values are read in order (分别增长6%和7%), and a qualifier after the
    last value is its own, unless a frame opens before the first (分别控制在5%和3%以内: 在…以内; 分别不低于…):
    then it is every value's. One name with several values keeps the committed one and any further level
    or growth, not the stretch figure after 力争 (增长7%以上、力争8%)."""
    kept = [values[0]] + [v for prev, v in zip(values, values[1:]) if not _ASPIRATION.search(clause[prev.end: v.start])]
    if len(names) > 1 and len(names) == len(kept):
        opener = clause[: kept[0].start].rstrip()
        frame = ""
        if all(_LIST_GAP.fullmatch(clause[a.end: b.start]) for a, b in zip(kept, kept[1:])):
            before = measures.before_rx().search(clause, 0, kept[0].start)
            if before:
                frame = dict(measures.grammar().before)[before[0].rstrip()]
            elif opener.endswith("在"):
                frame = measures.qualifier(clause, kept[-1])
        out = []
        for name, v in zip(names, kept):
            own = measures.qualifier(clause, v)
            out.append((name, v, frame if own == "exact" and frame not in ("", "range") else own))
        return out
    return [(name, v, measures.qualifier(clause, v)) for name in names for v in kept]


def _carried(indicator: str, previous: str) -> str:
    """An indicator named by part of the one before: its head noun carries over (规上工业总产值增长15%，
    增加值增长5% → 规上工业增加值), or its tail does (城镇居民人均可支配收入增长6%，农村增长7% → 农村居民
    人均可支配收入); `indicator` itself where neither names one of ours."""
    for k in range(len(previous), 0, -1):
        if indicator_code(previous[:k] + indicator, after=k):
            return previous[:k] + indicator
    if len(indicator) <= 4:
        for k in range(1, len(previous)):
            found = _find_alias(indicator + previous[k:])
            if found and found[0] < len(indicator):
                return indicator + previous[k:]
    return indicator


def parse_statement(doc: MappedText, start: int, end: int, lead: str = "", lead_start: int = 0,
                    plan_year: int | None = None) -> tuple[list[Target], list[QualitativeTarget]]:
    targets: list[Target] = []
    qualitative: list[QualitativeTarget] = []
    previous_indicator = ""
    for clause_start, clause in _clauses(doc, start, end):
        clause_end = clause_start + len(clause)
        if not clause.strip():
            continue
        values = measures.values(clause)
        if not values:
            if (_QUALITATIVE.search(clause) or indicator_code(clause)) and not _COMMENTARY.search(clause):
                line, snippet = doc.snippet(clause_start, clause_end)
                indicator = clean_indicator(_QUALITATIVE_CUT.split(clause, maxsplit=1)[0])
                qualitative.append(QualitativeTarget(indicator, snippet, line))
            continue
        # a five-year average or another year inside the statement (“十三五”期间年均增长7.5%) is no target
        values = [v for v in values if not (_MULTI_YEAR.search(clause, 0, v.start)
                                            or _other_year(_COMPARED.sub("", clause[: v.start]), plan_year))]
        if not values:
            continue
        first = values[0]
        head = clause[: first.start]
        named_until = _alias_end(head)
        verb = measures.find_verb(head[named_until:])
        raw_indicator = head[: named_until + verb[0]] if verb else head
        # 城镇新增就业人数不低于|900万人, 涨幅在|3%以内: the words before the number are no part of the name
        raw_indicator = measures.before_rx().sub("", raw_indicator.rstrip()).removesuffix("在")
        indicator = clean_indicator(raw_indicator)
        context = ""
        snippet_start = clause_start
        if lead and not targets and not previous_indicator and not indicator_code(indicator):
            indicator = context = lead  # 经济增长预期目标为|7%左右
            snippet_start = lead_start
        if not indicator and previous_indicator and verb and not _ASPIRATION.search(head):
            indicator = previous_indicator  # 地区生产总值达到1000亿元，增长6%
        if indicator and not indicator_code(indicator) and previous_indicator:
            indicator = _carried(indicator, previous_indicator)
        if not indicator or "指标" in indicator:
            continue  # 主要指标12项: a count of indicators
        previous_indicator = indicator
        for name, v, qualifier in _pairs(clause, split_indicators(indicator), values):
            code = indicator_code(name) or "other"
            verb_here = measures.find_verb(clause[min(named_until, v.start): v.start])
            sense = verb_here[2] if verb_here else None
            line, snippet = doc.snippet(snippet_start, clause_end, on_line=doc.line_of(clause_start + v.start))
            targets.append(Target(
                indicator_code=code, indicator_text=name,
                measure=measures.measure(code, context + clause[: v.start], v.unit, v.value, sense),
                value=v.value, value_high=v.high, unit=v.unit, qualifier=qualifier,
                direction="decrease" if sense == "decrease" else ("level" if v.unit not in ("%", "‰", "个百分点") else "increase"),
                source_line=line, snippet=snippet,
            ))
    return targets, qualitative


def extract_targets(doc: MappedText, plan_year: int | None) -> tuple[list[Target], list[QualitativeTarget]]:
    """Every plan-year target of one document; a restatement of a target already found is dropped."""
    targets: list[Target] = []
    qualitative: list[QualitativeTarget] = []
    seen = set()
    for span in statement_spans(doc, plan_year):
        found, quali = parse_statement(doc, *span, plan_year=plan_year)
        for t in found:
            key = (t.indicator_code, t.measure, t.value, t.value_high,
                   t.indicator_text if t.indicator_code == "other" else "")
            if key not in seen:
                seen.add(key)
                targets.append(t)
        qualitative.extend(quali)
    return targets, qualitative
