"""Parse many files on two cores: results come back in the order of the inputs, one at a
time, so a caller can write each as it comes; the workers end with the process that
started them, even when it is killed.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

POOL_MIN_ITEMS = 8  # fewer items are done in-process: starting workers costs more than it saves
MAX_WORKERS = 2
_PARENT_CHECK_SECONDS = 0.5


def _end_with_parent(parent: int) -> None:
    """Worker start-up: leave as soon as the parent is gone. A killed parent cannot stop its
    workers, and a worker waiting for its next job would wait for ever. (Linux's parent-death
    signal is not used: it fires when the *thread* that started the worker ends, which in a
    threaded server is not the end of the parent.)"""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def worker_count(items: int) -> int:
    """How many worker processes ``items`` items are worth (0: do them in-process)."""
    if items < POOL_MIN_ITEMS:
        return 0
    return min(MAX_WORKERS, os.cpu_count() or 1)


def map_in_order(fn: Callable[[T], R], items: Sequence[T], *, chunksize: int = 4) -> Iterator[R]:
    """``fn`` of each item, in the order of ``items``, on up to two worker processes.
    ``fn`` and the items must be picklable (``fn`` a module-level function)."""
    workers = worker_count(len(items))
    if workers < 2:
        for item in items:
            yield fn(item)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(
        max_workers=workers, initializer=_end_with_parent, initargs=(os.getpid(),)
    ) as pool:
        yield from pool.map(fn, items, chunksize=chunksize)
