"""Text files: a plain report (with or without a crawler's metadata header), a saved web page,
or a table written as text (CSV, TSV, JSON, JSON Lines), told apart by content."""
from __future__ import annotations

import re

from ..decode import decode_bytes
from .records import Limits, Read, Record, Unreadable

# A crawler's header above the page text: 标题：… / 发文单位：… / 发文时间：… / 报告人：… / 来源URL：…,
# then 正文： on a line of its own (or the first line that is not a field). Field names as data would
# be overkill: the header is recognised by its shape (short 'name：value' lines at the very top).
_FIELD = re.compile(r"^\s*([\u4e00-\u9fffA-Za-z_ ]{1,12}?)\s*[：:]\s*(.*?)\s*$")
_BODY_MARK = re.compile(r"^\s*(?:正文|全文|内容|content|text|body)\s*[：:]\s*$", re.IGNORECASE)
_MIN_HEADER_FIELDS = 2
_MAX_HEADER_LINES = 30


def metadata_header(lines: list[str]) -> tuple[dict[str, str], int]:
    """(fields, first body line, 1-based) of a text that opens with a metadata header; ({}, 1) otherwise.

    The header is two or more 'name：value' lines at the top (blank lines between allowed), closed
    by a 正文： line; without that closing line, only when every line up to the first blank one is
    a field. A report's own first lines (各位代表：) never qualify: the values must be on the line.
    """
    fields: dict[str, str] = {}
    for i, line in enumerate(lines[:_MAX_HEADER_LINES]):
        if not line.strip():
            continue
        if _BODY_MARK.match(line):
            return (fields, i + 2) if len(fields) >= _MIN_HEADER_FIELDS else ({}, 1)
        m = _FIELD.match(line)
        if not m or not m[2]:
            break
        fields[m[1].strip()] = m[2]
    return {}, 1


def read_text_bytes(data: bytes, name: str, limits: Limits) -> Read:
    decoded = decode_bytes(data)
    if not decoded.ok:
        raise Unreadable(decoded.error or "not a text document")
    text = decoded.text
    from . import tables, web
    table = tables.read_table_text(text, name, decoded.encoding, limits)
    if table is not None:
        return table
    if web.looks_like_html(text):
        return web.read_html_text(data, text, decoded.encoding, decoded.error)
    note = decoded.error
    if "\n" not in text.strip():  # one line: a vendor's export may write its paragraphs as literal \r\n
        text, broke = tables.with_line_breaks(text)
        note = "; ".join(filter(None, (note, broke))) or None
    fields, body_start = metadata_header(text.split("\n"))
    record = Record("", text, "txt", decoded.encoding, reason=note, metadata=fields, body_start=body_start)
    return Read("txt", decoded.encoding, [record], note)
