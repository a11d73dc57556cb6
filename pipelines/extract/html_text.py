"""Web pages saved as .txt: the page's text, one block element per line, scripts and styles dropped."""
from __future__ import annotations

import re
from html.parser import HTMLParser

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_TAG = re.compile(r"<(?:p|div|br|span|table|td|li|a|meta|script)\b", re.IGNORECASE)
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
           "header", "footer", "ul", "ol", "title", "dd", "dt", "blockquote", "pre"}
_SKIP = {"script", "style", "noscript", "template", "svg"}


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_TAG.findall(head)) >= 8


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
    """Visible text of an HTML page, a line per block, blank runs collapsed to one blank line."""
    parser = _TextCollector()
    parser.feed(text)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"
