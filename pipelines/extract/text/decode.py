"""Bytes to text: encoding detection and the checks that decide quarantine.

Reports reach us as UTF-8, UTF-8 with a BOM, UTF-16, GB18030/GBK from older mainland sites, or
Big5/Big5-HKSCS from Taiwan and Hong Kong. A file that is not text (binary, empty, undecodable)
is rejected with a message a person can act on; it never raises past the caller.

GB18030 accepts almost any byte pair, so a Big5 file decodes as GB18030 without an error, into
rare characters. Which of the two a file is, is decided by what its text is made of: the share of
common Chinese characters (`hanzi.common_share`) in its first 64 KB read either way, about 0.8 for
the right codec and under 0.25 for the wrong one.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .hanzi import common_share

# Share of decoded characters that must be CJK, letters, digits, punctuation or
# whitespace for a GB18030 decode to count as text rather than noise.
_MIN_READABLE_SHARE = 0.85
_SNIFF_BYTES = 1 << 16
# Bytes that are not control characters (tab, newline, form feed, CR and ESC count as text).
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B)))
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_KANA = re.compile("[\u3040-\u30ff]")
# Big5 is chosen over GB18030 when its reading has more common characters and at least this share
# (real text: 0.5 and up even on 20 characters; either codec reading the other's bytes: under 0.25).
_MIN_BIG5_COMMON = 0.35


@dataclass(frozen=True)
class Decoded:
    """The outcome of reading one file: text, or why there is none."""

    text: str | None
    encoding: str | None
    sha256: str
    n_bytes: int
    error: str | None = None  # set when text is None (quarantine) or when a repair was made

    @property
    def ok(self) -> bool:
        return self.text is not None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))  # what is left after deleting every other byte
    return controls > 0.02 * max(len(head), 1)


def _readable_share(text: str) -> float:
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return 0.0
    if "".join(sample.split()).isprintable():  # the usual case, decided in C: all whitespace or printable
        good = len(sample)
    else:
        good = sum(1 for ch in sample if ch.isprintable() or ch.isspace())
    bad = sample.count("\ufffd") + len(_PRIVATE_USE.findall(sample))
    return (good - bad) / len(sample)


def _reads_as_big5(data: bytes) -> bool:
    """Whether the Chinese of `data` (64 KB from its first non-ASCII byte) reads better as Big5 than as GB18030."""
    first = _HIGH_BYTE.search(data)
    window = data[first.start(): first.start() + _SNIFF_BYTES] if first else b""
    big5 = common_share(window.decode("big5hkscs", "replace"))
    return big5 >= _MIN_BIG5_COMMON and big5 > common_share(window.decode("gb18030", "replace"))


def _decode_big5(data: bytes) -> tuple[str, str, str | None]:
    """(text, encoding, repair note) of a file that reads as Big5.

    Two Big5 families disagree on one row of codes (C6A1–C8FE): Windows' cp950 (and Python's
    `big5`) put kana and circled numbers there, Big5-HKSCS (Big5 plus the Hong Kong characters
    綫, 着, 衞, 邨) puts circled numbers, radicals and Cyrillic letters. Both are tried, and the one
    that reads fewer kana wins (a Chinese report has none, ① read in the wrong family is one),
    cp950 on a tie. The encoding is reported as `big5` when plain Big5 reads the file the same,
    else `cp950` or `big5hkscs`. A byte sequence no family knows (a user-defined character)
    becomes U+FFFD and is counted in the note.
    """
    readings: list[tuple[int, str, str]] = []
    cut: UnicodeDecodeError | None = None
    for codec in ("cp950", "big5hkscs"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            if exc.start >= len(data) - 1 and exc.reason.startswith("incomplete"):
                cut = exc
            continue
        readings.append((len(_KANA.findall(text)), codec, text))
    if readings:
        _, codec, text = min(readings, key=lambda r: r[0])  # the first of equals: cp950
        if codec == "cp950":
            try:
                codec = "big5" if data.decode("big5") == text else codec
            except UnicodeDecodeError:
                pass
        return text, codec, None
    if cut is not None and cut.start > 0:  # a download cut inside the last character: keep what is before
        text, codec, note = _decode_big5(data[: cut.start])
        if note is None:
            return text, codec, f"last character cut off: {len(data) - cut.start} trailing byte(s) dropped"
    text = data.decode("big5hkscs", "replace")
    return text, "big5hkscs", f"{text.count(chr(0xFFFD))} byte sequence(s) not in Big5-HKSCS replaced by U+FFFD"


def decode_bytes(data: bytes) -> Decoded:
    """Detect the encoding of `data` and decode it, or explain why it is not text."""
    digest, size = sha256_hex(data), len(data)

    def reject(reason: str) -> Decoded:
        return Decoded(None, None, digest, size, reason)

    if not data.strip():
        return reject("empty file: no text to read" if size == 0 else "file holds only whitespace")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig", digest, size)
        except UnicodeDecodeError as exc:
            return reject(f"UTF-8 byte-order mark but invalid UTF-8 at byte {exc.start + 3}")
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[2:].decode(codec), "utf-16", digest, size)
            except UnicodeDecodeError:
                return reject("UTF-16 byte-order mark but the rest is not UTF-16")
    if _looks_binary(data):
        return reject("binary file (NUL or control bytes): not a text document")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", digest, size)
    except UnicodeDecodeError as exc:
        if exc.start >= size - 3 and exc.reason == "unexpected end of data":
            # A download cut inside the last character: keep everything before it.
            text = data[: exc.start].decode("utf-8")
            return Decoded(text, "utf-8", digest, size,
                           f"last character cut off: {size - exc.start} trailing byte(s) dropped")
        utf8_error = f"invalid UTF-8 at byte {exc.start}"
    if _reads_as_big5(data):
        text, encoding, note = _decode_big5(data)
        if _readable_share(text) < _MIN_READABLE_SHARE:
            return reject(f"not decodable as UTF-8 ({utf8_error}); as Big5 it is not readable text")
        return Decoded(text, encoding, digest, size, note)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        return reject(f"not decodable as UTF-8 ({utf8_error}) nor GB18030 (byte {exc.start})")
    if _readable_share(text) < _MIN_READABLE_SHARE:
        return reject(f"not decodable as UTF-8 ({utf8_error}); as GB18030 it is not readable text")
    return Decoded(text, "gb18030", digest, size)


def split_lines(text: str) -> list[str]:
    """Lines as the gold and `sed -n Np` count them: split on \\n, CR stripped."""
    return [line.rstrip("\r") for line in text.split("\n")]
