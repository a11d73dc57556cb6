"""Normalised text that remembers where every character came from.

Extractors scan one string per document: full-width digits and signs folded to ASCII and
traditional characters read as simplified (國內生產總值 → 国内生产总值, `hanzi.py`), each one
character for one, so offsets hold; and lines broken mid-sentence (PDF page breaks split 社|会,
规模以|上, 控制在|3%以内) joined. Each source line is one run of the string, so a fact found
anywhere still names its line and quotes the exact source text, in the characters it was written in.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .hanzi import TO_SIMPLIFIED, TRADITIONAL_CLASS

WIDTH_FOLD = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
    "％": "%", "．": ".", "～": "~", "－": "-", "＋": "+", "\u3000": " ", "\t": " ",
})
# The normal form: widths folded, traditional characters simplified; every value one character.
FOLD = {**TO_SIMPLIFIED, **WIDTH_FOLD}
# str.translate looks every character up in FOLD; a charset scan (in C) finds the few lines that
# need it, so a simplified line without full-width forms costs one search.
_FOLDABLE = re.compile("[" + re.escape("".join(map(chr, WIDTH_FOLD))) + TRADITIONAL_CLASS + "]")
# A line ending in one of these ends a paragraph; any other line break is a wrap, joined.
_PARAGRAPH_END = set("。！？!?：:；;”」』")


def fold(line: str) -> str:
    """Full-width digits, letters and signs as ASCII and traditional characters as simplified,
    one character for one (so `len(fold(line)) == len(line)`).

    str.translate looks up every character of the line in FOLD (some 60 ns each); a line of
    simplified text with a full-width 5% or an ideographic space has only those few to change, so
    they alone are replaced (3× faster over the development corpora). A line of traditional text,
    with many to change, is translated whole."""
    found = _FOLDABLE.findall(line)
    if not found:
        return line
    if len(found) * _FEW_TO_FOLD > len(line):
        return line.translate(FOLD)
    return _FOLDABLE.sub(_fold_match, line)


_FEW_TO_FOLD = 8  # at most one character in eight to change: replaced one by one


def _fold_match(match: re.Match) -> str:
    return match[0].translate(FOLD)


@dataclass(frozen=True)
class MappedText:
    text: str                       # normalised; "\n" only where a paragraph ends
    starts: tuple[int, ...]         # offset in `text` where each kept source line begins
    numbers: tuple[int, ...]        # 1-based number of that source line
    originals: dict[int, str]       # source line number → the line as written

    def line_of(self, pos: int) -> int:
        """Source line of the character at `pos` (a paragraph's "\\n" belongs to the line it ends)."""
        return self.numbers[max(bisect_right(self.starts, pos) - 1, 0)]

    def snippet(self, start: int, end: int, on_line: int | None = None) -> tuple[int, str]:
        """(line, exact source text) of the span [start, end) on one line: by default the line of its end."""
        line = on_line if on_line is not None else self.line_of(end - 1)
        raw = self.originals.get(line)
        if raw is None:
            return line, ""
        begin = self.starts[bisect_right(self.numbers, line) - 1]  # numbers ascend with starts
        lo, hi = max(start, begin), min(end, begin + len(raw))  # a folded line is as long as the raw one
        return line, raw[lo - begin: hi - begin].strip() if lo < hi else ""


def map_lines(lines: list[str], first_line: int = 1) -> MappedText:
    """Join `lines` (numbered from `first_line`) into one scan-ready string."""
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    originals: dict[int, str] = {}
    offset = 0
    for k, raw in enumerate(lines):
        folded = fold(raw)
        if not folded.strip():
            continue
        number = first_line + k
        originals[number] = raw
        starts.append(offset)
        numbers.append(number)
        parts.append(folded)
        offset += len(folded)
        if folded.rstrip()[-1] in _PARAGRAPH_END:
            parts.append("\n")
            offset += 1
    return MappedText("".join(parts), tuple(starts), tuple(numbers), originals)
