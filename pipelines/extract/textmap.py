"""Normalised text that remembers where every character came from.

Extractors scan one string per document: full-width digits and signs folded to ASCII
(one character for one, so offsets hold), and lines broken mid-sentence (PDF page breaks
split 社|会, 规模以|上, 控制在|3%以内) joined. Each character keeps its source line and
column, so a fact found anywhere still names its line and quotes the exact source text.
"""
from __future__ import annotations

from dataclasses import dataclass

FOLD = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
    "％": "%", "．": ".", "～": "~", "－": "-", "＋": "+", "\u3000": " ", "\t": " ",
})
# A line ending in one of these ends a paragraph; any other line break is a wrap, joined.
_PARAGRAPH_END = set("。！？!?：:；;”」』")


@dataclass(frozen=True)
class MappedText:
    text: str                       # normalised; "\n" only where a paragraph ends
    line: tuple[int, ...]           # 1-based source line of each character
    col: tuple[int, ...]            # column of each character in its source line (-1 for "\n")
    originals: dict[int, str]       # source line number → the line as written

    def line_of(self, pos: int) -> int:
        return self.line[min(max(pos, 0), len(self.line) - 1)]

    def snippet(self, start: int, end: int, on_line: int | None = None) -> tuple[int, str]:
        """(line, exact source text) of the span [start, end) on one line: by default the line of its end."""
        line = on_line if on_line is not None else self.line_of(end - 1)
        cols = [self.col[i] for i in range(max(start, 0), min(end, len(self.col)))
                if self.line[i] == line and self.col[i] >= 0]
        if not cols:
            return line, ""
        return line, self.originals[line][min(cols): max(cols) + 1].strip()


def map_lines(lines: list[str], first_line: int = 1) -> MappedText:
    """Join `lines` (numbered from `first_line`) into one scan-ready string."""
    chars: list[str] = []
    line_of: list[int] = []
    col_of: list[int] = []
    originals: dict[int, str] = {}
    for k, raw in enumerate(lines):
        folded = raw.translate(FOLD)
        if not folded.strip():
            continue
        number = first_line + k
        originals[number] = raw
        chars.extend(folded)
        line_of.extend([number] * len(folded))
        col_of.extend(range(len(folded)))
        if folded.rstrip()[-1] in _PARAGRAPH_END:
            chars.append("\n")
            line_of.append(number)
            col_of.append(-1)
    return MappedText("".join(chars), tuple(line_of), tuple(col_of), originals)
