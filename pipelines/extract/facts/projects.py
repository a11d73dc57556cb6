"""Named projects of a report, their investment and status; counts of anonymous projects apart.

A project is a list item that ends in a facility noun (vocab/project_heads.txt: 项目, 工程,
公路, 水库 …) or that shares one with its list (打庆、太华、华二公路; 远景能源、三一重能、易事特等
装备制造产业园). Status comes from the clause's verb (vocab/project_status.csv), investment from
投资X亿元的… before the names or from a clause of its own just before them (投资2.89亿元，化工…).
Whether a candidate names a project at all (not a task phrase, a programme, a generic facility or
a count) is project_names' judgement; what it leaves out is in no table.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

from ..text.textmap import MappedText
from ..text.wordscan import Occurrences, WordScanner, char_offsets
from ..vocabulary import VOCAB
from .numbers import Money, find_money
from .project_names import judge, name_of, names_one, place_spans, specific, words_of
from .project_vocab import alternation, continued, false_head, head_set, heads, reject_pattern, suffix_heads
from .sections import period_of

_PROGRAMMES = {"programme", "category", "designation"}  # named things that are no projects
# A clause that is only an amount of investment (投资2.89亿元，) gives it to the names of the next one;
# so does 引进社会资本28亿元，; 完成水利投资超1000亿元， is a sector's total and 争取专项债13.5亿元， a fund.
_OWN_AMOUNT = re.compile(r"\s*(?:总投资|计划投资|项目投资|投资|投入|(?:引入|引进|撬动)社会资本)?\s*(?:约|超过|超|达|近|共)?\s*$")


@lru_cache(maxsize=1)
def _designation_words() -> re.Pattern:
    return alternation(words_of("designate"))


def _designating(text: str, start: int, end: int) -> bool:
    """Whether the clause gives a title (入选, 获评, 命名为): the names in it are no works."""
    return _designation_words().search(text, start, end) is not None


_FOOTNOTE = re.compile(r"[（(]\d{1,3}[）)]|\[\d{1,3}\]")  # 大石水（1）库: a note marker inside a name
_SENTENCE_MARKS = "。！？；;\n"
_CLAUSE_MARKS = "，,：:"
_COUNT = re.compile(r"\d+\s*(?:个|条|座|家|所|项|处|批)|[一二两三四五六七八九十]+(?:个|条|座|所|项|批)")
_THRESHOLD = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)元以上|亿元以上")
_AGGREGATE = re.compile(r"项目\s*(?P<count>\d+)\s*[个项]"
                        r"|(?P<count2>\d+)\s*个(?P<what>[^，。；]{0,12}项目)")
_GENERIC = re.compile(r"^(?:一批|各类|重点|重大|一系列|这些|所有|全市|全区|全县|民生|实事|基础设施|产业|项目|工程|新|等|的|和|、|及)*$")
_FILLERS = ("积极开展", "开展", "全力保障", "积极推进", "加快推进", "深入推进", "持续推进", "全力推进", "推进", "推动", "加快", "积极",
            "全力", "着力", "大力", "持续", "配合", "服务", "保障支持", "保障", "支持", "确保", "力争", "争取",
            "尽快", "全面", "深入", "高标准", "高质量", "继续", "加速", "启动实施", "启动建设", "开工建设", "开工实施",
            "建成投用", "建成", "完成", "新建", "实施", "启动", "谋划", "打通", "扩建", "迁建", "建设", "引进", "投用",
            "重点", "完善", "整改", "分段式改造提升", "改造提升", "移址新建", "发展改善")


_DATED = re.compile(r"\d{4}\s*年|年底|年内|[上下]半年|[一二三四五六七八九十\d]+月")


@lru_cache(maxsize=1)
def _weak_steps() -> frozenset[str]:
    return words_of("weak_step")


def _only_a_kind(text: str, c_start: int, c_end: int, phrases, s_start: int) -> bool:
    """Whether a clause whose names say only what kind of thing they are (冷链物流基地) names a
    category of work: its only steps are 推进, 加快, 建设 (or none), and it gives no date.
    建成, 开工, 投产 or 引进 make the thing one project (人民广场建成投用); so does an amount."""
    lo, hi = c_start - s_start, c_end - s_start
    steps = {p for p, at, end in phrases if at >= lo and end <= hi}
    return (steps <= _weak_steps() and not _DATED.search(text, c_start, c_end)
            and not _LISTED_AS_PROJECT.search(text, c_start, c_end))


# 甲等重点项目, 甲等73个项目: the report itself lists the thing as a project
_LISTED_AS_PROJECT = re.compile(r"等[^，。；、]{0,16}(?:项目|工程)")


class ProjectFact(NamedTuple):
    project_name: str
    investment_value: float | None
    investment_unit: str | None
    investment_yuan: float | None
    investment_kind: str | None  # total, completed, planned
    status: str
    period: str
    source_line: int
    snippet: str


class AggregateFact(NamedTuple):
    count: int
    threshold_text: str | None
    what: str
    total_investment_yuan: float | None
    period: str
    source_line: int
    snippet: str


_OUTLINE = re.compile(r"^[（(][一二三四五六七八九十\d]+[）)]|^[一二三四五六七八九十]+、|^——")
_NOT_A_NAME_START = set("以在为向把将对从让使")
_GENERIC_START = re.compile(r"^(?:农村|乡镇|城镇|公办|小型|改建|绿化|村级|乡村|\d+千伏)")
_ROAD_WORDS = re.compile(r"之|的|新|发展")
_BRACKETED = re.compile(r"[（(][^（()）]*(?:[）)]|$)")
_CONJUNCTION = re.compile(r"和|及|与")
_QUANTITY = re.compile(r"\d+(?:\.\d+)?\s*(?:辆|个|公里|座|条|所|户|人|万亩|亩|家)")


@lru_cache(maxsize=1)
def _not_a_name() -> tuple[re.Pattern, re.Pattern]:
    """(what a name may not begin with, what it may not hold anywhere): outline numbering and generic
    openings; quantities and the reject words."""
    starts = re.compile(f"(?:{_OUTLINE.pattern})|(?:{_GENERIC_START.pattern})")
    anywhere = re.compile(f"(?:{_QUANTITY.pattern})|{reject_pattern().pattern}")
    return starts, anywhere


def is_named(name: str) -> bool:
    """A name a person could look up: no slogan verbs, no outline numbering, not only generic words."""
    bad_start, bad_anywhere = _not_a_name()
    if name[:1] in _NOT_A_NAME_START or bad_start.match(name) or bad_anywhere.search(name):
        return False
    suffixes = suffix_heads(name)  # longest first
    if not suffixes:
        return 3 <= len(name) <= 45
    head = suffixes[-1]
    core = name[: -len(head)]
    if suffixes[0] in ("路", "街") and (len(_BRACKETED.sub("", name)) > 6 or _ROAD_WORDS.search(name)):
        return False  # 范公路, 人民西路 are streets; 发展之路 is not
    return 3 <= len(name) <= 45 and len(core) >= 1 and not _GENERIC.match(core)


@lru_cache(maxsize=65536)
def _project_name(candidate: str, listed: bool = False) -> str | None:
    """The project a candidate names (see project_names), if it passes is_named too; cached by text."""
    name = name_of(candidate, listed) if candidate else None
    return name if name and (is_named(name) or listed and not suffix_heads(name)) else None


@lru_cache(maxsize=1)
def status_phrases() -> tuple[tuple[str, str, int], ...]:
    with (VOCAB / "project_status.csv").open(encoding="utf-8", newline="") as f:
        return tuple((r["phrase"], r["status"], int(r["priority"])) for r in csv.DictReader(f))


@lru_cache(maxsize=1)
def _status_scanner() -> tuple[WordScanner, dict[str, tuple[int, int, str]]]:
    """Every status phrase in one scan, overlapping ones too (建成投用 also holds 建成); and each
    phrase's best (priority, file order, status) among its listings."""
    best: dict[str, tuple[int, int, str]] = {}
    for i, (phrase, status, priority) in enumerate(status_phrases()):
        best[phrase] = min(best.get(phrase, (priority, i, status)), (priority, i, status))
    return WordScanner(best), best


def _best_status(phrases) -> str | None:
    rank = _status_scanner()[1]
    return min((rank[p] for p in phrases), default=(None, None, None))[2]


def _first_status_phrase(item: str) -> int:
    """Where the earliest status phrase begins in `item`, a phrase that begins it not counted (len if none)."""
    pattern = _status_pattern()
    if not pattern.match(item):  # no phrase begins the item: the first one found from 1 on is the answer
        found = pattern.search(item, 1)
        return found.start() if found else len(item)
    first: dict[str, int] = {}
    for phrase, start, _ in _status_scanner()[0].occurrences(item):
        first[phrase] = min(first.get(phrase, start), start)
    return min([at for at in first.values() if at > 0] + [len(item)])


@lru_cache(maxsize=1)
def _status_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(p) for p in _status_scanner()[1]))


def head_of(name: str) -> str | None:
    """The longest facility noun that ends `name` and is not all of it."""
    return next((h for h in suffix_heads(name) if len(name) > len(h)), None)


@lru_cache(maxsize=1)
def _any_head() -> re.Pattern:
    return re.compile("|".join(re.escape(h) for h in heads()))


class _HeadFinder:
    """Where a text's facility nouns are, found in one scan: whether a sentence or clause holds one
    (note markers such as 水（1）库 taken out) is then a lookup."""

    def __init__(self, text: str):
        self.text = text
        self.heads = _head_scanner().index(text)
        notes = [m for at in char_offsets(text, "（([") if (m := _FOOTNOTE.match(text, at))]  # what it begins with
        self.notes = Occurrences([m.start() for m in notes], [m.end() for m in notes])

    def candidates(self) -> list[int]:
        """Offsets where a noun or a note marker begins: a stretch holding neither holds no noun."""
        return sorted(set(self.heads.starts) | set(self.notes.starts))

    def has_head(self, start: int, end: int) -> bool:
        if self.heads.any_within(start, end):
            return True
        if not self.notes.any_within(start, end):
            return False
        return _any_head().search(_FOOTNOTE.sub("", self.text[start:end])) is not None


@lru_cache(maxsize=1)
def _head_scanner() -> WordScanner:
    return WordScanner(heads())


@lru_cache(maxsize=1)
def _heads_reversed() -> re.Pattern:
    """Every facility noun spelled backwards, longest first: one search of the reversed item finds the
    occurrence that ends last."""
    return re.compile("|".join(re.escape(h[::-1]) for h in heads()))


def _last_head_end(item: str, bare: bool = False) -> int:
    """End of the last facility noun in `item` (0 if none): the name stops there, or after the
    section that follows the noun (甲高速乙至丙段).

    `bare` allows the noun at the very start (the shared tail 项目 of 甲、乙等项目). A noun that
    begins a longer word (路 of 路网, 路径) ends nothing."""
    reversed_item = item[::-1]
    found = _heads_reversed().search(reversed_item)
    while found is not None and (continued(item, len(item) - found.start())
                                 or false_head(item, len(item) - found.start())):
        found = _heads_reversed().search(reversed_item, found.start() + 1)
    if found is None:
        return 0
    if bare or found.end() < len(item):  # the noun does not start the item
        end = len(item) - found.start()
    else:
        end = _last_head_end_scan(item)  # it does: a shorter noun ending there, or an earlier one, may count
    section = _SECTION.match(item, end) if end and item.find("段", end, end + 10) >= 0 else None
    return section.end() if section else end


# 甲高速乙至丙段, 国道240菏泽西绕城段（科技大道）: a section named after the road's noun belongs to its name
# (阶段 and 手段 are no sections).
_SECTION = re.compile(r"(?!部分)[^，。；、\s等和及与]{1,8}?(?<![阶手])段(?:[（(][^（()）]{1,12}[）)])?(?=$|[，。；、\s]|等|[和及与])")


def _last_head_end_scan(item: str) -> int:
    best = 0
    for h in heads():
        at = item.rfind(h)
        while at > 0 and (continued(item, at + len(h)) or false_head(item, at + len(h))):
            at = item.rfind(h, 0, at + len(h) - 1)
        if at > 0 and at + len(h) > best:
            best = at + len(h)
    return best


# Alternatives in _FILLERS order: a match is the first filler the item starts with, as a loop would find.
_FILLER_START = re.compile("|".join(re.escape(w) for w in _FILLERS))


def _strip_leading(item: str) -> str:
    changed = True
    while changed and item:
        changed = False
        item = item.lstrip(" “”\"'、")
        while item[:1] in ("和", "及", "与") and not any(start == 0 for start, _ in place_spans(item[:8])):
            item = item[1:].lstrip(" “”\"'、")  # 和乙: a conjunction; 和林格尔: a place
        first = _FILLER_START.match(item)
        if first is None:
            break
        if len(item) > first.end() + 1:
            item, changed = item[first.end():], True
            continue
        for word in _FILLERS:  # the first filler leaves too little: a later one may not
            if item.startswith(word) and len(item) > len(word) + 1:
                item, changed = item[len(word):], True
                break
    return item


def _drop_quoted_tail(item: str) -> str:
    """兴华北街“断头路” → 兴华北街: a quoted nickname after a complete name is not part of it."""
    at = item.find("“")
    return item[:at] if at > 0 and head_of(item[:at]) else item


def _split_items(part: str) -> list[str]:
    """Split a clause at 、; at 和/及/与 only after a complete name (巴家咀水库除险加固及清淤项目 stays whole)."""
    items = []
    for piece in part.split("、"):
        if "和" not in piece and "及" not in piece and "与" not in piece:
            if piece:
                items.append(piece)
            continue
        while piece:
            split = _split_at_conjunction(piece)
            if split is None:
                items.append(piece)
                break
            left, piece = split
            items.append(left)
    return [i for i in items if i.strip()]


_DIVISION_ENDS = frozenset("省市县区州盟旗镇乡")


def _split_at_conjunction(piece: str) -> tuple[str, str] | None:
    places = place_spans(piece) if _CONJUNCTION.search(piece) else []
    for m in _CONJUNCTION.finditer(piece):
        if any(start == m.start() or start < m.start() < end and piece[end - 1] in _DIVISION_ENDS
               for start, end in places):
            continue  # 和林格尔, 西和县: the place's own character, no conjunction (更新和技术: one)
        left, right = piece[: m.start()], piece[m.end():]
        if len(right) < 2:
            continue
        if head_of(left.removesuffix("建设")):
            return left, right  # 甲灌区建设和乙灌区
        right_name = right[: _last_head_end(right)]
        right_heads = suffix_heads(right_name)
        if m.group() == "和" and 2 <= len(left) <= 8 and right_heads and not head_of(left) and not _fragment(right_name):
            # 石墨深加工和石油伴生气项目: the short left item shares the right one's head
            return left + right_heads[-1], right
    return None


def _names(clause: str, unnamed: list[str] | None = None) -> list[str]:
    """Project names in one clause, shared heads restored. The caller has made sure the clause holds
    a facility noun (_HeadFinder.has_head): every name, and every shared head, ends in one.

    `unnamed` collects why the candidates that name no project fail (see project_names.why_not).
    Cached by the clause's text: reports, and a corpus's reports, repeat clauses word for word."""
    names, reasons = _clause_names(clause)
    if unnamed is not None:
        unnamed.extend(reasons)
    return list(names)


@lru_cache(maxsize=16384)
def _clause_names(clause: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    unnamed: list[str] = []
    names = _read_names(clause, unnamed)
    return tuple(names), tuple(unnamed)


def _read_names(clause: str, unnamed: list[str]) -> list[str]:
    text = _FOOTNOTE.sub("", clause) if "（" in clause or "(" in clause or "[" in clause else clause
    tail, counted = "", False
    marks = [m for m in _LIST_DENG.finditer(text) if _closes_list(text, m.start())] if "等" in text else []
    if marks:
        body, tail = text[: marks[-1].start()], text[marks[-1].end():]
        text = body
        end = _last_head_end(tail, bare=True)
        tail = tail[:end] if end else ""
        tail = tail.lstrip()
        if _place_categories().search(tail) and _weak_or_work(tail):
            tail = ""  # 松花江等主要江河砂基砂堤治理工程: the items are rivers (甲、乙等区域医疗中心 are centres)
        else:
            tail = _without_generic_lead(tail)  # 甲、乙等大型水库 → 甲水库, 乙水库
        count = _COUNT.match(tail)  # 等58个…项目; not 等重点区域谋划一批…工程
        if count:
            # 等58个农业产业化项目: the items are named, the tail only counts them; a short counted
            # noun (7个“口袋公园”) still completes each item's name.
            noun = tail[count.end():].strip("“”\" ")
            tail, counted = (noun if len(noun) <= 5 and head_of("甲" + noun) else ""), True
    items = [_strip_leading(_drop_quoted_tail(_drop_inner_count(i))) for i in _split_items(text)]
    items = [i for i in items if i]
    if not items:
        return []
    last = items[-1]
    first = text[: text.find("、")] if "、" in text else text
    if (_aspire_words().search(first) and judge(_strip_leading(first))[1] == "aim"
            or "把" in text and _MAKE_INTO.search(text)):
        return []  # 打造甲、乙、丙基地, 打造甲窗口和乙枢纽, 把甲建成乙基地: every item is an aim
    count = _COUNT.search(last)
    ends_counted = count is not None and _ABOUT.fullmatch(last[count.end():].strip(" 。；;！？\n"))
    if count and not tail and len(items) == 1 and ends_counted:
        return []  # 新建通航机场5个, 服务中心200家以上: a count of anonymous facilities
    if count and not tail and not ends_counted:
        # 两家子、红岗子、舍力3个万头肉牛养殖园区: the head after the count is shared
        shared = last[count.end():]
        shared = shared[: _last_head_end(shared, bare=True)]
        items[-1] = last[: count.start()]
        lone = len(items) == 1 and not head_of(items[0]) and not names_one(_strip_leading(items[0]))
        if lone or any(map(_COUNT.search, items[:-1])):
            # 新建70个实训基地, 23个产业园建设扎实推进, 完成省定20项民生工程, 84家医院与京津128家医院:
            # the counts are of anonymous ones
            return []
        tail = shared if not all(head_of(i) for i in items) else ""
    names = []
    ends = [_last_head_end(item) for item in items]
    shared_head = None
    if not all(ends):  # some item shares the noun of the list's tail or of its last item
        last = _balance_quotes(items[-1][: ends[-1]].strip(" 、，")) if ends[-1] else ""
        last_head = _shared_noun(last) if last and not _fragment(last) else None  # 甲、乙结束不通高铁: nothing shared
        if tail and _weak_tail(tail):
            # 甲、乙、丙大数据中心等重点项目: the items share the last one's noun; 重点项目 only sorts
            # them; 甲、乙等煤矿项目: the noun before 项目 is shared
            weak = suffix_heads(tail)[-1]
            before = tail[: -len(weak)]
            inner = suffix_heads(before[: _last_head_end(before, bare=True)])
            inner = inner[0] if inner else None
            tail = (last_head if last_head and not _weak_tail(last_head)
                    else inner if inner and len(inner) >= 2 and not _weak_tail(inner) else weak)
        shared_head = tail or last_head
    for item, end in zip(items, ends):
        if end and _COUNT.match(item, end):
            continue  # 新建通航机场5个: a count of anonymous facilities
        if end:
            name = item[:end]
            if name.count("（") > name.count("）") and item[end: end + 1] == "）":
                name += "）"  # 高平路（八一路—丹阳路）: the note's last road is not the name's end
        elif (shared_head or counted) and item.strip() not in head_set():
            # (铁路、机场、天然气管道: a bare facility noun is a kind, and shares no other noun)
            name = item[:_first_status_phrase(item)] + (shared_head or "")
        else:
            continue
        # An item of a counted list (甲、乙等一批亿元以上项目) is a project without a noun of its own.
        candidate, listed = _balance_quotes(name.strip(" 、，")), not end and not shared_head
        name = _project_name(candidate, listed)
        if name and name not in names:  # one name twice in a list is one mention read twice
            names.append(name)
        elif name is None and candidate:
            unnamed.append(judge(candidate, listed)[1] or "shape")
    if names and _used_not_built(text, names):
        unnamed.append("use")
        return []
    return names


_MAKE_INTO = re.compile(r"把[^，。；]{1,20}?(?:建成|建设成|打造成|办成)")  # 把甲建成乙: what 甲 is to become
_ABOUT = re.compile(r"(?:以上|左右|余|多)?")


def _used_not_built(text: str, names: list[str]) -> bool:
    """Whether the clause uses or ranks things that stand already (依托甲园, 用好甲大桥, 落实甲水库保护
    条例; 强化甲港枢纽地位, 提升甲景区品质): vocab/project_words.csv, use and standing."""
    first = text.find(names[0][:2])
    first_item = text.find("、")
    if first > 0 and _use_words().search(text, 0, first if first_item < 0 else min(first, first_item)):
        return True
    last = text.rfind(names[-1][-2:])
    return last >= 0 and _standing_words().search(text, last + 2, last + 7) is not None  # 甲港枢纽港地位, 甲枢纽支撑作用


@lru_cache(maxsize=1)
def _aspire_words() -> re.Pattern:
    return alternation(words_of("aspire"))


@lru_cache(maxsize=1)
def _use_words() -> re.Pattern:
    return alternation(words_of("use"))


@lru_cache(maxsize=1)
def _standing_words() -> re.Pattern:
    return alternation(words_of("standing"))


# 等 closing a list, not the start of a word (等级, 等于, 均等化); 高等学校 and the like: _closes_list.
_LIST_DENG = re.compile(r"等(?![级于同待候额化])")
_WORD_DENG = re.compile(r"[高中初]等(?:学校|院校|学府|教育|专业|职业|技术|收入)")


def _closes_list(text: str, at: int) -> bool:
    """Whether the 等 at `at` closes a list: not the 等 of 高等学校, 中等专业学校 (汉中等机场 closes one)."""
    return not (at and _WORD_DENG.match(text, at - 1))


def _weak_or_work(tail: str) -> bool:
    """Whether a list's tail ends in 项目, 工程 or a work (改造, 综合治理): no facility of its own."""
    found = suffix_heads(tail)
    return bool(found) and (found[-1] in words_of("weak_head") or found[-1] in words_of("work_head"))


def _without_generic_lead(tail: str) -> str:
    """A shared tail without the size, rank and manner words opening it (大型水库 → 水库), so long as
    a facility noun is left."""
    while (lead := _generic_lead().match(tail)) and lead.end() < len(tail):
        rest = tail[lead.end():]
        if not (rest in head_set() or head_of(rest)):
            break
        tail = rest
    return tail


@lru_cache(maxsize=1)
def _generic_lead() -> re.Pattern:
    return alternation(words_of("sort", "manner"))
_NOT_A_PHRASE = frozenset(("negation", "fragment", "aim"))


def _fragment(candidate: str) -> bool:
    """Whether a candidate is a piece of a sentence or an aim, not a noun phrase (a
    category, such as 深加工一体化项目, is one: it may share its noun with the items before it)."""
    return _project_name(candidate) is None and judge(candidate)[1] in _NOT_A_PHRASE


@lru_cache(maxsize=1)
def _place_categories() -> re.Pattern:
    """Kinds of place (江河, 区域: vocab/project_words.csv, place_category)."""
    return alternation(words_of("place_category"))


_INNER_COUNT = re.compile(r"等\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:个|条|座|所|项|处|家)(?P<noun>[^、，]{0,6})$")


def _drop_inner_count(item: str) -> str:
    """甲至乙高速等4条高速 → 甲至乙高速: a count inside one item of a longer list (the last 等 of the
    list is read apart); the counted noun completes an item without one of its own."""
    m = _INNER_COUNT.search(item) if "等" in item else None
    if m is None:
        return item
    body = item[: m.start()]
    noun = m["noun"][: _last_head_end(m["noun"], bare=True)]
    return body if head_of(body) or not noun else body + noun


_PHASE_HEAD = re.compile(r"^[一二三四五六七八九十]期$")


def _shared_noun(name: str) -> str | None:
    """The noun a list's last item shares with the items before it: its facility noun, with the
    noun before a phase (中国移动、中国电信云计算数据中心一期 → 数据中心一期)."""
    head = head_of(name)
    if head and _PHASE_HEAD.match(head):
        before = head_of(name[: -len(head)])
        return before + head if before else head
    return head if head and len(head) >= 2 else None  # 长庆桥: a one-character noun ends a place as often


def _weak_tail(tail: str) -> bool:
    """Whether a shared tail's noun is only 项目 or 工程 (重点项目, 延链项目), not a facility."""
    found = suffix_heads(tail)
    return bool(found) and found[-1] in words_of("weak_head") and found[0] == found[-1]


def _balance_quotes(name: str) -> str:
    if name.count("“") > name.count("”"):
        name = name.replace("“", "", name.count("“") - name.count("”")) if not name.endswith("“") else name[:-1]
    if name.count("”") > name.count("“"):
        name = "“" + name if "”" in name[1:] else name.replace("”", "")
    return name


def _clauses(breaks: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """The non-empty stretches of [start, end) between clause marks (`breaks`: their offsets, one character each)."""
    out, pos = [], start
    for at in breaks[bisect_left(breaks, start): bisect_left(breaks, end)] + [end]:
        if at > pos:
            out.append((pos, at))
        pos = at + 1
    return out


def extract_projects(doc: MappedText, plan_start: int | None, money: list[Money] | None = None,
                     ) -> tuple[list[ProjectFact], list[AggregateFact], list[tuple[int, int]]]:
    """Projects, aggregates, and the spans of money they own (which fact_funds must skip).

    `money` is find_money(doc.text) when the caller has it already."""
    text = doc.text
    projects: list[ProjectFact] = []
    aggregates: list[AggregateFact] = []
    claimed: list[tuple[int, int]] = []
    money = find_money(text) if money is None else money  # in text order
    money_starts = [m.start for m in money]
    sentences = [0, *(at + 1 for at in char_offsets(text, _SENTENCE_MARKS)), len(text)]
    clause_breaks = char_offsets(text, _CLAUSE_MARKS)
    finder = _HeadFinder(text)
    has_head = finder.has_head
    status_scanner = _status_scanner()[0]  # read only in sentences that name projects
    # Names, shared heads and counted 项目 all need a facility noun: only sentences where one may begin are read.
    for k in sorted({bisect_right(sentences, at) - 1 for at in finder.candidates()}):
        s_start, s_end = sentences[k], sentences[k + 1]
        if not has_head(s_start, s_end):
            continue
        pending: Money | None = None  # 投资2.89亿元，<the project in the next clause>
        clauses = _clauses(clause_breaks, s_start, s_end)
        phrases: list[tuple[str, int, int]] | None = None  # the sentence's status phrases, once names are found
        sentence_status = None
        for c_start, c_end in clauses:
            after_last = bisect_left(money_starts, c_end)
            if not has_head(c_start, c_end):
                # No name and no count here: only an amount ending the clause waits for the next one.
                last = money[after_last - 1] if after_last and money_starts[after_last - 1] >= c_start else None
                pending = last if last is not None and not text[last.end: c_end].strip() and _OWN_AMOUNT.match(
                    text, c_start, last.start) else None
                continue
            clause = text[c_start:c_end]
            amounts = money[bisect_left(money_starts, c_start): after_last]
            agg = _AGGREGATE.search(clause)
            if agg:
                line, snippet = doc.snippet(c_start, c_end, on_line=doc.line_of(c_start + agg.start()))
                threshold = _THRESHOLD.search(clause[: agg.end()])
                total = next((m.yuan for m in reversed(amounts) if m.end <= c_start + agg.start()
                              and not _THRESHOLD.match(text, m.start)), None)  # 投资113亿元的12个重大项目
                aggregates.append(AggregateFact(int(agg["count"] or agg["count2"]), threshold and threshold.group(0),
                                                (agg["what"] or "项目").strip(), total, period_of(line, plan_start),
                                                line, snippet))
                if "等" not in clause[: agg.start()]:
                    continue  # a count alone; with 甲、乙等N个项目 the named items still count
            # An amount ending its clause (投资2.89亿元) is held for the names of the next clause.
            if amounts and not text[amounts[-1].end: c_end].strip():
                pending = amounts[-1]
                continue
            status = None
            clause_snippets: dict[int, tuple[int, str]] = {}
            segments = []  # (names text, amount applying to it)
            cursor, current = c_start, pending
            for m in amounts:
                if text[m.end: m.end + 1] == "的" or (pending is None and text[m.start - 2: m.start] in ("投资", "总投")):
                    segments.append((cursor, m.start, current))
                    after = m.end + (1 if text[m.end: m.end + 1] == "的" else 0)
                    # 总投资500多亿元的16个项目: the total of a count, not the investment of the names after it
                    cursor, current = after, (None if _COUNT.match(text, after) else m)
            segments.append((cursor, c_end, current))
            for seg_start, seg_end, amount in segments:
                unnamed: list[str] = []
                names = _names(text[seg_start:seg_end], unnamed) if has_head(seg_start, seg_end) else []
                if names and _designating(text, c_start, c_end):
                    unnamed, names = ["designation"], []  # 甲、乙产业园入选零碳园区名单: titles, not works
                if len(names) == 1 and amount is None and not specific(names[0]):
                    if phrases is None:
                        phrases = status_scanner.occurrences(text[s_start:s_end])
                        sentence_status = _best_status(p for p, _, _ in phrases)
                    if _only_a_kind(text, c_start, c_end, phrases, s_start):
                        names = []  # 推进冷链物流基地建设: a kind of work, not one project
                if not names:
                    if amount is not None and text[amount.end: amount.end + 1] == "的" and _PROGRAMMES & set(unnamed):
                        # 投资13.9亿元的甲、乙国家示范项目: the programme's own money, not a fund
                        claimed.append((amount.start, amount.end))
                    continue
                if amount is not None:
                    claimed.append((amount.start, amount.end))
                if status is None:
                    if phrases is None:
                        phrases = status_scanner.occurrences(text[s_start:s_end])
                        sentence_status = _best_status(p for p, _, _ in phrases)
                    lo, hi = c_start - s_start, c_end - s_start  # the clause, in the sentence
                    status = (_best_status(p for p, at, end in phrases if at >= lo and end <= hi)
                              or sentence_status or "unknown")
                kind = None
                if amount is not None:
                    before = text[max(s_start, amount.start - 6): amount.start]
                    kind = "total" if "总投资" in before else ("completed" if "完成投资" in before else
                                                             ("planned" if "计划投资" in before else None))
                    if kind is None and period_of(doc.line_of(seg_start), plan_start) == "plan":
                        kind = "planned"  # an amount in the plan part is what the year ahead will spend
                for name in names:
                    at = text.find(name[:3], seg_start, seg_end)
                    on_line = doc.line_of(at if at >= 0 else seg_start)
                    if on_line not in clause_snippets:  # the names of a list mostly share a line
                        clause_snippets[on_line] = doc.snippet(c_start, c_end, on_line=on_line)
                    line, snippet = clause_snippets[on_line]
                    projects.append(ProjectFact(
                        name, amount.value if amount else None, amount.unit if amount else None,
                        amount.yuan if amount else None, kind, status, period_of(line, plan_start), line, snippet))
            pending = None
    return projects, aggregates, claimed
