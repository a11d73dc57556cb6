"""Saved web pages: the page's visible text, a block element a line, in the charset the page declares.

Why every block and not a boilerplate remover's "main text": measured on government report pages
(menus, breadcrumbs, ~50 report paragraphs, related links, footer), trafilatura merged all 50
paragraphs of an old table-layout page into one line (or, with tables off, dropped the report's
own data tables), and jusText dropped the opening paragraphs and headings (they are short). A
dropped paragraph loses targets; a menu line left over is handled downstream. So every block is kept.
"""
from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from .records import Read, Record

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_TAG = re.compile(r"<(?:p|div|br|span|table|td|li|a|meta|script)\b", re.IGNORECASE)
_MIN_TAGS = 8
_BLOCKS = {"p", "div", "br", "li", "tr", "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "table",
           "section", "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption", "address",
           "hr", "ul", "ol", "dd", "dt", "blockquote", "pre"}
# Not shown on the page: the <title> is the browser tab's label (报告标题_某某网站), not the report's first line.
_SKIP = {"script", "style", "noscript", "template", "svg", "title"}

# The charset a page declares: <meta charset="gbk"> or <meta http-equiv="Content-Type"
# content="text/html; charset=gb2312">, looked for in the page's head only.
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_HEAD_BYTES = 4096
# GB2312 and GBK pages hold characters beyond their tables often enough (the writer's software used
# GB18030 or cp936 anyway): the superset reads them all.
_GB_FAMILY = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312", "gb18030"}
# An encoding found for sure (a byte-order mark, or valid UTF-8: Chinese in another code page is
# practically never valid UTF-8) wins over what the page says (templates copied between sites
# keep a stale meta charset).
_CERTAIN = {"utf-8", "utf-8-sig", "utf-16"}


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_TAG.findall(head)) >= _MIN_TAGS


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset the page declares in its head, or None."""
    m = _META_CHARSET.search(data[:_HEAD_BYTES])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def read_html_text(data: bytes, text: str, encoding: str | None, note: str | None) -> Read:
    """One record (format 'html'): the page decoded with its declared charset when that reads the
    bytes without error (else `text`, as detected), then its visible text a block a line."""
    declared = declared_charset(data)
    if declared and declared != encoding and encoding not in _CERTAIN and _holds_chinese(declared):
        try:
            text, encoding, note = data.decode(declared), declared, None
        except UnicodeDecodeError:
            pass
    body = html_to_text(text)
    record = Record("", body, "html", encoding, reason=note)
    return Read("html", encoding, [record], note)


def _holds_chinese(codec: str) -> bool:
    """Whether a charset can write Chinese at all: a page that says latin-1 but is not is not
    decoded as latin-1 (which would read any bytes, into nonsense)."""
    try:
        "中文".encode(codec)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP and self._skipping:
            self._skipping -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data.replace("\r", "").replace("\n", " "))


def html_to_text(text: str) -> str:
    """Visible text of an HTML page, a line per block (a table cell is a block), blank runs
    collapsed to one blank line."""
    parser = _TextCollector()
    parser.feed(text)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"
