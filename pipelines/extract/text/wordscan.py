"""Many fixed words found in a text in one pass, in compiled code.

Place names (5,000 of them), facility nouns and status phrases are each one Aho-Corasick DFA
(ahocorasick-rs): a text is read once in Rust whatever the number of words, about 25 ns a
character, where a Python-level automaton spent 350 ns on a root with thousands of branches.
Single characters (sentence and clause marks) are found by numpy over the code points, without a
match object each.
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from collections.abc import Iterable

import ahocorasick_rs
import numpy as np


def char_offsets(text: str, chars: str) -> list[int]:
    """Offsets of every occurrence of any of `chars` in `text`, in order."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")  # one per character
    hit = points == ord(chars[0])
    for char in chars[1:]:  # a few comparisons: np.isin sorts, six times slower here
        hit |= points == ord(char)
    return np.flatnonzero(hit).tolist()


class WordScanner:
    """Every occurrence of any of `words` in a text, overlapping ones included."""

    def __init__(self, words: Iterable[str]):
        self.words: tuple[str, ...] = tuple(dict.fromkeys(w for w in words if w))  # unique, in order
        self._automaton = ahocorasick_rs.AhoCorasick(
            self.words, matchkind=ahocorasick_rs.MatchKind.Standard,
            implementation=ahocorasick_rs.Implementation.DFA)

    def occurrences(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) of every occurrence, in order of end; offsets count characters."""
        words = self.words
        return [(words[i], start, end) for i, start, end in self.spans(text)]

    def spans(self, text: str) -> list[tuple[int, int, int]]:
        """(word id, start, end) of every occurrence, in order of end: what occurrences() gives, unnamed."""
        return self._automaton.find_matches_as_indexes(text, overlapping=True)

    def index(self, text: str) -> Occurrences:
        """Every occurrence in `text`, scanned once, for questions about its stretches."""
        found = sorted((start, end) for _, start, end in self.spans(text))
        return Occurrences([start for start, _ in found], [end for _, end in found])


class Occurrences:
    """Spans of one text ordered by start (words found in it, or any marks): whether a sentence or
    clause holds one is then a lookup, not another scan of it. Every span holds a character (end > start)."""

    def __init__(self, starts: list[int], ends: list[int]):
        self.starts, self.ends = starts, ends
        # first_end[i]: the earliest end among the spans from the i-th on. A span starting at or after
        # `start` ends by `end` exactly when the earliest such end does (a span ends after it starts).
        self._first_end = list(accumulate(reversed(ends), min))[::-1]

    def any_within(self, start: int, end: int) -> bool:
        """Whether a span lies wholly inside [start, end)."""
        i = bisect_left(self.starts, start)
        return i < len(self._first_end) and self._first_end[i] <= end
