"""Regex scans that skip text which cannot match: a many-branch pattern tried at every character of
a long document costs more than finding the few stretches where it can match.

A stretch is the text between two break characters (punctuation no match can contain) that holds an
anchor (something every match contains). `finditer` gives exactly `pattern.finditer(text)` when
those two promises hold; callers state them beside the pattern.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

# Punctuation that none of our value patterns (money, dates) can contain.
BREAKS = re.compile(r"[，。；;！？!?、：:（）()“”《》,]")


def finditer(pattern: re.Pattern, text: str, anchor: re.Pattern, breaks: re.Pattern = BREAKS) -> Iterator[re.Match]:
    """pattern.finditer(text), searched only in the stretches between `breaks` that hold an `anchor`."""
    reverse = None
    pos, n = 0, len(text)
    while True:
        hit = anchor.search(text, pos)
        if hit is None:
            return
        if reverse is None:
            reverse = text[::-1]  # a break before the anchor is the first one after it, read backwards
        before = breaks.search(reverse, n - hit.start())
        lo = max(n - before.start(), pos) if before else pos
        after = breaks.search(text, hit.end())
        hi = after.start() if after else n
        yield from pattern.finditer(text, lo, hi)
        pos = hi
