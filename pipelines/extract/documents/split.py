"""Splitting a file into documents and placing each one: title, type, region, dates.

Three shapes of file reach us: a compilation of work reports (each opens with a title and a
delivery-date line), a newspaper page (articles without markup: a headline run, then a lead
such as 本报讯; closed by a reporter credit), and a single report or article saved from the
web with navigation around it. The shape is recognised, not configured.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from ..text.decode import split_lines
from ..text.textmap import fold
from ..vocabulary import read_list
from . import dating, metadata_hints, report_cues
from .divisions import NATIONAL_CODE
from .report_cues import GREETING as _GREETING, is_caption
from .regions import MAX_TITLE_CHARS, RegionIndex, default_index

# --- line classes -------------------------------------------------------------------------

_REPORT_TITLE = re.compile(r"政府工作报告")
_TOC_ENTRY = re.compile(r"^\s*\d+\s*[．.、]|[\t ]\d+\s*$|…{2,}|\.{4,}")
_SENTENCE_MARKS = set("，,。；;！!？?")
_LEAD = re.compile(
    r"^\s*(?:本报讯|[\u4e00-\u9fff]{0,8}(?:日报|晚报|报|网)讯|(?:新华社|中新社|人民网|新华网)[\u4e00-\u9fff]{0,10}\d{0,2}月?\d{1,2}日电"
    r"|(?:\d{1,2}月)?\d{1,2}日(?:上午|下午|晚|晚间|早|，|,))"
)
_CREDIT_NAMES = re.compile(r"[（(](?:[\u4e00-\u9fff]{0,6}(?:记者|通讯员|编辑)\s*)?[\u4e00-\u9fff]{2,4}(?:\s+(?:[\u4e00-\u9fff]{0,6}(?:记者|通讯员)\s*)?[\u4e00-\u9fff]{2,4}){0,5}[）)]\s*$")
_CREDIT_LINE = re.compile(r"^\s*(?:本报|见习|全媒体|特约)?(?:记者|通讯员)\s*[\u4e00-\u9fff]{2,4}(?:\s+\S+){0,8}\s*$")
_CONTINUED = re.compile(r"[（(]\s*下转第.{1,3}版\s*[）)]\s*$")
_ATTENDANCE = re.compile(r"(?:参加|出席|陪同)(?:会议|活动|调研)?。\s*$")
_TEASER = re.compile(r">>>|详见第.{1,3}版|转第.{1,3}版")
_EDITOR_NOTE = re.compile(r"^\s*(?:编者按|编者的话|编后)\s*[：:]?\s*$")
_MEETING = re.compile(r"会议|大会|座谈会|工作会")
_MEETING_ACT = re.compile(r"召开|讲话|强调|部署|主持")
_METADATA = re.compile(r"^\s*(?:来源|原标题|作者|发布时间|时间|浏览次数|字号)\s*[:：]")
_PAPER = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:日报|晚报|都市报|新闻网)")
_NEWS_MARK = re.compile(r"本报讯|日报讯|记者|来源[:：]|新华社|\d{1,2}月\d{1,2}日")


@lru_cache(maxsize=1)
def _boilerplate() -> re.Pattern:
    """The site-furniture phrases as one pattern: for a list this short, a search in the re engine
    costs a quarter of an Aho-Corasick scan, whose every call converts the line for Rust."""
    return re.compile("|".join(re.escape(phrase) for phrase in read_list("boilerplate.txt")))


_SITE_MARKER = re.compile(r"^\s*#{2,}\w*#{2,}\s*$")  # ##paidend## and the like


def is_boilerplate(line: str) -> bool:
    return bool(_SITE_MARKER.match(line)) or _boilerplate().search(line) is not None


_LABELLED = re.compile(r"^[\u4e00-\u9fff]{1,4}[:：]\s*\S")


def is_nav_fragment(line: str) -> bool:
    """A menu word or breadcrumb: short, no sentence in it."""
    s = line.strip()
    if _LABELLED.match(s) or _GREETING.match(s):
        return False  # 编辑:刘旭东 — a credit, not a menu; 各位代表： opens a report
    return (len(s) <= 6 and not _SENTENCE_MARKS & set(s)) or is_breadcrumb(s)


def is_breadcrumb(line: str) -> bool:
    return line.count("|") >= 2 or line.count(">") >= 2


def is_headline(line: str) -> bool:
    s = line.strip()
    return (0 < len(s) <= 64 and not _SENTENCE_MARKS & set(s) and not s.startswith(("●", "■", "▲"))
            and not is_credit(s) and not is_boilerplate(s))


def is_credit(line: str) -> bool:
    s = line.strip()
    return bool(_CREDIT_NAMES.search(s) or _CREDIT_LINE.match(s) or _CONTINUED.search(s))


def closes_article(line: str) -> bool:
    """Reporter credits, (下转第二版), and the '市领导…参加。' line that ends local news."""
    s = line.strip()
    return is_credit(s) or (len(s) <= 160 and bool(_ATTENDANCE.search(s)) and not re.search(r"强调|指出|表示|说", s))


def is_delivery_line(line: str) -> bool:
    return report_cues.is_delivery_line(line)


# --- documents ----------------------------------------------------------------------------

@dataclass
class Document:
    source_file: str
    ordinal: int  # over all the file's records, so doc_id is unique within the file
    line_start: int  # 1-based, inclusive, as `sed -n Np` counts
    line_end: int
    title: str
    doc_type: str
    text: str
    title_lines: int = 1
    view: str = ""  # the same lines as placing and dating read them: simplified, no zero-width marks
    city_code: str | None = None
    doc_date: date | None = None
    report_year: int | None = None
    plan_year: int | None = None
    source_record: str = ""  # '' for a plain file; a table's row, an archive member (readers.Record.record_id)
    placed_by: str | None = None  # which cue placed it: national, congress, title, speaker, state_council, body, hint

    @property
    def doc_id(self) -> str:
        """The file's whole name (a.txt and a.pdf are different files) and the ordinal."""
        return f"{self.source_file}:{self.ordinal:03d}"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def placed(self) -> PlacedDocument:
        return PlacedDocument(self.doc_id, self.source_file, self.source_record, self.ordinal, self.line_start, self.line_end, self.title,
                              self.doc_type, self.city_code, self.doc_date, self.report_year, self.plan_year,
                              len(self.text), self.sha256)


class PlacedDocument(NamedTuple):
    """A document as the documents table holds it, in its column order: no text, which the caller
    has already (a worker sends this back instead of the document's text)."""
    doc_id: str
    source_file: str
    source_record: str
    ordinal: int
    line_start: int
    line_end: int
    title: str
    doc_type: str
    city_code: str | None
    doc_date: date | None
    report_year: int | None
    plan_year: int | None
    char_count: int
    content_sha256: str


@dataclass(frozen=True)
class Span:
    start: int  # 0-based line indices, inclusive
    end: int
    kind: str  # work_report, news, single
    title_lines: tuple[int, ...]


def _nonblank(lines: list[str], lo: int = 0, hi: int | None = None) -> list[int]:
    hi = len(lines) if hi is None else hi
    return [i for i in range(lo, hi) if lines[i].strip()]


def _trim_end(lines: list[str], start: int, stop: int) -> int:
    """Last content line in [start, stop): trailing blanks, menus and site furniture dropped."""
    end = stop - 1
    while end > start and (not lines[end].strip() or is_boilerplate(lines[end]) or is_nav_fragment(lines[end])):
        end -= 1
    return end


def _is_furniture(line: str) -> bool:
    return (is_boilerplate(line) or is_breadcrumb(line) or bool(_METADATA.match(line))
            or bool(dating.STAMP.search(line)) or bool(_BARE_DATE.match(line)) or is_caption(line))


# A date alone on a line as a site's system writes it, zero-padded or with dashes: a page's publication
# stamp (2004年01月12日, 2024-01-15). A delivery date is written 2004年1月8日.
_BARE_DATE = re.compile(r"^\s*(?:19|20)\d\d(?:年0\d月\d\d日|年\d\d月0\d日|[-/.]\d{1,2}[-/.]\d{1,2})\s*$")


def _content_lines(lines: list[str], lo: int, hi: int, most: int) -> list[int]:
    """The first `most` lines in [lo, hi) that are content: not blank, furniture, a caption or a menu word."""
    found = []
    for j in range(lo, hi):
        if lines[j].strip() and not is_nav_fragment(lines[j]) and not _is_furniture(lines[j]):
            found.append(j)
            if len(found) == most:
                break
    return found


def _is_report_title(line: str) -> bool:
    """A heading naming a work report; a caption (殷勇同志作政府工作报告。本报记者 戴冰摄) is not one."""
    s = line.strip()
    return (bool(s) and len(s) <= 80 and bool(_REPORT_TITLE.search(s)) and "。" not in s
            and not _TOC_ENTRY.search(s) and not is_boilerplate(s) and not is_breadcrumb(s) and not is_caption(s))


def report_starts(lines: list[str]) -> list[int]:
    """Title lines of work reports: a 政府工作报告 title followed by a delivery line or 各位代表.

    The title nearest its delivery line wins, so the last entry of a contents list (often
    the same words) never takes the report's place. A bare 政府工作报告 line takes the short
    line above it (济南市人民政府 / 政府工作报告) as the title's first line.
    """
    starts = []
    for i, line in enumerate(lines):
        if not _is_report_title(line):
            continue
        dated_title = dating.first_full_date(line) is not None
        # Past a web page's stamps, sources, font widgets and captions: the next few lines of content.
        following = _content_lines(lines, i + 1, min(len(lines), i + 24), 3)
        if any(_SUMMARY_HEADING.match(lines[j]) for j in _nonblank(lines, i + 1, min(len(lines), i + 6))[:2]):
            # 内容摘要 under the title: the delivery line comes after the summary's paragraphs
            following = _content_lines(lines, i + 1, min(len(lines), i + _SUMMARY_REACH), _SUMMARY_REACH // 4)
        opens = False
        for j in following:
            if report_cues.is_delivery_line(lines[j], lines[j + 1] if j + 1 < len(lines) else "") \
                    or _GREETING.match(lines[j]):
                opens = True
                break
            if _is_report_title(lines[j]):
                break  # a nearer title owns that delivery line
        if not (dated_title or opens):
            continue
        above = _nonblank(lines, max(0, i - 3), i)
        if above and _BREADCRUMB_STEP.match(lines[above[-1]]):
            continue  # 首页 / >> / 领导之窗 / >> / 政府工作报告: the breadcrumb's last step, not a title
        start = i
        # 济南市人民政府 / 政府工作报告, and a headline over its subtitle (——在…会议上的政府工作报告)
        if (lines[i].strip().startswith("政府工作报告") or _SUBTITLE.match(lines[i])) and above:
            prev = lines[above[-1]].strip()
            before = _nonblank(lines, max(0, above[-1] - 3), above[-1])
            if (len(prev) <= 40 and not _SENTENCE_MARKS & set(prev) and not _is_furniture(prev) and not is_nav_fragment(prev)
                    and len(_HAN.findall(prev)) >= 2 and not (before and _BREADCRUMB_STEP.match(lines[before[-1]]))):
                start = above[-1]
        starts.append(start)
    return starts


_SUMMARY_HEADING = re.compile(r"^\s*[【\[（(]?\s*(?:内容)?(?:摘\s*要|提\s*要)\s*[】\]）)]?\s*[:：]?")
_SUMMARY_REACH = 80  # lines a report's summary may fill between its title and its delivery line
_BREADCRUMB_STEP = re.compile(r"^\s*(?:[>»＞›/|]+|当前位置\s*[:：]?)\s*$")
_SUBTITLE = re.compile(r"^\s*[—―─–\-－]{1,2}")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def news_spans(lines: list[str]) -> list[Span]:
    """Articles of a newspaper page."""
    paras = [i for i in _nonblank(lines)
             if _TEASER.search(lines[i]) or not (is_boilerplate(lines[i]) or is_breadcrumb(lines[i]))]
    spans: list[tuple[int, list[int]]] = []  # (start line, headline lines)
    stops: list[int] = []  # lines that end the article before them (teasers, editor's notes)
    boundary, k = True, 0
    while k < len(paras):
        i = paras[k]
        if _EDITOR_NOTE.match(lines[i]):
            stops.append(i)
            k += 2
            boundary = True
            continue
        if is_headline(lines[i]):
            run = [i]
            while (k + len(run) < len(paras) and not _TEASER.search(lines[run[-1]])
                   and is_headline(lines[paras[k + len(run)]])):
                run.append(paras[k + len(run)])
            after = paras[k + len(run)] if k + len(run) < len(paras) else None
            if any(_TEASER.search(lines[j]) for j in run):
                stops.append(run[0])
                boundary = True
            elif after is not None and (boundary or _LEAD.match(lines[after])):
                spans.append((run[0], run))
                boundary = False
            else:
                boundary = False
            k += len(run)
            continue
        if boundary and _LEAD.match(lines[i]):
            spans.append((i, []))
        boundary = closes_article(lines[i])
        k += 1
    out = []
    for n, (start, heads) in enumerate(spans):
        nxt = [s for s, _ in spans[n + 1:]][:1] + [s for s in stops if s > start][:1]
        stop = min(nxt) if nxt else len(lines)
        out.append(Span(start, _trim_end(lines, start, stop), "news", tuple(heads)))
    return out


def single_span(lines: list[str]) -> Span | None:
    """One document in a saved web page: skip the menu above, the furniture below.

    A report title among the first lines, with nothing but short page furniture above it,
    starts the document even when the site's header lines look like text.
    """
    paras = [i for i in _nonblank(lines) if not is_boilerplate(lines[i])]
    start = next((i for i in paras if not is_nav_fragment(lines[i])), None)
    if start is None:
        return None
    for i in paras[:15]:
        if "。" in lines[i]:
            break
        if _is_report_title(lines[i]):
            start = i
            break
    # A text that opens with a paragraph (五年来，我国各族人民…。) has no title line.
    titled = len(lines[start].strip()) <= _TITLE_MAX_CHARS and "。" not in lines[start]
    return Span(start, _trim_end(lines, start, len(lines)), "single", (start,) if titled else ())


_TITLE_MAX_CHARS = 100


_TEASER_LINES = 12


def _drop_repeated_titles(lines: list[str], starts: list[int]) -> list[int]:
    """A report's title again, with a line or two under it, is a related-links teaser at the foot of
    the page, not a second report (a compilation's reports have titles of their own)."""
    kept: list[int] = []
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
        short = len(_nonblank(lines, start, stop)) <= _TEASER_LINES
        if kept and short and any(lines[start].strip() == lines[k].strip() for k in kept):
            continue
        kept.append(start)
    return kept


_DELIVERY_LOOKBACK = 3  # content lines above a greeting: the delivery line, the speaker's name


def _with_delivery_line(lines: list[str], opening: int, floor: int) -> int:
    """An untitled report's first line: its delivery line when one stands just above the greeting
    (—2017年2月11日在…人民代表大会…会议上 / 代区长 杨国宏 / 各位代表：; a photo caption between
    them is passed over), else the greeting."""
    above = [j for j in _nonblank(lines, floor, opening) if not is_caption(lines[j])][-_DELIVERY_LOOKBACK:]
    for k, j in enumerate(above):
        if report_cues.is_delivery_line(lines[j], lines[j + 1] if j + 1 < len(lines) else ""):
            if not all(_SENTENCE_MARKS.isdisjoint(lines[i]) for i in above[k + 1:]):
                return opening
            title = _nonblank(lines, floor, j)[-1:]  # 关于…纲要的报告 / ——2011年2月14日在…会议上
            return title[0] if title and _OTHER_REPORT_TITLE.match(lines[title[0]]) else j
    if above and report_cues.SPEAKER_LINE.match(lines[above[-1]]):
        return above[-1]  # 保定市人民政府市长 郭建英 / 各位代表：
    return opening


def find_spans(lines: list[str]) -> list[Span]:
    """Titled reports (one or a compilation) and reports known by their opening; else news; else one document.

    A report known by its opening (各位代表： and the speaker's sentence) counts beside titled ones only
    before the first title: a saved page often carries an untitled copy of the report above a titled
    one (desktop and mobile views). A second copy of a report already found is no document.
    """
    starts = _drop_repeated_titles(lines, report_starts(lines))
    openings = report_cues.report_openings(lines)
    openings = [_with_delivery_line(lines, s, prev) for s, prev in zip(openings, [0, *openings])]
    # A title with nothing but page furniture before the next one (a page's heading, 来源：…, then the
    # report's own title) opens no report of its own.
    starts = [s for s, nxt in zip(starts, starts[1:] + [len(lines)]) if _content_lines(lines, s + 1, nxt, 1)]
    untitled = [o for o in openings if not starts or o < starts[0]]
    if untitled or starts:
        bounds = untitled[1:] + starts[:1] + [len(lines)]
        spans = [Span(s, _report_end(lines, s, b), "work_report", ()) for s, b in zip(untitled, bounds)]
        bounds = starts[1:] + [len(lines)]
        spans += [Span(s, _report_end(lines, s, b), "work_report", (s,)) for s, b in zip(starts, bounds)]
        return _without_second_copies(lines, spans)
    abridged = _abridged_report(lines)
    if abridged:
        return [abridged]
    articles = news_spans(lines)
    if len(articles) >= 2:
        return articles
    single = single_span(lines)
    return [single] if single else []


# A report's own title ending the headline (…的政府工作报告（摘登）), not a headline about one (解读…).
_OWN_TITLE_END = re.compile(r"(?:会议上的政府工作报告|政府工作报告\s*[（(](?:摘登|摘要|摘编|节选|全文)[）)])\s*$")
_ABOUT_A_REPORT = re.compile(r"热议|解读|读懂|聚焦|学习|一图|图解|速览|关键词|看点")


def _abridged_report(lines: list[str]) -> Span | None:
    """A report printed by a paper in instalments (摘登): its title or delivery line opens the page, with
    no greeting, and each part has a lead of its own (本报讯 闫继红指出，…). One report, not articles."""
    for j in _content_lines(lines, 0, len(lines), 2):
        titled = (_is_report_title(lines[j]) and bool(_OWN_TITLE_END.search(lines[j]))
                  and not _ABOUT_A_REPORT.search(lines[j]))
        if titled or report_cues.is_delivery_line(lines[j], lines[j + 1] if j + 1 < len(lines) else ""):
            return Span(j, _report_end(lines, j, len(lines)), "work_report", (j,) if titled else ())
    return None


_PAGE_TAIL_LINES = 5  # lines after a 来源： line that tell the site's links from the report going on
_PAGE_TAIL_LINE_CHARS = 20


def _report_end(lines: list[str], start: int, stop: int) -> int:
    """A report's last line: before the next one and, once its body has begun, before the page goes on
    with something else: a 来源：… line followed by the site's links and footer (short lines, no
    sentence) or nothing; the site's editor credit (（责任编辑：某某）); a run of menu lines (a list of
    the province's cities, the site's departments) with which a saved page closes, often before a
    second rendering of the same report. The 来源：/时间： lines of its head, above the first sentence,
    are the head's; a 来源： line under a chart in the body, followed by paragraphs, ends nothing."""
    body_begun = False
    last_sentence = next((j for j in range(stop - 1, start, -1) if "。" in lines[j]), start)
    for j in range(start + 1, stop):
        if body_begun and ((len(lines[j]) <= _SHORT_LINE  # a report's long lines are no credit or menu
                            and (_EDITOR_CREDIT.match(lines[j]) or _menu_run(lines, j, stop, last_sentence)))
                           or (_METADATA.match(lines[j]) and _page_tail(lines, j + 1, stop))):
            stop = j
            break
        body_begun = body_begun or ("。" in lines[j] and not _is_furniture(lines[j]))
    return _trim_end(lines, start, stop)


# The site's editor credit that closes a page's article: （责任编辑：杨淼）, 责任编辑 / ：吴丽芳, 编辑：…
_EDITOR_CREDIT = re.compile(r"^\s*[（(【\[]?\s*(?:责任编辑|责编|审核|审校|校对|终审|初审|编辑)\s*(?:[:：]|$)")
_SHORT_LINE = 64  # characters: longer lines are report text, never a credit or a menu
_MENU_RUN = 8  # short link lines in a row, then no sentence: the page's menu and footer
_LONG_MENU_RUN = 16  # so many that they are a menu whatever follows (a second rendering of the page)
_MENU_LINE_CHARS = 16
_ENUMERATED = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[）)、．.]|第[一二三四五六七八九十]+)")


def _menu_line(line: str) -> bool:
    s = line.strip()
    return (len(s) <= _MENU_LINE_CHARS and not _SENTENCE_MARKS & set(s) and not _ENUMERATED.match(s)
            and not any(c.isdigit() or c == "%" for c in s))


def _menu_run(lines: list[str], j: int, stop: int, last_sentence: int) -> bool:
    """Whether a run of menu lines starts at `j`: the next eight non-blank lines are short, hold no
    sentence, and are not numbered headings (a report's outline) or figures (a table's cells)."""
    if not lines[j].strip() or not _menu_line(lines[j]) or (j > 0 and _menu_line(lines[j - 1]) and lines[j - 1].strip()):
        return False  # not a menu line, or inside a run already judged from its first line
    run = _nonblank(lines, j, min(stop, j + 4 * _LONG_MENU_RUN))[:_LONG_MENU_RUN]
    menu = next((n for n, i in enumerate(run) if not _menu_line(lines[i])), len(run))
    if menu >= _LONG_MENU_RUN:
        return True
    return menu >= _MENU_RUN and run[menu - 1] >= last_sentence  # `last_sentence`: the span's last line with 。


def _page_tail(lines: list[str], start: int, stop: int) -> bool:
    """Whether the lines from `start` look like a page's links and footer: the next few are short and
    hold no sentence (a menu, a list of cities, 主办：…), or there are none."""
    following = _nonblank(lines, start, min(stop, start + 4 * _PAGE_TAIL_LINES))[:_PAGE_TAIL_LINES]
    return all(len(lines[i].strip()) <= _PAGE_TAIL_LINE_CHARS and not _SENTENCE_MARKS & set(lines[i])
               for i in following)


_COPY_PRINT_CHARS = 300  # characters of a report's opening that tell a second copy of it
_COPY_HEAD_LINES = 12


def _without_second_copies(lines: list[str], spans: list[Span]) -> list[Span]:
    """Spans that are not a second copy of an earlier one: the same first 300 characters from the
    greeting on (spaces ignored) and no other delivery date. Two years of one city's reports open
    alike for a sentence or two, then name their own year; a copy repeats them all."""
    seen: list[tuple[str, object]] = []
    kept = []
    for span in spans:
        body = range(span.start, span.end + 1)
        greeting = next((i for i in body if _GREETING.match(lines[i])), span.start)
        opening = ""
        for i in range(greeting, span.end + 1):  # lazily: a compilation's reports are long
            opening += "".join(lines[i].split())
            if len(opening) >= _COPY_PRINT_CHARS:
                break
        opening = opening[:_COPY_PRINT_CHARS]
        head = [lines[j] for j in _nonblank(lines, span.start, min(span.end + 1, greeting + 1))][-_COPY_HEAD_LINES:]
        delivered = report_cues.delivery_date(head)
        copy = len(opening) == _COPY_PRINT_CHARS and any(
            opening == o and (delivered is None or day is None or delivered == day) for o, day in seen)
        if not copy:
            kept.append(span)
        seen.append((opening, delivered))
    return kept


def _title(lines: list[str], span: Span, view: list[str] | None = None) -> str:
    return _full_title(lines, span, view or lines)[:MAX_TITLE_CHARS]


def _full_title(lines: list[str], span: Span, view: list[str]) -> str:
    """The title as written; `view` (the same lines, simplified) is what is read."""
    heads = span.title_lines
    if not heads:
        return ""  # a report known by its opening (各位代表：) has no title line
    if span.kind == "work_report" and not _REPORT_TITLE.search(view[span.start]):
        following = _nonblank(view, span.start + 1, span.end + 1)[:1]
        heads = (span.start, *following)  # 济南市人民政府 / 政府工作报告
    return " ".join(lines[i].strip() for i in heads)


def classify_single(title: str, text: str) -> str:
    head = text[:400]
    if _REPORT_TITLE.search(title) or report_cues.is_report_summary(text):
        return "work_report"
    if _MEETING.search(head) and _MEETING_ACT.search(head):
        return "meeting_report"
    if _NEWS_MARK.search(head):
        return "news"
    return "other"


def split_document_spans(source_file: str, text: str, view: list[str] | None = None, first_ordinal: int = 1,
                         source_record: str = "") -> list[Document]:
    """Documents of one record, with titles and types but not yet placed or dated (`view`: its reading view)."""
    lines = split_lines(text)
    view = view or reading_view(lines)
    docs = []
    for n, span in enumerate(find_spans(view), start=first_ordinal):
        title = report_cues.clean(_title(lines, span, view)).strip()
        body = "\n".join(lines[span.start : span.end + 1])
        body_view = "\n".join(view[span.start : span.end + 1])
        doc_type = span.kind if span.kind != "single" else classify_single(_title(view, span), body_view)
        n_title = (max(span.title_lines) - span.start + 1) if span.title_lines else 0
        docs.append(Document(source_file, n, span.start + 1, span.end + 1, title, doc_type, body,
                             title_lines=n_title, view=body_view, source_record=source_record))
    return docs


def reading_view(lines: list[str]) -> list[str]:
    """The lines as the splitter and the placer read them: simplified characters, no zero-width marks,
    no spaces between digits. Same lines, one for one; titles and text keep the source as written."""
    view = [fold(line) for line in lines]  # fold() is one search on a line with nothing to fold
    whole = "\n".join(view)  # each rewrite below is looked for once in the whole text, in C
    for hint, replace in ((report_cues.ZERO_WIDTH_MARKS, report_cues.clean), (_SPACED_DIGITS_HINT, _unspace),
                          (_SPACED_LETTERS, _unspace_letters)):
        if hint.search(whole):
            view = [replace(line) for line in view]
    if _BROKEN_TITLE.search(whole):
        view = _BROKEN_TITLE.sub(_rejoin_title, "\n".join(view)).split("\n")
    return view


# 2019年政府工作报 / 告: a title broken over two lines, read as one on the first (the second left blank)
_BROKEN_TITLE = re.compile(r"(政府工作报|政府工作|政府工|政府|政)[ \t\u3000]*\n[ \t\u3000]*(告|报告|作报告|工作报告|府工作报告)"
                           r"(?=[ \t\u3000]*(?:\n|$))")


def _rejoin_title(match: re.Match) -> str:
    return match[1] + match[2] + "\n" if match[1] + match[2] == "政府工作报告" else match[0]


def _unspace(line: str) -> str:
    return _SPACED_DIGITS.sub(lambda m: m[0].replace(" ", ""), line)


def _unspace_letters(line: str) -> str:
    return re.sub(r"[ \u3000\t]+", "", line) if _SPACED_LETTERS.match(line) else line


# 政 府 工 作 报 告: a title spaced letter by letter (a short line of single characters, one space or more apart)
_SPACED_LETTERS = re.compile(r"^[ \u3000\t]*(?:[\u4e00-\u9fff][ \u3000\t]+){3,15}[\u4e00-\u9fff][ \u3000\t]*$", re.MULTILINE)


# 1 9 9 8 年, as some transcriptions space a year: single digits, one space apart (not 2023-07-21 09:33)
_SPACED_DIGITS = re.compile(r"(?<!\d)\d(?: \d){2,}(?!\d)(?= ?年)")
_SPACED_DIGITS_HINT = re.compile(r"\d \d \d")


# --- placing and dating -------------------------------------------------------------------

def _lead(doc: Document) -> tuple[str, str]:
    """The headline run, and the opening of the first paragraph after it that is not page metadata."""
    lines = doc.view.split("\n")
    heads = " ".join(lines[: doc.title_lines])
    rest = [x.strip() for x in lines[doc.title_lines :] if x.strip() and not _METADATA.match(x)]
    return heads, (rest[0] if rest else "")[:40]


def place_and_date(docs: list[Document], page_text: str, index: RegionIndex) -> None:
    """Fill city_code, doc_date, report_year and plan_year in place."""
    news = [d for d in docs if d.doc_type == "news"]
    paper_city = index.dominant_city(page_text) if len(news) >= 2 else None
    year = dating.page_year(page_text)
    datelines = [dating.dateline(" ".join(_lead(d)), year, None) for d in docs]
    months = [d.month for d in datelines if d]
    page_month = max(set(months), key=months.count) if months else None

    for doc in docs:
        if doc.doc_type == "work_report":
            place_and_date_report(doc, index)
            continue
        heads, lead = _lead(doc)
        doc.doc_date = (dating.dateline(lead, year, page_month) or dating.dateline(heads, year, page_month)
                        or (dating.publication_stamp(doc.view) if paper_city is None else None))
        own = index.resolve_title(fold(doc.title), doc.view)
        if paper_city and (own is None or _within(index, own, paper_city) or not _clearly_elsewhere(index, doc, own, paper_city)):
            doc.city_code = paper_city
        else:
            doc.city_code = own or _paper_city(index, doc.view) or index.dominant_city(doc.view)


# A report's title line that is not a 政府工作报告 heading: 关于…第十二个五年规划纲要的报告.
_OTHER_REPORT_TITLE = re.compile(r"^\s*关于[^，,。；;！!？?]{4,60}的报告\s*$")
_PLAN_OUTLINE_TITLE = re.compile(r"五年(?:规划|计划)纲要(?:草案)?的报告")
_HEAD_LINES = 48  # lines, blank ones included: a saved page may leave a blank line after every line


def place_and_date_report(doc: Document, index: RegionIndex) -> None:
    """A work report is placed by the government that speaks, dated by its delivery line.

    In order: the State Council (国务院 speaks, or the 全国人民代表大会 is addressed); the congress the
    delivery line names (在北京市第十六届人民代表大会…); the title; and only then the place the body
    names most. Years come from what the report says of them (`dating.report_years_from`).
    """
    view = doc.view.split("\n")
    head_lines = [view[j] for j in _content_lines(view, 0, min(len(view), _HEAD_LINES), 12)]
    head = "\n".join(head_lines[:12])
    # the delivery line, or a date the title carries: 铜陵市人民政府工作报告(2022年12月30日)
    delivered = (report_cues.delivery_date(head_lines) or report_cues.signed_date(head_lines)
                 or dating.first_full_date(doc.title))
    doc.report_year, doc.plan_year = dating.report_years_from(view, delivered)
    if delivered is None and doc.plan_year:
        opened = report_cues.opening_day("\n".join(head_lines[:3]))  # the lead, not the body
        if opened:
            delivered = dating.make_date(doc.plan_year if opened[0] <= 6 else doc.report_year, *opened)
    doc.doc_date = delivered
    title_view = report_cues.clean(fold(doc.title))
    head_titles = [title_view, *head_lines[:2]]
    if (any(_PLAN_OUTLINE_TITLE.search(x) for x in head_titles) and not any(_REPORT_TITLE.search(x) for x in head_titles)
            and "今年" not in doc.view and not any(dating.heading_years(x)[1] for x in view)):
        # 关于…第十二个五年规划纲要的报告 that never speaks of this year (今年, 三、2001年的工作): a plan
        # outline report, not the year's work report (one that does serves as both and stays one).
        doc.doc_type, doc.report_year, doc.plan_year = "other", None, None
    if report_cues.speaker_is_national([title_view, *head_lines[:12]]):
        doc.city_code, doc.placed_by = NATIONAL_CODE, "national"
        return
    congress = report_cues.congress_place(head_lines)
    body = doc.view
    # The divisions as they were in the year reviewed (a report of February 1997 is still 四川's 开县).
    year = doc.report_year or (delivered.year if delivered else None)
    doc.city_code, doc.placed_by = index.resolve_title(congress, body, year) if congress else None, "congress"
    if doc.city_code is None:
        doc.city_code = index.resolve_title("\n".join([title_view, *_short_lines(head_lines[:4])]), body, year)
        doc.placed_by = "title"
    if doc.city_code is None:
        levels = report_cues.speaker_levels(head)
        if levels:  # 我代表县人民政府: the county the body names most, never a guess at another level
            doc.city_code, doc.placed_by = index.dominant_at_levels(body, levels, year), "speaker"
        elif report_cues.speaks_as_state_council(body):
            doc.city_code, doc.placed_by = NATIONAL_CODE, "state_council"
        else:
            doc.city_code, doc.placed_by = index.dominant_city(body, year), "body"
    if doc.city_code is None:
        doc.placed_by = None


def _short_lines(lines: list[str]) -> list[str]:
    """Lines of a title block (北京市市长 殷勇), not paragraphs of the body."""
    return [x for x in lines if len(x.strip()) <= 40 and not _SENTENCE_MARKS & set(x)]


def _paper_city(index: RegionIndex, text: str) -> str | None:
    """衡阳日报讯 → 衡阳市: the paper's own city, for an article that names no other place."""
    paper = _PAPER.search(text[:2000])
    return index.resolve_title(paper[1]) if paper else None


def _within(index: RegionIndex, code: str, city: str) -> bool:
    return code == city or city in index.ancestors(code) or code in index.ancestors(city)


def _clearly_elsewhere(index: RegionIndex, doc: Document, own: str, paper_city: str) -> bool:
    """An article whose headline names another place and whose text is mostly about it."""
    votes = index.prefecture_votes(doc.view)
    d = index.by_code[own]
    own_key = d.prefecture_code or d.province_code or own
    return votes.get(own_key, 0) > votes.get(paper_city, 0)


class RecordText(NamedTuple):
    """One record of a file as the splitter reads it (readers.Record without what it does not need)."""
    record_id: str
    text: str
    body_start: int = 1  # lines above it are a metadata header, not the report
    hints: dict[str, str] | None = None  # readers.hints of the record's metadata


def build_documents(source_file: str, text: str, index: RegionIndex, record: RecordText | None = None,
                    first_ordinal: int = 1) -> list[Document]:
    """Documents of one record's text (a plain file's whole text when `record` is None)."""
    view = reading_view(split_lines(text))
    if record is not None and record.body_start > 1:  # a crawler's header: read as hints, not as the report
        view[: record.body_start - 1] = [""] * min(record.body_start - 1, len(view))
    docs = split_document_spans(source_file, text, view, first_ordinal, record.record_id if record else "")
    place_and_date(docs, "\n".join(view), index)
    if record is not None and record.hints:
        for doc in docs:
            metadata_hints.place_by_hints(doc, record.hints, index)
    return docs


def documents_of_records(source_file: str, records: list[RecordText], index: RegionIndex | None = None
                         ) -> tuple[list[Document], list[tuple]]:
    """Every document of a file's records, numbered through the file, and the metadata disagreements."""
    index = index or default_index()
    docs: list[Document] = []
    disagreements: list[tuple] = []
    for record in records:
        found = build_documents(source_file, record.text, index, record, first_ordinal=len(docs) + 1)
        docs += found
        if record.hints:
            disagreements += metadata_hints.disagreements(found, record.hints, index)
    return docs, disagreements


def documents_of_file(file: tuple[str, list[RecordText]] | tuple[str, str]) -> tuple[list[PlacedDocument], list[tuple]]:
    """(source_file, records) → its documents placed with the default index, and the rows of
    metadata_disagreements: one unit of parallel work. A plain text may stand for its one record."""
    source_file, records = file
    if isinstance(records, str):
        records = [RecordText("", records)]
    docs, disagreements = documents_of_records(source_file, records)
    return [d.placed() for d in docs], disagreements
