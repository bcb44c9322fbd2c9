"""A function over items in forked worker processes, results in the items' order, a bounded number ahead.

Why forked: a worker started by `spawn` imports Talkgraph and loads the vocabulary and linker again (2.6-3
CPU-s, benchmarks/README.md), more than a whole small ingest; a forked one inherits them for nearly nothing.
The parent may hold an open store (RocksDB and its threads): the workers never touch it (they only compute
and send back their results), they are forked while no thread of ours is inside the store (FORK_GATE), and
they leave with os._exit (multiprocessing's forked processes do), so nothing of the parent's is flushed or
closed twice.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from talkgraph.graph.rdf.isolation import FORK_GATE

T = TypeVar("T")
R = TypeVar("R")

# What the workers run, set in the parent just before they are forked: tasks then send only an index (the
# function and the items need not be picklable, and are not copied once per task).
_WORK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _run(index: int) -> Any:
    assert _WORK is not None, "a forked worker inherits _WORK from its parent"
    function, items = _WORK
    return function(items[index])


@contextmanager
def forked_map(function: Callable[[T], R], items: Sequence[T], jobs: int, ahead: int = 0) -> Iterator[Iterator[R]]:
    """function(item) for every item, computed by `jobs` forked processes, given in the items' order. At most
    `ahead` results (default 2 per worker) are computed or waiting beyond the one being taken, so the memory
    they hold stays bounded when the consumer is the slower side. The workers stop when the block ends."""
    global _WORK
    ahead = ahead or 2 * jobs
    with FORK_GATE.forking():
        _WORK = (function, items)
        try:
            pool = multiprocessing.get_context("fork").Pool(jobs)
        finally:
            _WORK = None  # the workers have their copy; the parent keeps no reference to the items
    try:
        yield _ordered(pool, len(items), ahead)
    finally:
        pool.terminate()
        pool.join()


def _ordered(pool, count: int, ahead: int) -> Iterator[Any]:
    pending: deque = deque()
    submitted = 0
    while submitted < count or pending:
        while submitted < count and len(pending) <= ahead:
            pending.append(pool.apply_async(_run, (submitted,)))
            submitted += 1
        yield pending.popleft().get()
