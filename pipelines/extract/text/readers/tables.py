"""Tables: a workbook (xlsx, xls, ods), a Parquet file, or a table written as text (CSV, TSV, JSON,
JSON Lines), read as one record per data row.

Vendors and crawlers deliver reports as rows: a few metadata columns and one cell that holds a
whole report. Which column holds it is judged by content (the column of long Chinese texts), never
by its name, which differs by vendor (报告全文, full_text, content, 正文 …); every other column is
kept as the row's metadata (readers.hints maps the known ones to hints).

A text file is a table only when its content says so: JSON, or a header of short names over rows
of as many cells (CSV, TSV). A plain report has commas and tabs too, but its lines never line up
into columns. The name's extension only breaks a tie.

Record ids: the data row's number below the header ('3'), with the sheet's name ('Sheet2!3') when
a workbook has several sheets that are read. A workbook row's number is its position below the
header (so a spreadsheet row can be found again); in text formats, blank lines are not rows.
Wholly blank rows make no record; every other row makes one, skipped (with its reason) when its
text is missing or short, never dropped.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import PurePath

from .records import Limits, Read, Record, Unreadable, skipped_if_short

# A cell of a report holds at least this many Chinese characters (records.MIN_RECORD_CHARS counts all).
LONG_TEXT_CJK = 200
DETECT_SAMPLE_ROWS = 2_000        # rows looked at to find the text column
SNIFF_ROWS = 200                  # rows looked at to tell a delimited table from a plain text
MAX_HEADER_CELL_CHARS = 64        # a header names columns; a longer cell is a sentence
HEADER_SEARCH_ROWS = 10           # a workbook's header may sit below a title row or two
MIN_HEADER_NAMES = 2
CONSISTENT_SHARE = 0.9            # share of rows with the header's width that makes a table by content
WEAK_CONSISTENT_SHARE = 0.5       # … enough when the name says it is a table
MARKUP_SHARE = 0.5                # a column most of whose cells are HTML holds markup, not the text
DELIMITERS = {",": "csv", "\t": "tsv", ";": "csv", "|": "csv"}
TABLE_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json", ".jsonl": "jsonl",
                    ".ndjson": "jsonl"}
PARQUET_BATCH_ROWS = 4_096
CSV_FIELD_LIMIT = 2**31 - 1       # a report in one cell is far over csv's default 128 KB

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_MARKUP = re.compile(r"</?(?:p|div|br|span|table|td|html|body)\b", re.IGNORECASE)
_LITERAL_BREAK = re.compile(r"\\r\\n|\\n|\\r")   # the 4 characters \r\n, or \n, written out by a vendor
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?%?")
_SENTENCE_MARKS = ("。", "！", "？", "；")

csv.field_size_limit(CSV_FIELD_LIMIT)


@dataclass(frozen=True)
class _Row:
    number: int                   # 1-based, below the header
    cells: list[str] | None       # None: a row that could not be read at all
    problem: str | None = None    # why not, or a note on a repair (a row of the wrong width)


@dataclass(frozen=True)
class _Unparsed:
    """A JSON Lines line that is no JSON: a row that could not be read."""
    problem: str


@dataclass(frozen=True)
class _Table:
    name: str                     # the sheet's name ('' outside a workbook)
    header: list[str]
    rows: list[_Row]


# ---------------------------------------------------------------- entry points

def read_table_bytes(data: bytes, kind: str, limits: Limits) -> Read:
    """The rows of a workbook (xlsx, xls, ods) or a Parquet file; Unreadable when the file cannot
    be opened, is over a limit, or has no column of long texts."""
    if kind == "parquet":
        return _read(_parquet_tables(data, limits), "parquet", None)
    if kind in ("xlsx", "xls", "ods"):
        return _read(_workbook_tables(data, kind, limits), kind, None)
    raise Unreadable(f"not a table format: {kind}")


def read_table_text(text: str, name: str, encoding: str | None, limits: Limits) -> Read | None:
    """The rows of a decoded text that is a table (CSV, TSV, JSON array of objects, JSON Lines);
    None when the text is not one (a plain report, a web page)."""
    ext = PurePath(name).suffix.lower()
    start = text.lstrip("\ufeff \t\r\n\u3000")[:1]
    if start in ("[", "{"):
        found = _json_tables(text, ext, limits)
        if found is not None:
            fmt, tables, note = found
            return _read(tables, fmt, encoding, note)
    if start == "<":
        return None  # markup: the web reader's
    sniffed = _sniff_delimiter(text, ext)
    if sniffed is None:
        return None
    delimiter, note = sniffed
    return _read([_delimited_table(text, delimiter, limits)], DELIMITERS[delimiter], encoding, note)


# ---------------------------------------------------------------- rows → records

def _read(tables: list[_Table], fmt: str, encoding: str | None, note: str | None = None) -> Read:
    """Records of the tables that hold a text column; the others are named in the file's note."""
    read: list[tuple[_Table, int]] = []
    passed: list[str] = []
    for table in tables:
        if not table.rows:
            continue
        try:
            read.append((table, _text_column(table)))
        except Unreadable as exc:
            passed.append(f"sheet {table.name!r}: {exc}" if table.name else str(exc))
    if not read:
        if passed:
            raise Unreadable("; ".join(passed))
        raise Unreadable("table with no data rows (a header at most)")
    prefixed = len(read) > 1
    records: list[Record] = []
    for table, column in read:
        keys = _column_keys(table.header, max(len(r.cells or ()) for r in table.rows))
        prefix = f"{table.name}!" if prefixed else ""
        records += [_record(row, keys[:max(len(table.header), len(row.cells or ()))], column, fmt, encoding, prefix)
                    for row in table.rows]
    notes = [n for n in (note, *(f"not read: {p}" for p in passed)) if n]
    return Read(fmt, encoding, records, "; ".join(notes) or None)


def _text_column(table: _Table) -> int:
    """The column of long Chinese texts: of the columns with a cell of LONG_TEXT_CJK Chinese
    characters or more, the one holding the most Chinese characters in all (so a report column
    with placeholders (暂无) or empty cells in some rows still beats a column of abstracts); a
    column of markup only when no plain one qualifies; the leftmost of equals."""
    sample = [r.cells for r in table.rows[:DETECT_SAMPLE_ROWS] if r.cells]
    scored: list[tuple[bool, int, int, int]] = []  # plain, total, longest, -column
    for j in range(len(table.header)):
        cells = [c[j] for c in sample if j < len(c) and c[j].strip()]
        if not cells:
            continue
        counts = [len(_CJK.findall(c)) for c in cells]
        plain = sum(1 for c in cells if _MARKUP.search(c)) <= MARKUP_SHARE * len(cells)
        scored.append((plain, sum(counts), max(counts), -j))
    long = [s for s in scored if s[2] >= LONG_TEXT_CJK]
    if not long:
        best = max(scored, key=lambda s: (s[2], s[3]), default=None)
        longest = (f"the longest, in {_header_name(table.header, -best[3])!r}, has {best[2]}" if best
                   else "every cell is empty")
        raise Unreadable(f"table with no column of long texts: no cell holds {LONG_TEXT_CJK} Chinese "
                         f"characters ({longest})")
    return -max(long)[3]


def _record(row: _Row, keys: list[str], column: int, fmt: str, encoding: str | None, prefix: str) -> Record:
    """A row's record: the text cell, the other cells as metadata (all of them, empty ones too)."""
    record_id = f"{prefix}{row.number}"
    if row.cells is None:
        return Record(record_id, None, fmt, encoding, status="quarantined", reason=row.problem)
    cells = row.cells + [""] * (len(keys) - len(row.cells))
    text, repair = with_line_breaks(cells[column])
    metadata = {keys[i]: _metadata_cell(cells[i]) for i in range(len(keys)) if i != column}
    reason = "; ".join(n for n in (row.problem, repair) if n) or None
    return skipped_if_short(Record(record_id, text, fmt, encoding, reason=reason, metadata=metadata,
                                   text_column=keys[column]))


def _column_keys(header: list[str], width: int) -> list[str]:
    """Unique metadata keys: the header as written, 'column N' for an unnamed or extra column,
    'name (2)' for a repeated name."""
    keys: list[str] = []
    for i in range(max(width, len(header))):
        name = _header_name(header, i)
        key, n = name, 2
        while key in keys:
            key, n = f"{name} ({n})", n + 1
        keys.append(key)
    return keys


def _header_name(header: list[str], i: int) -> str:
    name = " ".join(header[i].split()) if i < len(header) else ""
    return name or f"column {i + 1}"


def with_line_breaks(cell: str) -> tuple[str, str | None]:
    """A report's cell with '\\n' line ends; literal \\r\\n written by a vendor made real line
    breaks when the cell has no real one."""
    text = cell.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in text:
        return text, None
    breaks = len(_LITERAL_BREAK.findall(text))
    if not breaks:
        return text, None
    return (_LITERAL_BREAK.sub("\n", text),
            f"{breaks} line break(s) written as the literal characters \\r\\n or \\n read as line breaks")


def _metadata_cell(cell: str) -> str:
    return cell.replace("\r\n", "\n").replace("\r", "\n").strip()


def cell_text(value: object) -> str:
    """A cell as text: whole numbers without '.0' (2012.0 → '2012'), None and NaN empty, a date
    as YYYY-MM-DD, a list of strings one per line (a JSON report as paragraphs)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return "" if value.is_nan() else (str(int(value)) if value == value.to_integral_value() else str(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _table_of_rows(name: str, rows: list[list[str]]) -> _Table:
    """A sheet's rows: the header is the first row naming at least two columns (a title row above
    it is passed over), or the first non-blank row; wholly blank rows make no record."""
    filled = [sum(1 for c in r if c.strip()) for r in rows]
    top = next((i for i, n in enumerate(filled[:HEADER_SEARCH_ROWS]) if n >= MIN_HEADER_NAMES), None)
    if top is None:
        top = next((i for i, n in enumerate(filled) if n), len(rows))
    data = [_Row(i, r) for i, r in enumerate(rows[top + 1:], start=1) if filled[top + i]]
    return _Table(name, rows[top] if top < len(rows) else [], data)


# ---------------------------------------------------------------- workbooks and Parquet

def _workbook_tables(data: bytes, kind: str, limits: Limits) -> list[_Table]:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum

    if kind in ("xlsx", "ods"):
        _check_parts(data, kind, limits)
    tables: list[_Table] = []
    n_rows = 0
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue  # a chart or dialog sheet holds no rows
            sheet = workbook.get_sheet_by_name(meta.name)
            n_rows += max(sheet.height - 1, 0)
            if n_rows > limits.max_records:
                raise Unreadable(_too_many_rows(limits))
            rows = [[cell_text(v) for v in row] for row in sheet.to_python(skip_empty_area=True)]
            tables.append(_table_of_rows(meta.name, rows))
    except PasswordError:
        raise Unreadable("password-protected workbook: save it without a password") from None
    except CalamineError as exc:
        raise Unreadable(f"{kind} workbook cannot be read: {exc}") from None
    return tables


def _check_parts(data: bytes, kind: str, limits: Limits) -> None:
    """A zipped workbook whose parts unpack past the limits is refused before it is parsed."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Unreadable(f"{kind} workbook is a damaged zip file: {exc}") from None
    from .archives import ratio_over

    for part in parts:
        if part.file_size > limits.max_member_bytes:
            raise Unreadable(f"{kind} part {part.filename} unpacks to {part.file_size:,} bytes, over the "
                             f"{limits.max_member_bytes:,}-byte limit")
        if ratio_over(part.file_size, part.compress_size, limits):  # a sheet of millions of tiny cells
            raise Unreadable(f"{kind} part {part.filename} unpacks {part.file_size / max(part.compress_size, 1):,.0f} "
                             f"times its packed size, over the {limits.max_ratio:g}:1 limit (a decompression bomb?)")
    total = sum(p.file_size for p in parts)
    if total > limits.max_unpacked_bytes:
        raise Unreadable(f"{kind} workbook unpacks to {total:,} bytes, over the "
                         f"{limits.max_unpacked_bytes:,}-byte limit")


def _parquet_tables(data: bytes, limits: Limits) -> list[_Table]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
        if parquet.metadata.num_rows > limits.max_records:
            raise Unreadable(_too_many_rows(limits))
        header = list(parquet.schema_arrow.names)
        rows: list[_Row] = []
        number = 0
        decoded = 0
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            # dictionary and run-length encodings make a tiny file decode to gigabytes: count what decodes
            decoded += batch.nbytes
            if decoded > limits.max_unpacked_bytes:
                raise Unreadable(f"Parquet file decodes to more than the {limits.max_unpacked_bytes:,}-byte limit "
                                 "(a decompression bomb?)")
            for values in zip(*(column.to_pylist() for column in batch.columns)):
                number += 1
                cells = [cell_text(v) for v in values]
                if any(c.strip() for c in cells):
                    rows.append(_Row(number, cells))
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise Unreadable(f"Parquet file cannot be read: {exc}") from None
    return [_Table("", header, rows)]


def _too_many_rows(limits: Limits) -> str:
    return f"table of more than {limits.max_records:,} rows, over the max_records limit"


# ---------------------------------------------------------------- JSON and JSON Lines

def _json_tables(text: str, ext: str, limits: Limits) -> tuple[str, list[_Table], str | None] | None:
    """(format, tables, note) of JSON or JSON Lines; None when the text is neither (and its name
    does not claim it is); Unreadable when it is JSON but holds no objects to read as rows."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = _json_lines(text, ext, limits)
        if lines is not None:
            return "jsonl", [lines], None
        if TABLE_EXTENSIONS.get(ext) in ("json", "jsonl"):
            raise Unreadable(f"invalid JSON: {exc}") from None
        return None
    fmt = "jsonl" if TABLE_EXTENSIONS.get(ext) == "jsonl" else "json"
    objects, note = _objects_in(value)
    if objects is None:
        raise Unreadable("JSON that holds no array of objects (rows) to read")
    if len(objects) > limits.max_records:
        raise Unreadable(_too_many_rows(limits))
    return fmt, [_table_of_objects(list(enumerate(objects, start=1)), "item")], note


def _objects_in(value: object) -> tuple[list | None, str | None]:
    """The list of row objects in parsed JSON: the array itself, the one array of objects inside an
    object ({"data": [...]}, two levels deep at most; the longest, noted, when there are several),
    or an object of plain fields taken as one row."""
    if isinstance(value, list):
        return (value, None) if _mostly_objects(value) else (None, None)
    if not isinstance(value, dict):
        return None, None
    found = [(k, v) for k, v in value.items() if isinstance(v, list) and _mostly_objects(v)]
    if not found:
        found = [(f"{k}.{k2}", v2) for k, v in value.items() if isinstance(v, dict)
                 for k2, v2 in v.items() if isinstance(v2, list) and _mostly_objects(v2)]
    if found:
        key, rows = max(found, key=lambda kv: len(kv[1]))
        note = f"rows read from {key!r} of {len(found)} arrays of objects" if len(found) > 1 else None
        return rows, note
    if all(not isinstance(v, (dict, list)) or _strings(v) for v in value.values()):
        return [value], None
    return None, None


def _mostly_objects(items: list) -> bool:
    return bool(items) and sum(isinstance(i, dict) for i in items) * 2 >= len(items) and isinstance(items[0], dict)


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _json_lines(text: str, ext: str, limits: Limits) -> _Table | None:
    """JSON Lines: an object on each non-blank line (its first one, and at least half of the first
    SNIFF_ROWS); a line that is no object is a row that could not be read, not a broken file."""
    lines = [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    if len(lines) > limits.max_records:
        raise Unreadable(_too_many_rows(limits))
    parsed: list[tuple[int, object]] = []
    for n, line in lines:
        try:
            parsed.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            parsed.append((n, _Unparsed(f"line {n} is not JSON: {exc.msg}")))
    sample = parsed[:SNIFF_ROWS]
    objects = sum(isinstance(v, dict) for _, v in sample)
    named = TABLE_EXTENSIONS.get(ext) in ("json", "jsonl")
    if not sample or not isinstance(sample[0][1], dict) or (objects * 2 < len(sample) and not named):
        return None
    return _table_of_objects([(i, v) for i, (_, v) in enumerate(parsed, start=1)], "line",
                             [n for n, _ in parsed])


def _table_of_objects(items: list[tuple[int, object]], what: str, lines: list[int] | None = None) -> _Table:
    """Rows of JSON objects: the header is every key in order of first appearance; an item that is
    no object is a row that could not be read."""
    header: dict[str, None] = {}
    for _, item in items:
        if isinstance(item, dict):
            header.update(dict.fromkeys(str(k) for k in item))
    names = list(header)
    rows: list[_Row] = []
    for k, (number, item) in enumerate(items):
        where = f"line {lines[k]}" if lines else f"{what} {number}"
        if isinstance(item, _Unparsed):
            rows.append(_Row(number, None, item.problem))
        elif not isinstance(item, dict):
            rows.append(_Row(number, None, f"{where} is not a JSON object"))
        else:
            values = {str(k2): v for k2, v in item.items()}
            cells = [cell_text(values.get(name)) for name in names]
            if any(c.strip() for c in cells):
                rows.append(_Row(number, cells))
    return _Table("", names, rows)


# ---------------------------------------------------------------- CSV and TSV

def _sniff_delimiter(text: str, ext: str) -> tuple[str, str | None] | None:
    """(delimiter, note) of a text that is a delimited table, or None.

    By content: the first row names at least two columns in short cells (no sentence in them), and
    CONSISTENT_SHARE of the next rows have as many cells, with at least two such rows or a cell over
    several lines (a quoted report). A .csv/.tsv name lowers the share to WEAK_CONSISTENT_SHARE,
    admits a single one-line row, and admits quoting the strict parser rejects (read leniently).
    """
    named = TABLE_EXTENSIONS.get(ext) in ("csv", "tsv")
    passing: list[tuple[float, bool, int, bool, str]] = []  # share, name's delimiter, width, strict
    for delimiter, fmt in DELIMITERS.items():
        for strict in ((True, False) if named else (True,)):
            judged = _judge(text, delimiter, strict, named)
            if judged is not None:
                share, width = judged
                passing.append((share, fmt == TABLE_EXTENSIONS.get(ext), width, strict, delimiter))
                break
    if not passing:
        return None
    *_, strict, delimiter = max(passing)
    return delimiter, None if strict else "quoting does not follow the CSV rules: read leniently"


def _judge(text: str, delimiter: str, strict: bool, named: bool) -> tuple[float, int] | None:
    """(share of rows as wide as the header, header width) when the text reads as a table."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if any(c.strip() for c in row):
                rows.append(row)
                if len(rows) > SNIFF_ROWS:
                    break
    except csv.Error:
        return None
    if len(rows) < 2 or not _header_like(rows[0]):
        return None
    width, data = len(rows[0]), rows[1:]
    share = sum(len(r) == width for r in data) / len(data)
    multiline = any("\n" in c or "\r" in c for r in data for c in r)
    if share >= CONSISTENT_SHARE and (len(data) >= 2 or multiline or named):
        return share, width
    if named and share >= WEAK_CONSISTENT_SHARE:
        return share, width
    return None


def _header_like(cells: list[str]) -> bool:
    """Short column names, at least MIN_HEADER_NAMES of them, one unnamed at most (an index),
    not all numbers (data, not a header) and no sentence (a report's line)."""
    names = [c.strip() for c in cells]
    named = [n for n in names if n]
    if len(named) < MIN_HEADER_NAMES or len(named) < len(names) - 1:
        return False
    if any(len(n) > MAX_HEADER_CELL_CHARS or "\n" in n or any(m in n for m in _SENTENCE_MARKS) for n in named):
        return False
    return not all(_NUMBER.fullmatch(n) for n in named)


def _delimited_table(text: str, delimiter: str, limits: Limits) -> _Table:
    """Every row of a delimited text (read leniently: one bad quote spoils a row, not the file); a
    row of another width than the header is padded or keeps its extra cells, with a note."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[_Row] = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [c.strip().lstrip("\ufeff") for c in cells]
            continue
        if len(rows) >= limits.max_records:
            raise Unreadable(_too_many_rows(limits))
        problem = None if len(cells) == len(header) else f"row has {len(cells)} cells, the header {len(header)}"
        rows.append(_Row(len(rows) + 1, cells, problem))
    return _Table("", header or [], rows)
