"""What every reader returns: records, and the limits that keep untrusted files from hurting us."""
from __future__ import annotations

from dataclasses import dataclass, field

# A record whose text has fewer characters than this (after blank lines are dropped) is no report:
# logged with its reason ('skipped'), never silently dropped.
MIN_RECORD_CHARS = 200


class Unreadable(Exception):
    """The whole input (a file, or one archive member) cannot be read: the message says why."""


@dataclass(frozen=True)
class Limits:
    """Size limits on untrusted input: a decompression or XML bomb stops here with a clear reason."""

    max_file_bytes: int = 512 << 20          # one input file
    max_member_bytes: int = 256 << 20        # one archive member or one part of a Word/Excel file, unpacked
    max_unpacked_bytes: int = 1 << 30        # all members of one archive, unpacked
    max_ratio: float = 200.0                 # unpacked / packed size of one member
    max_members: int = 10_000                # members of one archive
    max_depth: int = 2                       # archives inside archives
    max_pdf_pages: int = 2_000
    max_records: int = 1_000_000             # rows of one table
    converter_timeout_s: float = 120.0       # an external converter (antiword, catdoc, soffice)


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Record:
    """One text inside a file: a plain file's text, a table's row, an archive member's text."""

    record_id: str                 # '' for a plain file; '3', 'Sheet2!3', 'dir/a.docx', 'dir/t.xlsx#3'
    text: str | None               # the record's text as read ('\n' between lines); None unless status is ok
    format: str                    # txt, html, docx, doc, pdf, csv, tsv, xlsx, xls, ods, json, jsonl, parquet
    encoding: str | None = None    # of a text-based record (utf-8, gb18030 …)
    status: str = "ok"             # ok, quarantined (unreadable), skipped (no or too short a text)
    reason: str | None = None      # why quarantined or skipped; or a note on a repair made while reading
    metadata: dict[str, str] = field(default_factory=dict)  # other columns / header fields, as written
    text_column: str | None = None  # the table column the text came from
    body_start: int = 1            # first line (1-based) of the report: a metadata header above it is not text

    @property
    def ok(self) -> bool:
        return self.status == "ok" and self.text is not None


@dataclass(frozen=True)
class Read:
    """One file read: its format and records, or why none could be read (error with no records)."""

    format: str | None
    encoding: str | None
    records: list[Record]
    error: str | None = None       # quarantine reason (records empty) or a note on the whole file

    @property
    def ok(self) -> bool:
        return bool(self.records) and any(r.ok for r in self.records)

    @property
    def is_container(self) -> bool:
        """Several records, or records that are members or rows: each gets its own ingest_log row."""
        return any(r.record_id for r in self.records)


def one_record(fmt: str, text: str, encoding: str | None = None, reason: str | None = None, **extra) -> Read:
    """A file that is one record: a plain text, a Word file, a PDF, a web page."""
    return Read(fmt, encoding, [Record("", text, fmt, encoding, reason=reason, **extra)], reason)


def skipped_if_short(record: Record) -> Record:
    """A record with no or too short a text becomes 'skipped' with its reason."""
    if record.status != "ok":
        return record
    text = record.text or ""
    n = sum(len(line.strip()) for line in text.split("\n"))
    if n == 0:
        return _with(record, status="skipped", text=None, reason="no text")
    if n < MIN_RECORD_CHARS:
        return _with(record, status="skipped", text=None,
                     reason=f"text too short for a report ({n} characters, fewer than {MIN_RECORD_CHARS})")
    return record


def _with(record: Record, **changes) -> Record:
    from dataclasses import replace
    return replace(record, **changes)
