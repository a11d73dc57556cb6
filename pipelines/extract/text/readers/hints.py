"""A record's metadata (a table's other columns, a crawler's text header) as normalised hints.

Vendors and crawlers name the same field differently (年份, year, 年度; 区县代码, adcode), so the
names are data: vocab/metadata_columns.csv (alias, hint, note), read once. Values are normalised
here so that later steps compare like with like: a year is four digits, a division code six (a
12-digit statistical code is cut to its division), a date YYYY-MM-DD. A value that does not
normalise gives no hint: a hint is only ever a hint, the text decides (metadata_hints).
"""
from __future__ import annotations

import csv
import re
import unicodedata
from datetime import date, timedelta
from functools import lru_cache

from ...vocabulary import VOCAB

VOCABULARY = VOCAB / "metadata_columns.csv"
HINT_KEYS = ("year", "division_code", "province", "city", "county", "level", "title", "url",
             "published", "issuer", "speaker")

_NAME_NOISE = re.compile(r"[\s_\-.]+")        # source_url = Source URL = sourceurl
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
_FIRST_YEAR, _LAST_YEAR = 1949, 2100
_WHOLE_NUMBER = re.compile(r"(\d+)(?:\.0+)?")  # 150702.0 from a workbook cell
_DIVISION_DIGITS = 6
_STATISTICAL_DIGITS = (9, 12)                  # township (9) and village (12) codes start with the division's 6
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
# A bare number in a date column is a spreadsheet serial day (1900 date system) when it falls in
# these bounds (1954-10-03 .. 2064-04-08); 1899-12-30 is day 0 as Excel and LibreOffice count.
_SERIAL_DAYS = (20_000, 60_000)
_SERIAL_EPOCH = date(1899, 12, 30)
_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+", re.IGNORECASE)


def column_key(name: str) -> str:
    """A column name as the vocabulary is matched: full-width folded, case and separators ignored."""
    return _NAME_NOISE.sub("", unicodedata.normalize("NFKC", name).casefold())


@lru_cache(maxsize=1)
def _aliases() -> dict[str, tuple[str, int]]:
    """column key → (hint, rank): the vocabulary's order ranks aliases of one hint (区县代码 first)."""
    out: dict[str, tuple[str, int]] = {}
    with VOCABULARY.open(encoding="utf-8", newline="") as f:
        for rank, row in enumerate(csv.DictReader(f)):
            alias, hint = (row.get("alias") or "").strip(), (row.get("hint") or "").strip()
            if not alias:
                continue
            if hint not in HINT_KEYS:
                raise ValueError(f"{VOCABULARY.name}: unknown hint {hint!r} for {alias!r}")
            out.setdefault(column_key(alias), (hint, rank))
    return out


def hints_with_columns(metadata: dict[str, str]) -> dict[str, tuple[str, str]]:
    """{hint: (column as written, normalised value)}; where several columns give one hint, the
    alias listed first in the vocabulary wins, then the leftmost column."""
    found: dict[str, tuple[int, str, str]] = {}
    aliases = _aliases()
    for column, raw in metadata.items():
        known = aliases.get(column_key(column))
        if known is None or raw is None:
            continue
        hint, rank = known
        value = _NORMALISE[hint](str(raw))
        if value and (hint not in found or rank < found[hint][0]):
            found[hint] = (rank, column, value)
    return {hint: (column, value) for hint, (_, column, value) in found.items()}


def hints(metadata: dict[str, str]) -> dict[str, str]:
    """{hint: normalised value} of the metadata columns the vocabulary knows; others are ignored."""
    return {hint: value for hint, (_, value) in hints_with_columns(metadata).items()}


def year(value: str) -> str:
    m = _YEAR.search(value)
    return m[1] if m and _FIRST_YEAR <= int(m[1]) <= _LAST_YEAR else ""


def division_code(value: str) -> str:
    m = _WHOLE_NUMBER.fullmatch(value.strip())
    if not m:
        return ""
    digits = m[1]
    if len(digits) == _DIVISION_DIGITS or len(digits) in _STATISTICAL_DIGITS:
        return digits[:_DIVISION_DIGITS]
    return ""


def published(value: str) -> str:
    """YYYY-MM-DD of 2026-02-02, 2026/2/2, 2026年2月2日, 20260202, 2026-02-02 10:00:00, or a
    spreadsheet serial day; '' when the value is no full date."""
    text = value.strip()
    m = _DATE.search(text) or _COMPACT_DATE.fullmatch(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return ""
    serial = _WHOLE_NUMBER.fullmatch(text)
    if serial and _SERIAL_DAYS[0] <= int(serial[1]) <= _SERIAL_DAYS[1]:
        return (_SERIAL_EPOCH + timedelta(days=int(serial[1]))).isoformat()
    return ""


def url(value: str) -> str:
    m = _URL.search(value)
    return m[0] if m else ""


def words(value: str) -> str:
    """A name or title with its whitespace runs made single spaces."""
    return " ".join(value.split())


_NORMALISE = {"year": year, "division_code": division_code, "published": published, "url": url,
              **{k: words for k in ("province", "city", "county", "level", "title", "issuer", "speaker")}}
