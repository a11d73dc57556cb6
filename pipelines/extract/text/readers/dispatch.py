"""Which reader a file needs, judged by its bytes (a table reader may use the extension to break ties between
text formats: a .csv and a .txt are both text), and the file read into records."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .records import DEFAULT_LIMITS, Limits, Read, Unreadable

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_GZIP = b"\x1f\x8b"
_PARQUET = b"PAR1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")  # PNG, JPEG, GIF, TIFF


def sniff(data: bytes) -> str:
    """The format of `data`: pdf, zip, docx, xlsx, ods, ole2 (an old Office file), gzip, bzip2, xz,
    tar, parquet, rtf, image, or text (decoded later, then told apart: plain, html, csv, json)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_ZIP):
        return _zip_kind(data)
    if head.startswith(_OLE2):
        return "ole2"
    if head.startswith(_GZIP):
        return "gzip"
    if head.startswith(b"BZh"):
        return "bzip2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if len(data) > 262 and data[257:262] == b"ustar":
        return "tar"
    if head.startswith(_PARQUET) and data[-4:] == _PARQUET:
        return "parquet"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_IMAGES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    return "text"


def _zip_kind(data: bytes) -> str:
    """A zip is a Word file, a workbook, an OpenDocument file or an archive, by the parts it holds."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip"  # the archive reader says what is wrong with it
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        return "ods" if b"opendocument.spreadsheet" in data[:200] else ("odt" if b"opendocument.text" in data[:200] else "zip")
    return "zip"


def read_bytes(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS, depth: int = 0) -> Read:
    """The records of one input (a file, or an archive member named `name`). Never raises for bad
    input: an unreadable file comes back with `error` set and no records."""
    from . import archives, plain, tables, word, pdf  # imported here: each pulls its library in only when used

    if len(data) > limits.max_file_bytes:
        return Read(None, None, [], f"file of {len(data):,} bytes is over the {limits.max_file_bytes:,}-byte limit")
    kind = sniff(data)
    try:
        if kind == "pdf":
            return pdf.read_pdf(data, limits)
        if kind in ("docx", "odt"):
            return word.read_docx(data, limits) if kind == "docx" else word.read_odt(data, limits)
        if kind == "ole2":
            return _read_ole2(data, limits)
        if kind in ("xlsx", "ods", "parquet"):
            return tables.read_table_bytes(data, kind, limits)
        if kind in ("zip", "gzip", "tar", "bzip2", "xz"):
            return archives.read_archive(data, kind, name, limits, depth, read_bytes)
        if kind == "image":
            raise Unreadable("an image (a scan or photo), no text layer: needs OCR")
        if kind in ("7z", "rar"):
            raise Unreadable(f"{kind} archive: not read (repack it as .zip or .tar.gz)")
        if kind == "rtf":
            return word.read_rtf(data, limits)
        return plain.read_text_bytes(data, name, limits)
    except Unreadable as exc:
        return Read(kind, None, [], str(exc))
    except RecursionError:  # JSON or XML nested thousands deep
        return Read(kind, None, [], "nested too deeply to read (thousands of levels): not a report")
    except Exception as exc:  # noqa: BLE001 - untrusted bytes may break a library in a way nobody listed;
        # the file is quarantined with the library's words, and the run goes on
        return Read(kind, None, [], f"{kind} reader failed: {type(exc).__name__}: {str(exc)[:200]}")


def _read_ole2(data: bytes, limits: Limits) -> Read:
    """An old binary Office file: a Word document (.doc), a workbook (.xls), or an encrypted
    Office 2007+ file (which is stored inside an OLE2 container)."""
    from . import tables, word
    if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
        raise Unreadable("encrypted (password-protected) Office file: save it without a password")
    if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" in data:
        return word.read_doc(data, limits)
    if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data or b"B\x00o\x00o\x00k" in data:
        return tables.read_table_bytes(data, "xls", limits)
    raise Unreadable("old binary Office file that is neither a Word document nor a workbook")


def read_path(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[bytes | None, Read]:
    """(bytes, records) of a file on disk; (None, error) when it cannot be opened."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            return None, Read(None, None, [], f"file of {size:,} bytes is over the {limits.max_file_bytes:,}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        return None, Read(None, None, [], f"cannot read file: {exc.strerror or exc}")
    return data, read_bytes(data, path.name, limits)
