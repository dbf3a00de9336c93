"""The process pool that parses files for ``kb build``, whose workers die with the build.

A builder killed mid-way (``kill -9``, a cron timeout, the OOM killer) must leave nothing
running. A plain ``ProcessPoolExecutor``'s workers would live on, orphaned, waiting for
work that never comes. Each worker here asks Linux to kill it when its parent dies
(``prctl(PR_SET_PDEATHSIG)``), and on every system also watches its parent from a thread
and exits when it is gone.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_INTERVAL_S = 0.5


def parse_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes that end when this process ends."""
    # the death signal follows the thread that started the worker: use it only when that
    # is the main thread, whose end is the end of the process
    main = threading.current_thread() is threading.main_thread()
    return ProcessPoolExecutor(
        max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(), main)
    )


def _die_with_parent(parent: int, signal_on_death: bool) -> None:
    if signal_on_death and sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl here: the watching thread below does the work
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while True:
        time.sleep(WATCH_INTERVAL_S)
        if os.getppid() != parent:
            os._exit(1)
