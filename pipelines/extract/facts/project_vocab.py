"""The word lists of projects that both the finder (projects) and the judge of names (project_names) read.

Facility nouns (vocab/project_heads.txt: 项目, 工程, 公路, 水库 …) and which of them a name ends with; the
words around a noun that make it no facility's end (vocab/project_head_continuations.txt: 路 of 路网,
电路 of 集成电路); words that make a candidate no name (vocab/project_reject.txt).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..vocabulary import read_list


@lru_cache(maxsize=1)
def heads() -> tuple[str, ...]:
    return tuple(sorted(read_list("project_heads.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def reject_words() -> tuple[str, ...]:
    return tuple(read_list("project_reject.txt"))


@lru_cache(maxsize=1)
def reject_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in reject_words()))


@lru_cache(maxsize=1)
def _longest_head() -> int:
    return max(map(len, heads()))


def suffix_heads(name: str) -> tuple[str, ...]:
    """Every facility noun `name` ends with, longest first."""
    return _suffix_heads_of_tail(name[-_longest_head():])  # the nouns a name ends with lie in its tail


@lru_cache(maxsize=16384)
def _suffix_heads_of_tail(tail: str) -> tuple[str, ...]:
    """Cached per tail: names are many, their last few characters far fewer (…建设项目, …高速公路)."""
    known = head_set()
    return tuple(tail[-k:] for k in range(len(tail), 0, -1) if tail[-k:] in known)  # longest first


@lru_cache(maxsize=1)
def head_set() -> frozenset[str]:
    return frozenset(heads())


class _Continuations(NamedTuple):
    """vocab/project_head_continuations.txt, read once: words a facility noun's last characters
    begin (路网, 工程师), words after a noun that make it describe something else (+集群), words
    that end in a noun without naming a facility (-集成电路)."""

    inside: re.Pattern
    after: re.Pattern
    false_heads: tuple[str, ...]
    false_ends: frozenset[str]
    starts: frozenset[str]


@lru_cache(maxsize=1)
def _continuations() -> _Continuations:
    words = read_list("project_head_continuations.txt")
    inside = [w for w in words if not w.startswith(("+", "-"))]
    after = [w[1:] for w in words if w.startswith("+")]
    false_heads = tuple(w[1:] for w in words if w.startswith("-"))
    starts = frozenset([w[k] for w in inside for k in (1, 2) if k < len(w)] + [w[0] for w in after])
    return _Continuations(alternation(inside), alternation(after), false_heads,
                          frozenset(w[-1] for w in false_heads), starts)


def alternation(words) -> re.Pattern:
    """One pattern matching any of `words`, longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def false_head(item: str, end: int) -> bool:
    """Whether the noun ending at `end` is the end of a longer word that names no facility (电路)."""
    c = _continuations()
    return item[end - 1] in c.false_ends and any(item.startswith(w, end - len(w)) for w in c.false_heads)


def continued(item: str, end: int) -> bool:
    """Whether the noun ending at `end` runs on into a longer word (路 + 网) or describes what follows (+ 集群)."""
    c = _continuations()
    if end >= len(item) or item[end] not in c.starts:
        return False
    inside, after = c.inside, c.after
    return after.match(item, end) is not None or any(
        (m := inside.match(item, end - k)) is not None and m.end() > end for k in (1, 2))
