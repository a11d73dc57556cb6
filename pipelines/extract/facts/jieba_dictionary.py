"""jieba's dictionary, read once per process.

The targets' segmenter and the project-name tagger each need a tokenizer with user words of their
own. A new jieba.Tokenizer reads the dictionary again on first use (0.5 s from jieba's cache file
here); a copy of the prefix dictionary already in memory takes a few milliseconds.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _prefix_dictionary() -> tuple[dict[str, int], int]:
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


def new_tokenizer():
    """A jieba.Tokenizer on the default dictionary, ready to take user words of its own."""
    import jieba

    freq, total = _prefix_dictionary()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(freq), total, True
    return tokenizer
