"""Where the extractors' data lives: vocab/ (our own word lists, one kind of word a file, each with a
header saying what its words do) and data/ (others' data sets, with their licences and sources).

Every part of extract/ (text, documents, facts) and the Dagster side (the indicator dimension, the
charts' names) reads its files through these paths, so a module's place in the package does not
decide where its words are.
"""
from __future__ import annotations

from pathlib import Path

VOCAB = Path(__file__).parent / "vocab"
DATA = Path(__file__).parent / "data"


def read_list(name: str) -> list[str]:
    """The words of vocab/<name>, one a line; blank lines and lines starting with # are skipped."""
    lines = (VOCAB / name).read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]
