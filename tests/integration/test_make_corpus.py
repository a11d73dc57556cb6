"""The benchmark corpus: deterministic, every document new, shaped like the seeds."""
from __future__ import annotations

from benchmarks.make_corpus import generate, generate_single, jitter_numbers, seed_files
from pipelines.extract.documents.regions import default_index
from pipelines.extract.documents.split import build_documents
from tests.conftest import SEEDS


def test_the_corpus_is_deterministic_unique_and_splits_like_the_seeds():
    first = list(generate(50, SEEDS))
    assert first == list(generate(50, SEEDS))                   # same arguments, same files
    texts = [t for _, t in first]
    assert len(set(texts)) == len(texts)                        # no file repeats another
    seed_texts = {t for t, _ in seed_files(SEEDS)}
    assert not seed_texts & set(texts)                          # nor a seed file
    docs = [d for name, text in first for d in build_documents(name, text, default_index())]
    assert 45 <= len(docs) <= 55                                # the splitter finds about 50 documents
    # a short article with no place name, number or second paragraph can come out as before
    assert len({d.sha256 for d in docs}) >= 0.95 * len(docs)
    assert sum(d.city_code is not None for d in docs) >= 0.9 * len(docs)
    name, text = generate_single(3, SEEDS)
    assert name not in {n for n, _ in first} and len(build_documents(name, text, default_index())) == 1


def test_jitter_keeps_dates_and_years():
    import random

    text = "2023年7月20日，2021—2025年，1947-7-21 9:34:27，投资80亿元，增长6%左右"
    out = jitter_numbers(text, random.Random(1))
    assert out.startswith("2023年7月20日，2021—2025年，1947-7-21 9:34:27，")
    assert out != text
