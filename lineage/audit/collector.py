"""The audit runs with Python's cyclic garbage collector paused.

Why: an audit builds several small objects per node (facts, word sets, pairs, graph entries),
hundreds of thousands at once, and creates no reference cycles it would need collected. Each
full collection the allocations trigger walks the whole heap, which grows with the cascade, so
with the collector running the audit's time grew faster than the cascade (in one run on a shared
2-core machine, 100,000 indicators took 14.6x the CPU time of 10,000; 11.7x paused; measure with
`scripts/audit_benchmark.py`). Memory freed by
reference counting is freed as before; the collector runs again as soon as the last audit running
in the process ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

_lock = threading.Lock()
_running = 0
#: Whether the collector was enabled when the first audit of those now running began.
_was_enabled = False

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector for the block; audits may nest or run in several threads at once:
    the collector is enabled again (if it was before) when the last one ends."""
    global _running, _was_enabled
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _was_enabled:
                gc.enable()


def paused(function: Callable[P, R]) -> Callable[P, R]:
    """`function`, run with the collector paused (`collector_paused`)."""

    @wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return function(*args, **kwargs)

    return run
