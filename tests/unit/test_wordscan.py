"""The one-pass scanners of extract/text/wordscan.py against the plain Python they replace."""
from __future__ import annotations

import random
import re

from pipelines.extract.text.wordscan import Occurrences, WordScanner, char_offsets


def test_any_within_agrees_with_checking_every_span():
    rng = random.Random(7)
    for _ in range(300):
        spans = sorted((s, s + rng.randint(1, 6)) for s in (rng.randint(0, 60) for _ in range(rng.randint(0, 12))))
        found = Occurrences([s for s, _ in spans], [e for _, e in spans])
        for start in range(0, 70, 3):
            for end in range(start, 75, 4):
                assert found.any_within(start, end) == any(start <= s and e <= end for s, e in spans), (spans, start, end)


def test_a_scanner_finds_overlapping_words_and_answers_for_stretches():
    text = "新建高速公路和公路桥，改造水库。"
    scanner = WordScanner(["高速公路", "公路", "公路桥", "水库"])
    assert sorted(scanner.occurrences(text)) == sorted([("高速公路", 2, 6), ("公路", 4, 6), ("公路", 7, 9),
                                                        ("公路桥", 7, 10), ("水库", 13, 15)])
    index = scanner.index(text)
    assert index.any_within(0, 10) and index.any_within(7, 9) and not index.any_within(8, 12)
    assert char_offsets(text, "，。") == [m.start() for m in re.finditer("[，。]", text)]
