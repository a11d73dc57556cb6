"""Place names in text → division codes.

Full names (黄岛区), short names (黄岛), aliases from `vocab/region_aliases.csv` (西海岸新区),
with ambiguity settled by a parent named nearby (青岛市黄岛区) or by the rest of the text
(大安市 in 吉林 vs 大安区 in 自贡; 朝阳区 six times over).
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping, NamedTuple

from ..text.wordscan import WordScanner
from ..vocabulary import VOCAB, read_list
from .divisions import NATIONAL_CODE, Division, FormerName, load_divisions, load_history

_NATIONAL_MARKERS = re.compile(r"国务院|全国人民代表大会|中央人民政府")
# A short name glued to one of these is an organisation or a street, not the place (安庆路, 济南路).
_NOT_PLACE_AFTER = tuple("路街道桥")
# Place votes read the opening of a text only: enough for any report, bounded for a 10 MB file.
MAX_SCAN_CHARS = 100_000
MAX_TITLE_CHARS = 200
_YEARS_AROUND = 2  # a report may use a division's old name a year or two after it changed
FIRST_LISTED_YEAR = 1981  # the division-code history starts here: a code listed then was in use before


class Mention(NamedTuple):
    start: int
    end: int
    text: str
    codes: tuple[str, ...]
    kinds: tuple[str, ...]  # per code: "full", "short" or "alias"


class RegionIndex:
    """Looks up every division name in a text; pure and reusable across documents."""

    def __init__(self, divisions: tuple[Division, ...], aliases: dict[str, str], stoplist: set[str],
                 generic: frozenset[str] = frozenset(), former_names: tuple[FormerName, ...] = ()):
        self.by_code = {d.code: d for d in divisions}
        self._generic = generic  # 城区: a place only right after its parent's name
        self._names: dict[str, list[tuple[str, str]]] = {}
        # The years (first, first after) a name stood for a code: 萧山市 330181 1990–2001.
        self._windows: dict[tuple[str, str], tuple[int | None, int | None]] = {}
        for d in divisions:
            if d.level_code == "national":
                continue
            self._add(d.name, d.code, "full", (d.valid_from, d.valid_to))
        for f in former_names:
            if f.code in self.by_code:
                self._add(f.name, f.code, "full", (f.valid_from, f.valid_to))
        for d in divisions:  # a retired county's short form (动力, 公园, 市区) is a word long before a place
            if d.valid_to is not None and d.level_code not in ("province", "prefecture"):
                continue
            if d.short_name and d.short_name not in stoplist and d.level_code != "national":
                self._add(d.short_name, d.code, "short", (d.valid_from, d.valid_to))
        for alias, code in aliases.items():
            if code in self.by_code:
                self._add(alias, code, "alias", (None, None))
        self._scanner = WordScanner(self._names)  # a text is read once for every name
        # Per name, (codes, kinds) of a mention: of every entry, and of the full names only.
        self._mention_fields = {name: (_fields(entries), _fields([e for e in entries if e[0] == "full"]))
                                for name, entries in self._names.items()}
        self._votes_of = lru_cache(maxsize=4)(self._count_votes)
        self._in_force = lru_cache(maxsize=1 << 16)(self._in_force_of)  # the same names recur in every text
        # Names whose every division has stood since the list began: in force in any year, nothing to work out.
        self._timeless = frozenset(name for name, entries in self._names.items()
                                   if all(self._always(name, code) for _, code in entries))

    def _add(self, name: str, code: str, kind: str, window: tuple[int | None, int | None]) -> None:
        entries = self._names.setdefault(name, [])
        if (name, code) in self._windows:  # the same name for the same code in two periods: one entry
            (lo, hi), (lo2, hi2) = self._windows[(name, code)], window
            self._windows[(name, code)] = (None if lo is None or lo2 is None else min(lo, lo2),
                                           None if hi is None or hi2 is None else max(hi, hi2))
            return
        if kind == "full" or not any(k == "full" for k, _ in entries):
            entries.append((kind, code))
            self._windows[(name, code)] = window
        # A full name shadows short names and aliases spelled the same (吉林市 is not 吉林).

    def _always(self, name: str, code: str) -> bool:
        lo, hi = self._windows.get((name, code), (None, None))
        return hi is None and (lo is None or lo <= FIRST_LISTED_YEAR)

    def _in_force_of(self, name: str, codes: tuple[str, ...], kinds: tuple[str, ...], year: int | None
                  ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The candidates of a name that stood for their division in `year` (today's when no year is
        known); when none did, the nearest in time: a report is placed as the divisions were then."""
        distance = [self._years_off(name, c, year) for c in codes]
        # A name that no longer stands for its division (崇文区, 萧山市, 市区 of 濮阳) counts only in a text
        # of its years: with no year, or years away from them, it is a word or another era's name.
        alive = [i for i, c in enumerate(codes)
                 if self._windows.get((name, c), (None, None))[1] is None or (year is not None and distance[i] <= _YEARS_AROUND)]
        if not alive:
            return (), ()
        best = min(distance[i] for i in alive)
        keep = [i for i in alive if distance[i] == best]
        return tuple(codes[i] for i in keep), tuple(kinds[i] for i in keep)

    def _years_off(self, name: str, code: str, year: int | None) -> int:
        lo, hi = self._windows.get((name, code), (None, None))
        if year is None:
            return 0 if hi is None else 1
        lo = None if lo is not None and lo <= FIRST_LISTED_YEAR else lo  # the list starts in 1981: in use since
        if lo is not None and year < lo:
            return lo - year
        if hi is not None and year >= hi:
            return year - hi + 1
        return 0

    def mentions(self, text: str, year: int | None = None) -> list[Mention]:
        """Longest names first, left to right, no overlaps; each with the divisions it named in `year`."""
        # Every occurrence of every name, as (start, -length): per start, the longest comes first.
        found = sorted((start, -end) for _, start, end in self._scanner.spans(text))
        out, cursor = [], 0
        for start, neg_end in found:
            if start < cursor:
                continue
            end = -neg_end
            name = text[start:end]
            every, full_only = self._mention_fields[name]
            after = text[end: end + 1]
            codes, kinds = full_only if after and after in _NOT_PLACE_AFTER else every
            if name in self._generic:
                codes, kinds = self._under_parent(out[-1] if out and out[-1].end == start else None, codes, kinds)
            if not codes:
                continue  # 安庆路: a shorter name at the same start may still be a place
            if name not in self._timeless:
                codes, kinds = self._in_force(name, codes, kinds, year)
                if not codes:
                    continue
            out.append(Mention(start, end, name, codes, kinds))
            cursor = end
        return out

    def _under_parent(self, before: Mention | None, codes: tuple[str, ...], kinds: tuple[str, ...]
                      ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The candidates of a generic name (城区) whose parent is the mention right before it, if any."""
        if before is None:
            return (), ()
        keep = [(c, k) for c, k in zip(codes, kinds) if self.ancestors(c) & set(before.codes)]
        return tuple(c for c, _ in keep), tuple(k for _, k in keep)

    def ancestors(self, code: str) -> set[str]:
        d = self.by_code[code]
        return {c for c in (d.province_code, d.prefecture_code) if c and c != code}

    def _rank(self, code: str) -> int:
        order = ("national", "province", "prefecture", "county_level_city", "county", "district")
        return order.index(self.by_code[code].level_code)

    def resolve_title(self, title: str, context: str = "", year: int | None = None) -> str | None:
        """The one division a title is about: the most specific name, its parents deciding ambiguity.

        `context` (the body) breaks ties that the title leaves open.
        """
        title = title[:MAX_TITLE_CHARS * 4]
        if _NATIONAL_MARKERS.search(title):
            return NATIONAL_CODE
        found = self.mentions(title, year)
        if not found:
            return None
        if len(found) == 1 and len(found[0].codes) == 1:
            return found[0].codes[0]  # nothing to weigh: the body's votes are not needed
        body_votes = self.prefecture_votes(context, year) if context else {}
        # 吉林 beside 吉林省 is the province again, not 吉林市: a short form whose candidates include a
        # division named in full elsewhere in the title refers to that division.
        named_in_full = {m.codes[0] for m in found if len(m.codes) == 1 and m.kinds[0] == "full"}
        found = [m._replace(codes=tuple(c for c in m.codes if c in named_in_full),
                            kinds=tuple(k for c, k in zip(m.codes, m.kinds) if c in named_in_full))
                 if len(m.codes) > 1 and named_in_full & set(m.codes) else m for m in found]
        best, best_key = None, None
        for m in found:
            for code, kind in zip(m.codes, m.kinds):
                others = {c for o in found if o is not m for c in o.codes}
                parents_named = len(self.ancestors(code) & others)
                d = self.by_code[code]
                key = (
                    parents_named,
                    kind != "short",                      # 大安市 written in full beats 大安 as a short form
                    # with a parent named, the most specific; for a bare ambiguous short form, the highest level
                    self._rank(code) if parents_named or len(m.codes) == 1 else -self._rank(code),
                    body_votes.get(d.prefecture_code or d.province_code or code, 0),
                    -len(m.codes),
                )
                if best_key is None or key > best_key:
                    best, best_key = code, key
        return best

    def prefecture_votes(self, text: str, year: int | None = None) -> Mapping[str, float]:
        """Mentions per prefecture (or province, for its own name) across a text.

        Ambiguous names split their vote; a county or district also votes for its prefecture.
        Placing a document asks this of the same text up to three times: the last few answers are kept.
        """
        return self._votes_of(text, year)

    def _count_votes(self, text: str, year: int | None) -> Mapping[str, float]:
        votes: Counter = Counter()
        for m in self.mentions(text[:MAX_SCAN_CHARS], year):
            share = 1.0 / len(m.codes)
            for code, kind in zip(m.codes, m.kinds):
                d = self.by_code[code]
                if kind == "short" and d.level_code not in ("province", "prefecture"):
                    continue  # 资源 is a word long before it is 资源县: short forms of counties only in titles
                if d.level_code == "province":
                    votes[code] += share * 0.5
                else:
                    votes[d.prefecture_code or code] += share
        return MappingProxyType(votes)  # shared by every caller of the cache: read-only

    def dominant_at_levels(self, text: str, levels: tuple[str, ...], year: int | None = None) -> str | None:
        """The division of one of `levels` that a text names most in full (or by alias), at least twice."""
        counts: Counter = Counter()
        for m in self.mentions(text[:MAX_SCAN_CHARS], year):
            hits = [c for c, k in zip(m.codes, m.kinds) if k != "short" and self.by_code[c].level_code in levels]
            for code in hits:
                counts[code] += 1.0 / len(hits)
        if not counts:
            return None
        code, count = counts.most_common(1)[0]
        return code if count >= 2 else None

    def dominant_city(self, text: str, year: int | None = None) -> str | None:
        """The prefecture-level place a text talks about most (a local paper's own city)."""
        votes = Counter({c: v for c, v in self.prefecture_votes(text, year).items()
                         if self.by_code[c].level_code != "province"})
        if not votes:
            return None
        code, count = votes.most_common(1)[0]
        return code if count >= 2 else None


def _fields(entries: list[tuple[str, str]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(code for _, code in entries), tuple(kind for kind, _ in entries)


def _load_aliases() -> dict[str, str]:
    with (VOCAB / "region_aliases.csv").open(encoding="utf-8", newline="") as f:
        return {row["alias"].strip(): row["city_code"].strip() for row in csv.DictReader(f)}


@lru_cache(maxsize=1)
def default_index() -> RegionIndex:
    return RegionIndex(load_divisions(), _load_aliases(), set(read_list("short_name_stoplist.txt")),
                       frozenset(read_list("generic_division_names.txt")), load_history()[1])
