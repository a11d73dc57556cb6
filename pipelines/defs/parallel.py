"""Extraction on every core: a pure function mapped over documents in forked worker processes.

Workers are forked from the step's process, so the region index and jieba's dictionary, loaded
once before the pool starts, are shared instead of loaded again. Small batches stay in process:
starting workers costs more than it saves below `MIN_ITEMS`.
"""
from __future__ import annotations

import gc
import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from .. import config

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 24


def map_on_all_cores(fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """fn(item) for each item, in order; on config.workers() processes when there are enough items."""
    items = list(items)
    workers = min(config.workers(), len(items) // 2 or 1)
    if workers < 2 or len(items) < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(fn, items)
        return
    # Items travel in chunks: 8 at a time where there are many (each round trip costs the parent
    # ~0.3 ms, time the workers lose on two cores), fewer where there are few, so no worker idles
    # long at the end: about 32 chunks a worker.
    chunksize = max(1, min(8, len(items) // (workers * 32)))
    # A worker that dies (out of memory, killed) raises BrokenProcessPool here instead of hanging.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_start_worker) as pool:
        yield from pool.map(fn, items, chunksize=chunksize)


def _start_worker() -> None:
    """A worker inherits Dagster's signal handlers, which would turn a stop signal into tracebacks;
    and the step's whole heap, which its garbage collector need not walk again and again (nor copy,
    page by page, by touching it): the inherited objects are frozen out of collection."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
