"""PDF reports: the text layer read with PDFium (pypdfium2), laid back out as a reading view.

Why PDFium: pypdf and pdfminer garble the Chinese of word-processor PDFs (measured: every character
of the provincial 2025 reports comes out as 来); PDFium reads it right. But PDFium gives the text as
the page laid it out: a sentence broken at the page width, page numbers and running heads between
paragraphs, and a space wherever the word processor spaced Chinese from digits or Latin ("2025 年").
The extractors downstream read one paragraph per line and match snippets like 增长5.5%以上, so the
layout is undone here, from where each line starts and ends on the page:

- a line that runs to the right margin continues on the next one, unless the next is indented (a
  paragraph start), set in another size, far below (a paragraph gap), or opens a numbered heading
  or an address (各位代表：) after a closed sentence;
  the same holds across a page break once the running lines are gone (not across a page without
  text);
- lines at the top or bottom of a page that are page numbers, or that repeat on most pages, go;
- spaces between Chinese and digits/Latin go; a line spread letter by letter (justified around a
  long number) is closed up; other spaces stay.

No OCR: a PDF without a text layer, an encrypted or a corrupt one is quarantined (`Unreadable`).
The rules are pure functions over `Line`s (text + box), testable without a PDF.
"""
from __future__ import annotations

import ctypes
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .records import Limits, Read, Record, Unreadable

# Layout tolerances, in ems of the line's font size (points where stated).
FULL_LINE_SLACK_EM = 1.5      # a line ending this close to the right margin runs to it
INDENT_EM = 0.5               # a line starting this far right of the left margin is indented
MAX_WRAPPED_START_EM = 4.0    # a line starting further right (centred, right-aligned) is no wrapped text
SIZE_TOLERANCE_PT = 1.0       # a line in another font size is another paragraph (a heading)
PARAGRAPH_GAP = 1.3           # a step down this many usual line pitches is a gap between paragraphs
MARGIN_WINDOW_PT = 2.0        # line ends within this of each other are at the same margin
MIN_MARGIN_SHARE = 0.2        # the right margin is where at least this share of lines end …
MIN_MARGIN_LINES = 3          # … and at least this many
PITCH_WINDOW_PT = 1.0         # line steps within this of each other are the same pitch

# Running heads and feet: looked for among this many lines at the top and at the bottom of a page,
# and dropped when a page number, or when the same (digits aside) on this share of the pages.
RUNNING_ZONE_LINES = 2
RUNNING_MIN_SHARE = 0.5
RUNNING_MIN_PAGES = 3

# A line spread letter by letter has at least this many spaced pairs of Chinese characters, and
# more spaced pairs than tight ones.
MIN_SPACED_PAIRS = 3

_DASHES = r"\s\-－—–―_·•.．"
_PAGE_NUMBER = re.compile(
    rf"""^[{_DASHES}]*(?:
        \d{{1,4}}
      | (?=[ivx])x{{0,3}}(?:ix|iv|v?i{{0,3}})           # roman, up to xxxix
      | 第\s*[\d一二三四五六七八九十百〇零]+\s*页(?:\s*[,，/／]?\s*共\s*[\d一二三四五六七八九十百〇零]+\s*页)?
      | 共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页
      | \d{{1,4}}\s*[/／]\s*\d{{1,4}}
      | (?:page|p\.)\s*\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?
    )[{_DASHES}]*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Chinese characters and the full-width punctuation set with them.
_CJK = "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff" \
       "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’—…·"
# Digits and letters of Latin script (and Greek), which a word processor spaces from Chinese.
_LATIN = "0-9A-Za-z\u00c0-\u024f\u0370-\u03ff"
# Full-width punctuation, which no space ever needs to be set beside (PDFium puts one before a comma
# hanging in the margin).
_CJK_PUNCT = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—·"
_SPACE_TO_DROP = re.compile(
    rf"(?<=[{_CJK}]) +(?=[{_LATIN}])|(?<=[{_LATIN}]) +(?=[{_CJK}])"
    rf"|(?<=[{_CJK_PUNCT}]) +(?=\S)|(?<=\S) +(?=[{_CJK_PUNCT}])"
)
_CJK_PAIR_SPACED = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_CJK_PAIR_TIGHT = re.compile(rf"[{_CJK}](?=[{_CJK}])")
_LATIN_END = re.compile(rf"[{_LATIN}]$")
_LATIN_START = re.compile(rf"^[{_LATIN}]")
# After a line that closes a sentence, a numbered heading (一、 （二） 第三章 附件 4.) or a short
# address on its own (各位代表： 同志们：) starts anew, even when that line ran to the margin.
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[）)]"
    r"|第[一二三四五六七八九十百\d]+[章节部篇条]|附件|\d{1,2}[、．.](?!\d))"
)
_ADDRESS = re.compile(r"^[^，。、；！？,.;!?\s]{1,8}[：:]$")
_SENTENCE_END = re.compile(r"[。！？；：!?;:]$")
_SENTENCE_CLOSED = re.compile(r"[。！？!?][”’」』）)]?$")


def _char_table() -> dict[int, int | None]:
    """Control characters out; Kangxi and CJK radicals (which some fonts map their glyphs to) as
    the ideographs they stand for; a lone surrogate out; a no-break space as a space."""
    table: dict[int, int | None] = {c: None for c in range(0x20) if c not in (0x09, 0x0A)}
    table.update({0x09: 0x20, 0x7F: None, 0xA0: 0x20, 0xFFFE: None, 0xFFFF: None})
    table.update({c: None for c in range(0xD800, 0xE000)})
    for c in (*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6)):
        mapped = unicodedata.normalize("NFKC", chr(c))
        if len(mapped) == 1 and mapped != chr(c):
            table[c] = ord(mapped)
    return table


_CHARS = _char_table()


@dataclass(frozen=True)
class Line:
    """One line of a page as PDFium sees it: its text and where it sits (PDF points, y upwards)."""

    text: str
    left: float    # left edge of its first visible character
    right: float   # right edge of its last visible character
    bottom: float
    top: float
    size: float    # font size of its first visible character, points: the em of the layout rules


@dataclass(frozen=True)
class Margins:
    """Where the text of a page block starts and ends (right is inf when no margin was found),
    and the usual step from one line down to the next (0 when unknown)."""

    left: float
    right: float
    pitch: float = 0.0


# --- PDFium ------------------------------------------------------------------------------------

def read_pdf(data: bytes, limits: Limits) -> Read:
    """The PDF as one record of text, one paragraph a line; `Unreadable` when it has no text layer,
    needs a password, is corrupt or has more pages than the limit."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise Unreadable(_load_error(exc)) from None
    try:
        n_pages = len(pdf)
        if n_pages > limits.max_pdf_pages:
            raise Unreadable(f"PDF of {n_pages:,} pages is over the {limits.max_pdf_pages:,}-page limit")
        pages, sizes, scanned = [], [], []
        for index in range(n_pages):
            lines, size, drawn = _read_page(pdf, index, n_pages)
            pages.append(lines)
            sizes.append(size)
            if not lines and drawn:
                scanned.append(index + 1)
    finally:
        pdf.close()
    body = drop_running_lines(pages)
    if not any(body):
        raise Unreadable("no text layer: needs OCR")
    note = None
    if scanned:
        shown = ", ".join(map(str, scanned[:10])) + (" …" if len(scanned) > 10 else "")
        note = f"pages with content but no text layer, not read (scans need OCR): {shown} of {n_pages}"
    text = reading_text(body, sizes)
    return Read("pdf", None, [Record("", text, "pdf", None, reason=note)], note)


def _load_error(exc: pdfium.PdfiumError) -> str:
    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return "encrypted PDF: needs a password"
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return "encrypted PDF: unsupported security scheme"
    reason = re.search(r"PDFium: ([^)]*)", str(exc))
    return f"corrupt or cut-off PDF: {reason[1] if reason else exc}"


def _read_page(pdf: pdfium.PdfDocument, index: int, n_pages: int
               ) -> tuple[list[Line], tuple[float, float], bool]:
    """(the page's lines with text, its size, whether it holds anything: a scan, a drawing)."""
    try:
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                lines = page_lines(textpage)
            finally:
                textpage.close()
            size = page.get_size()
            drawn = pdfium_c.FPDFPage_CountObjects(page.raw) > 0
        finally:
            page.close()
    except pdfium.PdfiumError as exc:
        raise Unreadable(f"corrupt or cut-off PDF: page {index + 1} of {n_pages} cannot be read ({exc})"
                         ) from None
    return lines, size, drawn


def page_lines(textpage: pdfium.PdfTextPage) -> list[Line]:
    """The lines of one page in PDFium's reading order, each with the box of its visible text;
    lines of blanks only are left out."""
    n = pdfium_c.FPDFText_CountChars(textpage.raw)
    if n <= 0:
        return []
    text = textpage.get_text_range()
    if len(text) != n:  # characters outside the Basic Multilingual Plane: one text unit per character
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(n))
    box, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    lines, start = [], 0
    while start < n:
        end = text.find("\n", start)
        end = n if end < 0 else end
        first, last = start, end - 1
        while first <= last and text[first].isspace():
            first += 1
        while last >= first and text[last].isspace():
            last -= 1
        if first <= last:
            # loose boxes: from a character's origin to its advance, ascent to descent, so that a
            # line starts where its first character is set, whatever the glyph's side bearing
            pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, last, ctypes.byref(box))
            x1 = box.right
            pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, first, ctypes.byref(box))
            # the font size as set (Tf), times the scale of the text matrix: some writers set
            # 1-point type and scale it up
            pdfium_c.FPDFText_GetMatrix(textpage.raw, first, ctypes.byref(matrix))
            scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, first) * scale or (box.top - box.bottom)
            clean = text[first:last + 1].translate(_CHARS)
            if clean.strip():
                lines.append(Line(clean, box.left, max(x1, box.right), box.bottom, box.top, size))
        start = end + 1
    return lines


# --- layout rules (pure) ---------------------------------------------------------------------------

def is_page_number(text: str) -> bool:
    """- 3 -, 第 3 页, 3, — 12 —, 3/20, Page 3 of 20 …"""
    return bool(_PAGE_NUMBER.match(text.strip()))


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _zone(lines: list[Line]) -> set[int]:
    """Indexes of the lines at the top and at the bottom of a page, by position."""
    order = sorted(range(len(lines)), key=lambda i: -lines[i].top)
    return set(order[:RUNNING_ZONE_LINES]) | set(order[-RUNNING_ZONE_LINES:])


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """The pages without their page numbers and running heads and feet."""
    zones = [_zone(lines) for lines in pages]
    seen = Counter(key for lines, zone in zip(pages, zones)
                   for key in {_running_key(lines[i].text) for i in zone})
    need = max(RUNNING_MIN_PAGES, math.ceil(RUNNING_MIN_SHARE * len(pages)))
    return [[line for i, line in enumerate(lines)
             if i not in zone or not (is_page_number(line.text) or seen[_running_key(line.text)] >= need)]
            for lines, zone in zip(pages, zones)]


def _densest(values: list[float], window: float) -> tuple[float, int]:
    """The middle of the densest run of values (the most within `window` either side of one), and
    how many values the run holds."""
    values = sorted(values)
    best, count, lo, hi = 0.0, 0, 0, 0
    for v in values:
        while values[lo] < v - window:
            lo += 1
        while hi < len(values) and values[hi] <= v + window:
            hi += 1
        if hi - lo > count:
            best, count = values[(lo + hi - 1) // 2], hi - lo
    return best, count


def find_margins(pages: list[list[Line]]) -> Margins:
    """The margins most lines keep: the left edge where most lines start, the right edge where most
    end (if enough lines end at one place: justified or filled text), the usual line pitch."""
    lines = [line for page in pages for line in page]
    if not lines:
        return Margins(0.0, math.inf)
    left, _ = _densest([line.left for line in lines], MARGIN_WINDOW_PT)
    right, count = _densest([line.right for line in lines], MARGIN_WINDOW_PT)
    if count < max(MIN_MARGIN_LINES, MIN_MARGIN_SHARE * len(lines)):
        right = math.inf
    steps = [a.bottom - b.bottom for page in pages for a, b in zip(page, page[1:]) if a.bottom > b.bottom]
    pitch = _densest(steps, PITCH_WINDOW_PT)[0] if len(steps) >= MIN_MARGIN_LINES else 0.0
    return Margins(left, right, pitch)


def continues(line: Line, nxt: Line, margins: Margins, same_page: bool = True) -> bool:
    """Whether `nxt` carries on the paragraph of `line`: `line` is wrapped text that runs to the
    right margin, and `nxt` is neither indented, nor in another size, nor far below, nor a heading
    or an address (各位代表：) after a closed sentence."""
    em = line.size or (line.top - line.bottom) or 1.0
    if line.right < margins.right - FULL_LINE_SLACK_EM * em:
        return False
    if line.left > margins.left + MAX_WRAPPED_START_EM * em:
        return False
    if nxt.left > margins.left + INDENT_EM * em:
        return False
    if abs(nxt.size - line.size) > SIZE_TOLERANCE_PT:
        return False
    if same_page:
        step = line.bottom - nxt.bottom
        if step <= 0 or (margins.pitch and step > PARAGRAPH_GAP * margins.pitch):
            return False
    text, nxt_text = line.text.rstrip(), nxt.text.strip()
    if _HEADING_START.match(nxt_text) and _SENTENCE_END.search(text):
        return False
    return not (_ADDRESS.match(nxt_text) and _SENTENCE_CLOSED.search(text))


def unspace_letters(text: str) -> str:
    """A line spread letter by letter (学 技 术 奖 励 。) closed up; other lines as they are."""
    spaced = len(_CJK_PAIR_SPACED.findall(text))
    if spaced >= MIN_SPACED_PAIRS and spaced > len(_CJK_PAIR_TIGHT.findall(text)):
        return _CJK_PAIR_SPACED.sub("", text)
    return text


def glue(a: str, b: str) -> str:
    """Two pieces of one paragraph joined: a space only between two Latin words or numbers."""
    a, b = a.rstrip(), b.lstrip()
    return f"{a} {b}" if _LATIN_END.search(a) and _LATIN_START.match(b) else a + b


def tidy_spaces(text: str) -> str:
    """No space between Chinese and digits or Latin (2025 年 → 2025年, GDP 增长 → GDP增长), nor
    beside full-width punctuation (新局面 ， → 新局面，)."""
    return _SPACE_TO_DROP.sub("", text)


def paragraphs(pages: list[list[Line]], margins: list[Margins] | None = None) -> list[str]:
    """The paragraphs of the pages' body lines, in order: wrapped lines joined, across pages too.
    `margins`: each page's (default: the margins of all the pages)."""
    margins = margins or [find_margins(pages)] * len(pages)
    out: list[str] = []
    prev: Line | None = None
    for page, page_margins in zip(pages, margins):
        if not page:  # a page without text (a scan, a figure) ends the paragraph
            prev = None
        for i, line in enumerate(page):
            text = unspace_letters(line.text.strip())
            if prev is not None and continues(prev, line, page_margins, same_page=i > 0):
                out[-1] = glue(out[-1], text)
            else:
                out.append(text)
            prev = line
    return [tidy_spaces(p) for p in out]


def reading_text(pages: list[list[Line]], sizes: list[tuple[float, float]] | None = None) -> str:
    """The reading view of a document's body lines, one paragraph a line. Pages of one size (in
    points; default: all alike) share their margins: a landscape page has its own."""
    sizes = sizes or [(0.0, 0.0)] * len(pages)
    groups: dict[tuple[int, int], list[int]] = {}
    for index, (width, height) in enumerate(sizes):
        groups.setdefault((round(width), round(height)), []).append(index)
    margins: list[Margins] = [Margins(0.0, math.inf)] * len(pages)
    for indexes in groups.values():
        found = find_margins([pages[i] for i in indexes])
        for i in indexes:
            margins[i] = found
    return "\n".join(paragraphs(pages, margins))
