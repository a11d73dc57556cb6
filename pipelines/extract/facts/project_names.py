"""Whether a candidate is the name of a project a person could look up.

A name is a specific modifier and a facility noun, with no task word inside:
- the modifier names one thing: a place (divisions, towns 甲镇, rivers and hills 甲河, places jieba
  knows), a company or a proper noun (甲集团, 打庆: characters jieba knows only one by one), a proper
  noun in quotes (“两园片区”), a capacity with its unit (70万千瓦, 年产20万吨), a numbered road or
  school (国道106, 庆阳一中), a route (甲至乙, 甲—乙), a street (学院路实验学校), the city's own
  (市传染病医院);
- the facility noun ends it (vocab/project_heads.txt), maybe with a phase (一期) or a section (段);
- nothing in it is a task verb, an adverb or an evaluative adjective (推进, 谋划, 加快, 合理, 重大),
  a count (一批, 三大, 15项) or a slogan in quotes (“快递进村”工程).

Task words that only open the candidate (加快推进甲公路, 新建甲医院) are dropped and the rest judged;
a name followed by a task (甲污水处理厂完成提标改造) is kept without it. A facility noun with only
generic words before it (社区卫生服务中心, 体育公园, 高速公路) names no one facility, nor does a
designation (省级现代农业产业园, 国家5A级景区); a 项目 or 工程 without a specific modifier is a
category or a programme (冷链物流项目, 民生工程, 文化惠民工程). The words of each kind are data:
vocab/project_words.csv.

Words come from jieba's part-of-speech tagger (jieba.posseg without its HMM, on a tokenizer of its
own that knows the facility nouns, the place names and the vocabulary's words), called on candidate
names only, never on a whole document, and cached by text: a report repeats its names.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from math import log
from typing import NamedTuple

from ..documents.divisions import current_divisions
from ..vocabulary import VOCAB, read_list
from .jieba_dictionary import new_tokenizer
from .project_vocab import false_head, heads, reject_pattern, suffix_heads


class Word(NamedTuple):
    text: str
    flag: str  # jieba's tag; "quote" a quoted span, "oov" single characters jieba knows only apart


@lru_cache(maxsize=1)
def word_kinds() -> tuple[tuple[str, str], ...]:
    """(word, kind) pairs from vocab/project_words.csv (its header says what each kind means); a
    word may have several kinds (新 is generic, and 新疆's one-character name)."""
    with (VOCAB / "project_words.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(line for line in f if not line.startswith("#")))
    return tuple((word.strip(), kind.strip()) for word, kind in rows[1:] if word.strip())


@lru_cache(maxsize=None)
def words_of(*kinds: str) -> frozenset[str]:
    return frozenset(w for w, k in word_kinds() if k in kinds)


class _Vocabulary:
    """The vocabulary's word sets, looked up once."""

    def __init__(self) -> None:
        self.inside = words_of("task", "manner")
        self.leading = words_of("task", "manner", "lead")
        self.settle, self.build, self.count = words_of("settle"), words_of("build"), words_of("count")
        self.rank, self.programme, self.own = words_of("rank"), words_of("programme"), words_of("own")
        self.company, self.company_name = words_of("company"), words_of("company_name")
        self.weak, self.zone, self.network = words_of("weak_head"), words_of("zone_head"), words_of("network_head")
        self.base, self.vague, self.work = words_of("base_head"), words_of("vague_head"), words_of("work_head")
        self.path = words_of("path_head")
        self.aspire = words_of("aspire")
        self.generic = words_of("generic", "rank")
        self.slogan = words_of("task", "manner", "lead", "programme", "count")
        self.heads = frozenset(heads())
        self.places = place_names()


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    return _Vocabulary()


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Names of divisions, full and short, and their aliases. Short names that are everyday words
    (short_name_stoplist.txt, and the vocabulary's not_place words: 合作 of 合作市) count only where
    jieba knows them as places (城南, 朝阳); generic words (中心, 新区) never."""
    tags = _dictionary_tags()
    everyday = set(read_list("short_name_stoplist.txt")) | words_of("not_place")
    names = set()
    for d in current_divisions():
        if d.level_code == "national":
            continue
        names.add(d.name)
        short = d.short_name
        if short and (short not in everyday or tags.get(short) in _PLACE_TAGS):
            names.add(short)
    with (VOCAB / "region_aliases.csv").open(encoding="utf-8", newline="") as f:
        names |= {r["alias"].strip() for r in csv.DictReader(f) if r["alias"].strip()}
    return frozenset(n for n in names if len(n) >= 2) - words_of("generic")


_PLACE_TAGS = frozenset(("ns", "nz", "nr", "nrt"))


@lru_cache(maxsize=1)
def _dictionary_tags() -> dict[str, str]:
    """Word → part-of-speech tag from jieba's dictionary, as jieba.posseg reads it (read here: jieba.posseg
    would also load its HMM tables, which a cut without the HMM never reads)."""
    tags = {}
    with _base_tokenizer().get_dict_file() as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0].decode("utf-8")] = parts[2].decode("utf-8")
    return tags


@lru_cache(maxsize=1)
def _base_tokenizer():
    return new_tokenizer()


@lru_cache(maxsize=1)
def _tagger() -> _Tagger:
    """jieba's tagger (the dictionary, its tags, jieba.posseg's cut without the HMM) on a tokenizer of
    its own, with facility nouns, place names and the vocabulary's words as user words (jieba's
    global tokenizer and the targets' one are left as they are)."""
    places = place_names()  # read from the dictionary before the user words join it
    tokenizer = _base_tokenizer()
    user = {**{p: "ns" for p in places}, **{h: "n" for h in heads() if len(h) >= 2}}
    for word, _ in word_kinds():
        if len(word) >= 2 and word not in user and not tokenizer.FREQ.get(word):
            user[word] = "n"
    for word, tag in user.items():
        tokenizer.add_word(word, freq=max(tokenizer.FREQ.get(word) or 0, 3000), tag=tag)
    tags = {**_dictionary_tags(), **user}
    return _Tagger(tokenizer.FREQ, tags, log(tokenizer.total))


def warm_up() -> None:
    """Load the tagger (jieba's dictionary and the user words) before worker processes fork."""
    _tagger()
    _vocabulary()
    _place_scanner()


class _Tagger:
    """jieba.posseg's cut without its HMM (POSTokenizer.lcut(text, HMM=False)): the same dictionary,
    route and tags, without the generators and per-call set-up, which cost more than the cut on
    names this short (tests/unit/test_project_names.py checks that the two agree)."""

    _BLOCK = re.compile(r"([\u4e00-\u9fd5a-zA-Z0-9+#&\._]+)")  # jieba.posseg.re_han_internal
    _SKIP = re.compile(r"(\r\n|\s)")
    _ALNUM = re.compile(r"[a-zA-Z0-9]")
    _NUM = re.compile(r"[\.0-9]+")
    _ENG = re.compile(r"[a-zA-Z0-9]+")

    def __init__(self, freq: dict[str, int], tags: dict[str, str], log_total: float):
        self.freq, self.tags, self.log_total = freq, tags, log_total
        self.log_p: dict[str, float | bool | None] = {}  # the fragments looked up so far

    def cut(self, text: str) -> list[Word]:
        out: list[Word] = []
        for block in self._BLOCK.split(text):
            if not block:
                continue
            if self._BLOCK.fullmatch(block):
                self._cut_block(block, out)
                continue
            for piece in self._SKIP.split(block):
                if not piece:
                    continue
                if self._SKIP.fullmatch(piece):
                    out.append(Word(piece, "x"))
                    continue
                eng = self._ENG.match(piece) is not None
                out += [Word(c, "m" if self._NUM.match(c) else "eng" if eng else "x") for c in piece]
        return out

    def _cut_block(self, block: str, out: list[Word]) -> None:
        log_p, n = self.log_p, len(block)
        scores = [0.0] * (n + 1)
        ends = list(range(n))
        alone = -self.log_total  # a character no word starts with: jieba counts it once
        for k in range(n - 1, -1, -1):  # jieba's get_DAG and calc: the likeliest words, from the end
            best, end, found = alone + scores[k + 1], k, False
            i, frag = k, block[k]
            while i < n:
                p = log_p.get(frag, _UNSEEN)
                if p is _UNSEEN:
                    p = log_p[frag] = self._log_p(frag)
                if p is None:
                    break  # no word of the dictionary starts with frag
                if p is not False:
                    score = p + scores[i + 1]
                    if not found or score > best or score == best and i > end:
                        best, end, found = score, i, True
                i += 1
                frag = block[k: i + 1]
            scores[k], ends[k] = best, end
        x, buffer, tags = 0, "", self.tags
        while x < n:
            y = ends[x] + 1
            word = block[x:y]
            if y - x == 1 and self._ALNUM.match(word):
                buffer += word
            else:
                if buffer:
                    out.append(Word(buffer, "eng"))
                    buffer = ""
                out.append(Word(word, tags.get(word, "x")))
            x = y
        if buffer:
            out.append(Word(buffer, "eng"))

    def _log_p(self, frag: str) -> float | bool | None:
        """log P(frag) as jieba's calc has it; False for a prefix of words that is no word; None for neither."""
        f = self.freq.get(frag)
        return None if f is None else (log(f) - self.log_total if f else False)


_UNSEEN = object()


_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Single characters that are words of their own, never part of a proper noun jieba does not know.
_NOT_PROPER = set("的及与至等或并在对为把将从向以之了是有个项批座条所处到")
_NUMERAL = "一二两三四五六七八九十百千万"
_COUNT = re.compile(rf"^[{_NUMERAL}\d]+(?:大|个|项|批|类|条|座|所|家|处|件|张|种|对|户|好|化)$")
_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[A-Za-z]{2}")
_COUNTED = re.compile(rf"[\d{_NUMERAL}]+\s*(?:项|个|条|座|所|家|处|批|类|大)(?![道厦桥楼院学子村屯店连])|\d\s*(?:台|套|户|县|万套|万户)")
_RANGE = re.compile(r"\d+\s*[—\-~～]")
_MONEY = re.compile(r"\d\s*(?:亿|万)?元")
_GRADE = re.compile(r"[0-9A]A")  # 5A级, AAAA级: a grade
_NUMBERED = re.compile(rf"^(?:第[{_NUMERAL}\d]+|[{_NUMERAL}]+[中小幼职高]|[GSXYgsxy]\d+)$")
_ROUTE_MARKS = frozenset("至—-－到～~")
_STREET_HEADS = ("路", "街", "巷")
_STREET = ("路", "街", "大道", "巷", "胡同")
_PLACE_SUFFIX = frozenset("镇乡村河湖山江沟峪塬岭川湾岛港泉海寺庄堡洼屯峡坪滩坝渠")
_CONTENT = frozenset(("n", "vn", "j", "l", "i", "s", "oov", "nz", "nr", "nt", "ns", "nrt", "nrfg", "eng", "an", "t"))
_PROPER = frozenset(("oov", "nr", "nz", "nrt", "nrfg", "ns"))
_INSIDE_PREPOSITIONS = frozenset(list("在对为向从把将被给让由按") + ["通过"])  # not 至, 到, 与: routes, pairs
_OPENING = frozenset(("d", "ad", "c", "p", "u", "ul", "uj", "x", "y", "r"))
_NEGATION = frozenset("不未没")
_TIME = re.compile(rf"[\d{_NUMERAL}〇零]+[年月]|[上下]半年|年[内底初]")
_YEAR_FIRST = re.compile(r"[\d０-９〇零一二三四五六七八九]{4}\s*年(?!度)")
_CLASSIFIERS = frozenset("条个座所项批家处件")
_NEGATABLE = frozenset(("a", "ad", "d", "v", "vd"))
_OUTLINE = re.compile(rf"^(?:[（(]?[{_NUMERAL}\d]+(?:[）)、]|[.．](?!\d))|[（(][{_NUMERAL}\d]+[）)]?|[{_NUMERAL}]+是)")
_PHASE = re.compile(rf"(?:[（(]?[{_NUMERAL}\d]+期[）)]?(?:工程|项目)?|[{_NUMERAL}\d]+标段?|[东西南北中]?段)$")


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[Word, ...]:
    """The words of a candidate: the words of what comes before the facility nouns that end it, then
    those nouns (甲煤矿二期 → 甲 | 煤矿 | 二期). A quoted span is one word; a run of two to four single
    characters jieba knows only one by one (打/庆, 知/和/大) is one "oov" word, the mark of a proper
    noun it has not seen."""
    modifier, parts = _head_split(text)
    if parts and all(len(p) >= 2 for p in parts):
        return _modifier_words(modifier) + tuple(Word(p, "n") for p in parts)
    return _modifier_words(text)


@lru_cache(maxsize=65536)
def _modifier_words(text: str) -> tuple[Word, ...]:
    """Quoted spans and place names are words of their own; jieba tags the pieces between them
    (few and short: a report's names differ mostly in their places)."""
    out: list[Word] = []
    pos = 0
    for start, end, flag in _anchors(text):
        out += _tag(text[pos:start])
        out.append(Word(text[start:end], flag))
        pos = end
    out += _tag(text[pos:])
    return tuple(out)


def _anchors(text: str) -> list[tuple[int, int, str]]:
    """(start, end, flag) of the quoted spans ("quote") and place names ("ns") in `text`, longest
    first, left to right, none overlapping."""
    found = [(m.start(), m.end(), "quote") for m in _QUOTED.finditer(text)] if "“" in text or '"' in text else []
    quoted = [(a, b) for a, b, _ in found]
    cursor = 0
    for start, neg_end in sorted((s, -e) for _, s, e in _place_scanner().spans(text)):
        end = -neg_end
        if start >= cursor and not any(a < end and start < b for a, b in quoted) and not _inside_word(text, start, end):
            found.append((start, end, "ns"))
            cursor = end
    return sorted(found)


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether a two-character place name at text[start:end] straddles a commoner word of jieba's
    dictionary (扩大城市: 扩大 and 城市, not the county 大城)."""
    if end - start != 2:
        return False
    freq = _tagger().freq
    own = freq.get(text[start:end]) or 0
    return any((freq.get(text[a:a + 2]) or 0) > max(own, 100) for a in (start - 1, end - 1)
               if a >= 0 and a + 2 <= len(text))


def place_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every place name in `text` (overlapping ones too)."""
    return [(start, end) for _, start, end in _place_scanner().spans(text)]


@lru_cache(maxsize=1)
def _place_scanner():
    from ..text.wordscan import WordScanner

    return WordScanner(sorted(place_names()))


@lru_cache(maxsize=16384)
def raw_words(text: str) -> tuple[Word, ...]:
    return tuple(_tagger().cut(text)) if text else ()


@lru_cache(maxsize=16384)
def _tag(text: str) -> tuple[Word, ...]:
    out: list[Word] = []
    run: list[Word] = []
    for w in raw_words(text) + (Word("", "end"),):
        if len(w.text) == 1 and w.text not in _NOT_PROPER and _HAN.match(w.text):
            run.append(w)
            continue
        if _proper_run(run):
            out.append(Word("".join(r.text for r in run), "oov"))  # 打庆, 华二, 知和大, 陇电入鲁
        else:
            out += run
        run = []
        if w.flag != "end":
            out.append(w)
    return tuple(out)


def _proper_run(run: list[Word]) -> bool:
    """Whether single characters make a proper noun: two to four of them, at most one a numeral,
    four not in parallel (外通内联, 内畅外联 are slogans: 外/f 通/v 内/f 联/v)."""
    if not 2 <= len(run) <= 4 or sum(r.text in _NUMERAL for r in run) > 1:
        return False
    flags = [r.flag for r in run]
    return len(run) < 4 or (flags[0] != flags[2] and flags[1] != flags[3])


@lru_cache(maxsize=65536)
def _head_split(name: str) -> tuple[str, tuple[str, ...]]:
    """(modifier, heads): the facility nouns ending the name, outermost last, phases (一期) and
    sections (段) included (甲煤矿二期: 甲, [煤矿, 二期]); weak heads (项目) take the noun before them
    too (甲基地项目: 甲, [基地, 项目])."""
    rest, parts = name, []
    weak = _vocabulary().weak
    while rest:
        phase = _PHASE.search(rest)
        if phase and 0 < phase.start():
            parts.insert(0, phase.group(0))
            rest = rest[: phase.start()]
            continue
        found = [h for h in suffix_heads(rest) if len(h) < len(rest)]
        if not found:
            break
        parts.insert(0, found[0])
        rest = rest[: -len(found[0])]
        if found[0] not in weak:
            break
    return rest, tuple(parts)


def name_of(candidate: str, listed: bool = False) -> str | None:
    """The project `candidate` names, or None when it names none (see judge)."""
    return judge(candidate, listed)[0]


@lru_cache(maxsize=65536)
def judge(candidate: str, listed: bool = False) -> tuple[str | None, str | None]:
    """(name, None) for the project `candidate` names, or (None, why not: see why_not).

    Task words and slogans opening it are dropped (加快推进甲公路 → 甲公路), a building verb inside
    it too (甲集团新建乙项目 → 甲集团乙项目); what follows a complete name is cut off (甲污水处理厂完成
    提标改造 → 甲污水处理厂), and what precedes the object of a settling verb (甲企业入驻乙产业园 → 乙产业园).
    `listed`: the candidate is an item of a counted list of projects whose noun it lacks (甲、乙等58个项目)."""
    v = _vocabulary()
    text = _OUTLINE.sub("", candidate, count=1)
    if text.startswith("“") and text.endswith("”") and text.count("“") == 1:
        text = text[1:-1]  # “两园片区”: a name in quotes
    text = text.lstrip("“”\"'、，,（）() ")
    close = text.find("”")
    if 0 <= close < len(text) - 1 and "“" not in text[:close]:
        text = text[close + 1:]  # 一站式”服务甲项目: the end of a quote the candidate began inside
    ws = list(words(text))
    if any(w.text == "的" for w in ws):  # 集…于一体的甲市场 → 甲市场; 打造…的乙基地 is no name
        cut = len(ws) - [w.text for w in ws][::-1].index("的")
        if any(w.text in v.inside for w in ws[:cut]) or _rejected("".join(w.text for w in ws[:cut - 1])):
            return None, "task"
        ws = ws[cut:]
    if any(w.text in v.aspire for w in ws[:3]):
        return None, "aim"  # 打造…基地, 构建…体系: an aim, not a work
    if ws and ws[0].text in _FRAME_OPENING:
        frame = next((i for i, w in enumerate(ws) if i and w.flag == "f" and len(w.text) == 1), None)
        if frame is not None:
            ws = ws[frame + 1:]  # 在甲运动会上冬夏项目: the frame 在…上 is no part of a name
    ws = _without_opening(ws)
    pronoun = next((i for i, w in enumerate(ws) if i and w.flag == "r"), None)
    if pronoun is not None:  # 甲项目刷新我省纪录: a name never holds 我省, 我市
        if not _split(tuple(ws[:pronoun]))[1]:
            return None, "fragment"
        ws = ws[:pronoun]
    tasks = [i for i, w in enumerate(ws) if i and w.text in v.inside]
    if tasks:
        first, last = tasks[0], tasks[-1]
        if _complete(ws[:first]):
            ws = ws[:first]  # 大安污水处理厂完成提标改造: the name ends before the task
        elif ws[last].text in v.settle and _complete(ws[last + 1:]):
            ws = _without_opening(ws[last + 1:])  # 甲企业入驻乙产业园, 甲产业建成了乙园: the task's object
    ws = [w for i, w in enumerate(ws)
          if not (0 < i < len(ws) - 1 and w.text in v.build and ws[i + 1].flag in _CONTENT)]
    name = "".join(w.text for w in ws)
    if len(name) < 2:
        return None, "no head"
    why = _why_not(tuple(ws), listed)
    return (None, why) if why else (name, None)


_FRAME_OPENING = frozenset("在于")


def _without_opening(ws: list[Word]) -> list[Word]:
    """`ws` without the task words, adverbs, particles, verbs and slogans that open it (加快推进甲公路,
    了甲园, 高起点建设甲园)."""
    v = _vocabulary()
    while ws and (ws[0].text in v.leading or ws[0].flag in _OPENING and ws[0].text not in _ROUTE_MARKS
                  or ws[0].flag == "v" and len(ws) > 1 and ws[0].text not in v.own
                  and (len(ws[0].text) >= 2 or ws[1].flag in ("l", "i"))
                  or ws[0].flag == "quote" and len(ws) > 1 and _slogan(ws[0].text[1:-1])):
        ws = ws[1:]
    return ws


@lru_cache(maxsize=16384)
def specific(name: str) -> bool:
    """Whether `name` says which one it is: a place, a proper noun, a number, a route or a company
    in its modifier, or a phase (甲园二期). 冷链物流基地 and 人才实训基地 say only what kind: the
    clause around them must say which (an amount, a date, a concrete step)."""
    if _DIGIT.search(name) or "期" in name:
        return True
    ws = words(name)
    if ("（" in name or "(" in name) and _specific(_split(_without_brackets(ws))[0]):
        return True
    mod, parts = _split(ws)
    if parts and parts[-1] in _ROUTE_HEADS and 2 <= sum(len(w.text) for w in mod) <= 4 and not any(
            generic(w.text) or w.text in _vocabulary().leading or w.flag in ("v", "d", "a", "f", "s")
            or len(w.text) >= 2 and w.flag not in _PROPER and not _rare(w.text) for w in mod):
        return True  # 赤大白铁路, 包银高铁: a line is named by the short names of its ends (干线铁路 is none)
    return _specific(mod)  # 北方（沧州）跨境电商物流基地: the note names the place


_ROUTE_HEADS = frozenset(("铁路", "高铁", "高速", "高速公路", "公路", "一级公路", "城际", "城际铁路"))


@lru_cache(maxsize=16384)
def names_one(modifier: str) -> bool:
    """Whether a modifier without its noun, alone before a count, names a place (月亮泡3个冷链仓储中心),
    not a step, a kind or a quota (新建, 基础教育对口帮扶, 省定)."""
    ws = _without_opening(list(_modifier_words(modifier))) if modifier else []
    return any(w.text in _vocabulary().places or w.flag == "ns"
               or len(w.text) >= 2 and w.text[-1] in _PLACE_SUFFIX and w.flag[:1] in "nj" for w in ws)  # 党河


def why_not(name: str, listed: bool = False) -> str | None:
    """Why `name` is no project name (task, negation, count, fragment, programme, slogan,
    designation, generic, category, no head), or None when it is one."""
    return _why_not(words(name), listed)


@lru_cache(maxsize=65536)
def _why_not(ws: tuple[Word, ...], listed: bool) -> str | None:
    """why_not on the name's words. A note in brackets (大安灌区二期（一步）工程, 高平路（八一路—丹阳路）)
    is left out of the judgement."""
    v = _vocabulary()
    if any(w.text.isspace() for w in ws):
        ws = tuple(w for w in ws if not w.text.isspace())  # “广度” 争项目: a stray space judges nothing
    name = "".join(w.text for w in ws)
    if "（" in name or "(" in name:
        bare = _without_brackets(ws)
        if bare != ws:
            return _why_not(bare, listed) if len("".join(w.text for w in bare)) >= 2 else "no head"
    for i, w in enumerate(ws):
        if w.text in v.inside or i and w.text in _INSIDE_PREPOSITIONS:
            return "task"  # …; 子女在公办义务教育学校: a preposition inside is a sentence's
        if len(w.text) >= 2 and w.text[0] in _NEGATION and w.flag in _NEGATABLE:
            return "negation"  # 甲结束不通高铁: a negation is a sentence's
        if w.flag in ("uv", "ud"):
            return "task"  # 大规模地扩建: an adverb's particle is a sentence's
        if w.flag == "t" and _TIME.search(w.text):
            return "fragment"  # 五年内修建公路, 一九五八年上半年小学: a time is a sentence's
        if w.text in v.count or _COUNT.match(w.text):
            return "count"
    if ws and len(ws[0].text) == 1 and ws[0].text in _CLASSIFIERS or _YEAR_FIRST.match(name):
        return "fragment"  # (这)条道路: a classifier's noun; 2002年高等学校: a year's statement
    if _COUNTED.search(name) or _MONEY.search(name) or _RANGE.match(name):
        return "count"  # 27项现代水网工程, 文化旅游四大工程, 1.37亿元工程
    if _stray_quote(name):
        return "fragment"  # 自动化减人”工程: a piece of a quoted list
    mod, parts = _split(ws)
    if not parts:
        if not listed:
            return "no head"
        parts = ("项目",)
    weak = all(p in v.weak or _PHASE.fullmatch(p) for p in parts)
    zone = parts[0] in v.zone
    if mod and mod[-1].flag == "m" and mod[-1].text in _NUMERAL:
        return "count"  # “一基地两示范”
    if weak and mod and len(mod[-1].text) == 1 and mod[-1].flag == "v" and (
            len(mod) == 1 or mod[-2].flag in ("quote", "v", "d", "ad")):
        return "task"  # 加快推进建项目, “深度”谋项目: a verb and its object
    if weak and (any(w.flag == "quote" and _slogan(w.text[1:-1]) for w in mod)
                 or mod and (mod[-1].text in v.programme or mod[-1].flag == "quote")):
        return "programme"  # “快递进村”全覆盖工程, 文化惠民工程, 人才引进工程, “考古中国”项目
    base = weak or parts[0] in v.base
    if parts[0] in v.work and not any(w.text in v.places or w.flag in _PROPER or w.flag == "quote"
                                       or len(w.text) >= 2 and w.text[-1] in _PLACE_SUFFIX or _DIGIT.search(w.text)
                                       for w in mod) and not _specific(mod):
        return "category"  # 全域土地综合整治, 固体废物综合治理: a work on no one thing (南湖综合治理 is one)
    if mod and (base and all(w.text in v.places or w.text in v.own for w in mod)
                or parts[0] in v.vague and all(w.text in v.places for w in mod)):
        return "vague"  # 迭部项目, 包头基地: a place's project, which one is not said
    owned = mod[1:] if mod and mod[0].text in v.own else mod
    if parts[0] in _STREET_HEADS and sum(len(w.text) for w in owned) > 3:
        return "slogan"  # 内畅外联路, 最后一步路: a street's name is short (人民路, 德胜路)
    ranked = [i for i, w in enumerate(mod) if w.text in v.rank]
    if (zone and ranked or any(_GRADE.search(mod[i].text) for i in ranked)
            or ranked[:1] == [0] and not any(w.text in v.places for w in mod[1:])):
        return "designation"  # 省级现代农业产业园, 甲5A级景区, 甲国家级示范区: a title, not one thing built
    if not owned and parts[0] in v.network or parts[0] in v.path and not _specific(owned):
        return "generic"  # 市区道路: the city's roads; 城镇化道路, 社会主义道路: a course, no road
    if _specific(mod, zone):
        return None
    content = [w for w in mod if w.flag in _CONTENT and not generic(w.text)]
    if listed and base and len(content) >= 2:
        return None  # 甲、正大生猪屠宰加工等58个项目: an item the list itself counts as a project
    if base or zone:
        return "category"  # 冷链物流项目, 民生工程, 特色产业集群, 稀土基地
    # A facility with a descriptive modifier (冷链物流基地, 汽车产业园) is named by its report's
    # context; with generic words only (社区卫生服务中心, 体育公园, 高速公路) it is not.
    if len(mod) == 1 and len(mod[0].text) == 1 and parts[0] not in v.network:
        return "generic"  # 牛基地: one character names no kind of its own
    return None if content else "generic"


def _split(ws: tuple[Word, ...]) -> tuple[tuple[Word, ...], tuple[str, ...]]:
    """(modifier's words, facility nouns ending the name): read off the words when the nouns are
    words of their own, as they mostly are (the tagger knows them), else from the text."""
    v = _vocabulary()
    i, parts = len(ws), []
    while i > 1:
        text = ws[i - 1].text
        if _PHASE.fullmatch(text) or text in v.heads:
            parts.insert(0, text)
            i -= 1
            if text in v.heads and text not in v.weak:
                break
            continue
        break
    if parts and parts[0] not in v.weak and not _PHASE.fullmatch(parts[0]):
        return ws[:i], tuple(parts)
    modifier, found = _head_split("".join(w.text for w in ws))
    return (_modifier_words(modifier) if modifier else ()), found


def _without_brackets(ws: tuple[Word, ...]) -> tuple[Word, ...]:
    out, depth = [], 0
    for w in ws:
        if w.text in "（(":
            depth += 1
        elif w.text in "）)" and depth:
            depth -= 1
        elif not depth:
            out.append(w)
    return tuple(out)


def _specific(ws: tuple[Word, ...], zone: bool = False) -> bool:
    """Whether a modifier's words name one thing (`zone`: the modifier of a zone, which the place's
    own level does not make one: 省“十强”产业集群)."""
    v = _vocabulary()
    for i, w in enumerate(ws):
        t, f = w.text, w.flag
        before = ws[i - 1] if i else None
        # A name jieba does not know, or knows as a place, opens the modifier or follows a place
        # (打庆公路, 西峰加氢站, 天马饲料加工); inside it, it is more often a new common word (文明乡风).
        opening = all(x.text in v.places or x.text in v.own or x.text in _ROUTE_MARKS or generic(x.text) for x in ws[:i])
        if zone and (t in v.places or f in ("ns", "nz") or t[-1] in _PLACE_SUFFIX):
            continue  # 西峰园区, 庆阳数据中心集群, 祁连山国家公园: a zone named by its place is the place's, no project
        if t[-1] in _PLACE_SUFFIX and len(t) <= 2 and before and before.flag[:1] in "nsjloa" and not generic(before.text):
            return True  # 大岗子镇, 龙泉湖, 新平安镇, 幸福新村
        if i == 0 and t in v.own and not zone:
            return True  # 市传染病医院, 城区污水处理厂: the city's own
        if len(t) >= 3 and t.endswith(_STREET) and not generic(t):
            return True  # 学院路实验学校
        if f == "quote":
            if not _slogan(t[1:-1]):
                return True  # “两园片区”
            continue
        if generic(t):
            continue
        if t in v.places or opening and (f == "oov" or f in ("ns", "nz", "nrt", "nrfg") and len(t) >= 2
                                         or f == "nr" and 2 <= len(t) <= 3 and _rare(t)):
            return True  # a division, a proper noun jieba does not know, a place or name it does (渤海, 虎豹, 比亚迪)
        if len(t) >= 3 and t[-1] in _PLACE_SUFFIX and f[:1] in "nj":
            return True  # 白龙江, 东鱼河: a river or a hill
        if f == "eng" and len(t) >= 2 and _LETTERS.search(t):
            return True  # CNG调峰项目, PCR实验室
        if i + 1 < len(ws) and f in ("m", "eng", "x") and _DIGIT.search(t) and (i > 0 or ws[i + 1].flag == "x"):
            return True  # 鲁固直流70万千瓦, 国道106, 2×100万千瓦; not 679万千瓦风光电项目 (a total)
        if _NUMBERED.match(t):
            return True  # 庆阳一中, 第二人民医院
        if t in _ROUTE_MARKS and 0 < i < len(ws) - 1:
            return True  # 甲至乙, 防川-珲春
        if before and not generic(before.text) and (
                t in v.company_name and before.flag in _CONTENT
                or t in v.company and (before.flag in _PROPER or before.text in v.places)):
            return True  # 旭阳集团, 简道制药
    return False


def _rare(word: str) -> bool:
    """Whether jieba's dictionary counts `word` rarely: its person names (nr) that are rare are
    names (比亚迪, 东明); the frequent ones are mostly common words it mistags (养老, 康复, 温泉)."""
    return (_tagger().freq.get(word) or 0) < 100


@lru_cache(maxsize=16384)
def generic(word: str) -> bool:
    """Whether a word is generic or a rank, or made of such words only (社区卫生 = 社区 + 卫生)."""
    known = _vocabulary().generic
    if word in known:
        return True
    n = len(word)
    reach = [True] + [False] * n  # reach[i]: word[:i] splits into generic words
    for i in range(n):
        if reach[i]:
            for j in range(i + 1, n + 1):
                if word[i:j] in known:
                    reach[j] = True
    return n > 1 and reach[n]


@lru_cache(maxsize=4096)
def _slogan(inner: str) -> bool:
    """A quoted span that is a slogan or a count (“快递进村”, “三个十大”, “十强”), not a proper noun."""
    if not inner or _DIGIT.search(inner) or any(c in _NUMERAL for c in inner[:2]):
        return True
    ws = raw_words(inner)
    task = _vocabulary().slogan
    return len(ws) >= 4 or any(w.text in task or w.flag in ("v", "vd", "d", "ad", "a") for w in ws)


def _complete(ws: list[Word]) -> bool:
    """Whether words end in a facility noun that is not 项目 or 工程 and have words before it."""
    text = "".join(w.text for w in ws)
    found = suffix_heads(text)
    return (bool(found) and found[0] not in _vocabulary().weak and len(found[0]) < len(text)
            and not false_head(text, len(text)))  # 集成电路重点项目: 电路 is no road


def _rejected(text: str) -> bool:
    return reject_pattern().search(text) is not None


def _stray_quote(name: str) -> bool:
    depth = 0
    for c in name:
        if c in "“”":
            depth += 1 if c == "“" else -1
            if depth not in (0, 1):
                return True
    return depth != 0
