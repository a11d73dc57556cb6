"""Word files to text, a paragraph a line: .docx (its word/document.xml), .odt (its content.xml), the old
binary .doc and RTF (through a converter installed on the machine).

Why a paragraph a line: the gold counts a Word file's paragraphs as lines (a line break inside a
paragraph starts a new line), so targets are found on the same line numbers. Headers, footers,
footnotes and comments are page furniture, not the report: only the body is read.

Why the checks: a Word or OpenDocument file is a zip of XML parts from an untrusted source. Every
part's size and compression ratio are checked (declared and actual) before a parser sees it, and a
part that declares a DTD (where XML entities live: the billion-laughs bomb) is refused. The parsers
never expand entities nor load anything from the network. The old .doc is converted by a program
run in a private temporary folder under a time limit.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from lxml import etree

from . import archives
from .records import Limits, Read, Unreadable, one_record

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {
    "w": _W,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
}


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


NO_TEXT = "Word file with no text"
NO_DOC_CONVERTER = ("old Word .doc: needs antiword, catdoc or LibreOffice installed "
                    "(Debian: apt-get install antiword)")
NO_RTF_CONVERTER = "RTF: not read; save it as .docx"

# A DTD in a part is where entity declarations live; OOXML and ODF parts never carry one. Matched
# as UTF-8 and as UTF-16 (the little-endian pattern also occurs, shifted by a byte, in big-endian).
_DTD_MARKS = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"))
# Pictures are not parsed as XML, and an SVG picture may carry a harmless DOCTYPE.
_PICTURES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".wdp")

# ---------------------------------------------------------------- the zip of parts

# Entities never expanded, nothing loaded from the network, no DTD read, no huge trees.
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _checked_parts(data: bytes, limits: Limits, what: str, keep: tuple[str, ...]) -> dict[str, bytes]:
    """The parts named in `keep` (those present), each unpacked within the limits (as declared and
    as actually unpacked), not encrypted and with no DTD, before any parser sees it. The other parts
    (styles, pictures, fonts) are never unpacked, so they can be no bomb: only their headers are
    checked. Parsing only what is read is also what makes a Word file cheap (python-docx parsed
    every part: four times the time, mostly styles)."""
    zf = archives.open_zip(data, what)
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(infos) > limits.max_members:
        raise Unreadable(f"{what} with {len(infos):,} parts, over the {limits.max_members:,}-part limit")
    if any(i.flag_bits & 0x1 for i in infos):
        raise Unreadable(f"{what}: encrypted part: needs a password")
    kept: dict[str, bytes] = {}
    for info in (i for i in infos if i.filename in keep):
        try:
            blob = archives.unpack_zip_member(zf, info, limits)
        except archives.MemberError as exc:
            raise Unreadable(f"{what}: part {info.filename}: {exc}") from None
        if any(mark in blob for mark in _DTD_MARKS):
            raise Unreadable(f"{what}: part {info.filename} declares a DTD (XML entities): refused as a possible XML bomb")
        kept[info.filename] = blob
    return kept


# ---------------------------------------------------------------- .docx

# Run content that is no text of the body as shown: deleted or moved-away runs, text boxes (their
# paragraphs are not part of the paragraph that anchors them) and the fallback copy of new content.
_SKIPPED_RUNS = ("ancestor::w:del", "ancestor::w:moveFrom", "ancestor::w:txbxContent", "ancestor::mc:Fallback")
_RUN_CHILDREN = etree.XPath(f".//w:r[not({' or '.join(_SKIPPED_RUNS)})]/*", namespaces=_NS)
_PAGE_BREAK = "\x00"  # a page or column break: a new line only between text, nothing at a paragraph's edge
_RUN_TEXT = {_q("w", "tab"): "\t", _q("w", "ptab"): "\t", _q("w", "cr"): "\n", _q("w", "noBreakHyphen"): "-"}
_CONTINUED_MERGE = (_q("w", "vMerge"), _q("w", "hMerge"))


_DOCX_BODY = "word/document.xml"


def read_docx(data: bytes, limits: Limits) -> Read:
    """One record: the body's paragraphs and table cells in document order, a paragraph a line."""
    parts = _checked_parts(data, limits, "Word file", keep=(_DOCX_BODY,))
    if _DOCX_BODY not in parts:
        raise Unreadable(f"Word file without {_DOCX_BODY}")
    try:
        root = etree.fromstring(parts[_DOCX_BODY], _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"Word file cannot be parsed: {_first_line(str(exc))}") from None
    body = root.find(_q("w", "body"))
    if body is None:
        raise Unreadable(f"Word file: {_DOCX_BODY} has no body")
    lines = list(_block_lines(body))
    if not any(line.strip() for line in lines):
        raise Unreadable(NO_TEXT)
    return one_record("docx", "\n".join(lines))


def _block_lines(container: etree._Element):
    """Lines of the paragraphs and tables directly in `container` (the body, a table cell, a
    content control), in document order."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == _q("w", "p"):
            yield from paragraph_text(child).split("\n")
        elif tag == _q("w", "tbl"):
            yield from _table_lines(child)
        elif tag == _q("w", "sdt"):
            content = child.find(_q("w", "sdtContent"))
            if content is not None:
                yield from _block_lines(content)
        elif tag == _q("w", "customXml"):
            yield from _block_lines(child)


def _table_lines(table: etree._Element):
    """Each cell's paragraphs as lines, row by row. A merged cell is one w:tc (a horizontal merge)
    or a first cell followed by empty continuation cells (a vertical merge): its text comes once."""
    for row in _children(table, _q("w", "tr")):
        for cell in _children(row, _q("w", "tc")):
            if not _is_continuation(cell):
                yield from _block_lines(cell)


def _children(element: etree._Element, tag: str):
    """Children of `element` with `tag`, looking through content controls and custom-XML wrappers."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == _q("w", "sdt"):
            content = child.find(_q("w", "sdtContent"))
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == _q("w", "customXml"):
            yield from _children(child, tag)


def _is_continuation(tc: etree._Element) -> bool:
    props = tc.find(_q("w", "tcPr"))
    if props is None:
        return False
    for tag in _CONTINUED_MERGE:
        merge = props.find(tag)
        if merge is not None and merge.get(_q("w", "val"), "continue") == "continue":
            return True
    return False


def paragraph_text(p: etree._Element) -> str:
    """A paragraph's text as shown: runs in order (hyperlinks, fields, content controls and
    tracked insertions included), tabs as tabs, a line break as a new line."""
    parts: list[str] = []
    for el in _RUN_CHILDREN(p):
        tag = el.tag
        if tag == _q("w", "t"):
            parts.append((el.text or "").replace("\r", " ").replace("\n", " "))
        elif tag == _q("w", "br"):
            kind = el.get(_q("w", "type"), "textWrapping")
            parts.append("\n" if kind == "textWrapping" else _PAGE_BREAK)
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag])
    text = "".join(parts)
    if _PAGE_BREAK in text:
        text = re.sub(f"{_PAGE_BREAK}+", "\n", text.strip(_PAGE_BREAK))
    return text


# ---------------------------------------------------------------- .odt

_ODF_PARAGRAPHS = (_q("text", "p"), _q("text", "h"))
# Not the paragraph's own text: notes, comments, tracked deletions, frames (a text box's paragraphs
# are read as lines of their own, after the paragraph that anchors them).
_ODF_SKIP = {_q("text", "note"), _q("office", "annotation"), _q("text", "tracked-changes"),
             _q("draw", "frame"), _q("office", "annotation-end")}
_MAX_SPACES = 100
_ODF_OUTSIDE = {_q("text", "note"), _q("office", "annotation"), _q("text", "tracked-changes")}


def read_odt(data: bytes, limits: Limits) -> Read:
    """One record: the paragraphs and headings of an OpenDocument text, a paragraph a line."""
    parts = _checked_parts(data, limits, "OpenDocument file", keep=("content.xml", "META-INF/manifest.xml"))
    if b"encryption-data" in parts.get("META-INF/manifest.xml", b""):
        raise Unreadable("encrypted OpenDocument file: needs a password")
    if "content.xml" not in parts:
        raise Unreadable("OpenDocument file without content.xml")
    try:
        root = etree.fromstring(parts["content.xml"], _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"OpenDocument file: content.xml is not well-formed XML ({_first_line(str(exc))})") from None
    body = root.find(f"{_q('office', 'body')}/{_q('office', 'text')}")
    if body is None:
        raise Unreadable("OpenDocument file is not a text document (no office:text body)")
    lines: list[str] = []
    for p in body.iter(*_ODF_PARAGRAPHS):
        if not any(a.tag in _ODF_OUTSIDE for a in p.iterancestors()):
            lines.extend(_odf_text(p).split("\n"))
    if not any(line.strip() for line in lines):
        raise Unreadable("OpenDocument file with no text")
    return one_record("odt", "\n".join(lines))


def _space_count(value: str | None) -> int:
    """text:s's c (how many spaces), capped: an untrusted c="999999999" is no reason to build a
    gigabyte of spaces."""
    try:
        return max(1, min(int(value or 1), _MAX_SPACES))
    except ValueError:
        return 1


def _odf_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == _q("text", "s"):
            parts.append(" " * _space_count(child.get(_q("text", "c"))))
        elif tag == _q("text", "tab"):
            parts.append("\t")
        elif tag == _q("text", "line-break"):
            parts.append("\n")
        elif isinstance(tag, str) and tag not in _ODF_SKIP:
            parts.append(_odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# ---------------------------------------------------------------- .doc and RTF through converters

# Tried in this order. catdoc is last: on Chinese text it was measured to garble some files
# silently (Unicode pieces read as 8-bit text, characters beyond U+FFFF cut the text short).
_DOC_CONVERTERS = ("antiword", "soffice", "catdoc")
_SOFFICE_FILTER = "txt:Text (encoded):UTF8"
_TABLE_ROW = re.compile(r"^\|.*\|$")          # antiword draws a table row as |cell |cell |
# Latin letters with accents, spacing modifiers and control characters: the noise of a Unicode piece
# read as 8-bit text (1.2-3.2% of catdoc's output on the ten 2025 reports saved as .doc, under 0.01%
# of a real report; the middle dot, ×, °, ± and ÷ of Chinese text are not counted).
_GARBLE = re.compile("[\u0080-\u00af\u00b2-\u00b6\u00b8-\u00d6\u00d8-\u00f6\u00f8-\u02ff\x00-\x08\x0e-\x1f]")
_MAX_GARBLE_SHARE = 0.002


def read_doc(data: bytes, limits: Limits) -> Read:
    """One record: the old binary Word file converted to text by the first converter installed
    that succeeds. None installed, or every one failing, is a quarantine with the reason."""
    failures: list[str] = []
    for tool in _DOC_CONVERTERS:
        path = shutil.which(tool)
        if path is None:
            continue
        try:
            text = _CONVERT[tool](path, data, "doc", limits)
        except Unreadable as exc:
            failures.append(str(exc))
            continue
        return one_record("doc", text)
    if not failures:
        raise Unreadable(NO_DOC_CONVERTER)
    raise Unreadable(f"old Word .doc: {'; '.join(failures)}")


def read_rtf(data: bytes, limits: Limits) -> Read:
    """One record, through LibreOffice when installed (no small maintained RTF reader is worth a
    dependency for a format reports rarely come in)."""
    path = shutil.which("soffice")
    if path is None:
        raise Unreadable(NO_RTF_CONVERTER)
    return one_record("rtf", _soffice(path, data, "rtf", limits))


def _antiword(path: str, data: bytes, suffix: str, limits: Limits) -> str:
    """antiword's UTF-8 text, no wrapping; table rows become a line per cell, the blank line it
    puts first is dropped, and characters beyond U+FFFF (written as two UTF-8-encoded surrogates)
    are paired up again."""
    out = _run_on_file("antiword", [path, "-m", "UTF-8.txt", "-w", "0"], data, suffix, limits)
    text = out.decode("utf-8", "surrogatepass").encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    lines: list[str] = []
    for line in text.split("\n"):
        if _TABLE_ROW.match(line) and len(line) > 1:
            lines.extend(cell.strip() for cell in line[1:-1].split("|"))
        else:
            lines.append(line)
    return _converted_text("antiword", lines)


def _catdoc(path: str, data: bytes, suffix: str, limits: Limits) -> str:
    out = _run_on_file("catdoc", [path, "-d", "utf-8", "-w"], data, suffix, limits)
    text = out.decode("utf-8", "replace").replace("\f", "\n")
    visible = "".join(text.split())
    if visible and len(_GARBLE.findall(visible)) > _MAX_GARBLE_SHARE * len(visible):
        raise Unreadable("catdoc: output is garbled (Unicode text read as 8-bit)")
    return _converted_text("catdoc", text.split("\n"))


def _soffice(path: str, data: bytes, suffix: str, limits: Limits) -> str:
    """LibreOffice headless, with a throwaway profile inside the private folder (a shared profile
    would lock against a running LibreOffice and keep state between files)."""
    with tempfile.TemporaryDirectory(prefix="govreports-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / f"input.{suffix}"
        source.write_bytes(data)
        outdir = folder / "out"
        profile = (folder / "profile").as_uri()
        cmd = [path, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile}",
               "--convert-to", _SOFFICE_FILTER, "--outdir", str(outdir), str(source)]
        stdout, stderr = _run(cmd, folder, limits, "soffice")
        result = outdir / "input.txt"
        if not result.is_file():
            raise Unreadable(f"soffice: no text written ({_first_line(stderr) or _first_line(stdout) or 'no message'})")
        if result.stat().st_size > limits.max_member_bytes:
            raise Unreadable(f"soffice: text over the {limits.max_member_bytes:,}-byte limit")
        text = result.read_bytes().decode("utf-8-sig", "replace")
    return _converted_text("soffice", text.split("\n"))


_CONVERT = {"antiword": _antiword, "catdoc": _catdoc, "soffice": _soffice}


# What a report converted from .doc is made of: Chinese, ASCII, CJK and full-width punctuation, spaces.
_REPORT_CHARS = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u206f\x20-\x7e\s·×°±÷]")
_MIN_REPORT_CHAR_SHARE = 0.8


def _converted_text(tool: str, lines: list[str]) -> str:
    lines = [line.rstrip("\r") for line in lines]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise Unreadable(f"{tool}: {NO_TEXT}")
    text = "\n".join(lines)
    # a converter handed a damaged file can print its bytes as characters (쿐…Ā̂Ԅ): that is no text
    if len(_REPORT_CHARS.findall(text)) < _MIN_REPORT_CHAR_SHARE * len(text):
        raise Unreadable(f"{tool}: output is not readable text (a damaged .doc?)")
    return text


def _run_on_file(tool: str, cmd: list[str], data: bytes, suffix: str, limits: Limits) -> bytes:
    """stdout of `cmd` run on `data` saved under a fixed name in a private temporary folder."""
    with tempfile.TemporaryDirectory(prefix=f"govreports-{tool}-") as tmp:
        source = Path(tmp) / f"input.{suffix}"
        source.write_bytes(data)
        stdout, stderr = _run([*cmd, str(source)], Path(tmp), limits, tool)
    if len(stdout) > limits.max_member_bytes:
        raise Unreadable(f"{tool}: text over the {limits.max_member_bytes:,}-byte limit")
    return stdout


def _run(cmd: list[str], folder: Path, limits: Limits, tool: str) -> tuple[bytes, bytes]:
    """Run a converter in its own process group (LibreOffice starts children), HOME and TMPDIR
    pointing into the private folder; a timeout kills the whole group."""
    env = {**os.environ, "HOME": str(folder), "TMPDIR": str(folder)}
    proc = subprocess.Popen(cmd, cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=limits.converter_timeout_s)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # its own group: the converter and its children only
        except ProcessLookupError:
            pass
        proc.communicate()
        raise Unreadable(f"{tool}: timed out after {limits.converter_timeout_s:g} s") from None
    if proc.returncode != 0:
        why = _first_line(stderr) or _first_line(stdout)
        if proc.returncode < 0:
            why = f"killed by signal {-proc.returncode}" + (f": {why}" if why else "")
        raise Unreadable(f"{tool} failed: {why or f'exit status {proc.returncode}'}")
    return stdout, stderr


def _first_line(message: str | bytes) -> str:
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    for line in message.splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""
