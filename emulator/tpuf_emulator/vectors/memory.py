"""Give freed heap memory back to the operating system after bulk work (glibc ``malloc_trim``).

Why: a bulk write parses megabytes of short-lived JSON (base64 strings about the size of a vector)
between the long-lived vector arrays it stores, and a fold copies its batches; once freed, those
holes stay resident because glibc only returns the top of the heap on its own. Measured at
100k x 768 in process: resident memory 1.73-1.84x the raw vector bytes before a trim, 1.60x after.
``malloc_trim(0)`` releases every whole free page of every arena; it took 2-5 ms at that size, so
callers run it after bulk work only, at most once per ``MIN_INTERVAL_S``. A no-op without glibc.

One malloc arena for the whole process (``M_ARENA_MAX`` = 1, set when this module is imported,
unless ``MALLOC_ARENA_MAX`` is set in the environment): glibc otherwise gives threads their own
arenas (the background fold, usearch's insertion threads, the server's worker threads), and what
those arenas keep after a fold stays resident next to the main heap. Measured in process at
200k x 768 (documents + flushed index): 4,764 -> 4,686 bytes/doc, index build 37.4 s -> 39.0 s
(noise on this machine); ``benchmarks.index_bench 100000`` ANN p50 0.62-0.63 ms and filtered p50
1.31-1.33 ms either way. Contention is not a concern: Python code allocates under the GIL anyway.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
import time
from collections.abc import Callable

MIN_INTERVAL_S = 1.0

_lock = threading.Lock()
_last = 0.0


M_ARENA_MAX = -8  # mallopt parameter number (glibc malloc.h)


def _load_libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


def _load_trim(libc: ctypes.CDLL | None) -> Callable[[int], int] | None:
    return getattr(libc, "malloc_trim", None) if libc is not None else None


def _single_arena(libc: ctypes.CDLL | None) -> None:
    mallopt = getattr(libc, "mallopt", None) if libc is not None else None
    if mallopt is not None and _trim is not None and "MALLOC_ARENA_MAX" not in os.environ:
        mallopt(M_ARENA_MAX, 1)


_libc = _load_libc()
_trim = _load_trim(_libc)
_single_arena(_libc)


def release_free_memory(force: bool = False) -> None:
    """Return free heap pages to the system (skipped if one ran less than ``MIN_INTERVAL_S`` ago)."""
    global _last
    if _trim is None:
        return
    with _lock:
        now = time.monotonic()
        if not force and now - _last < MIN_INTERVAL_S:
            return
        _last = now
    _trim(0)


TRIM_DELAY_S = 0.5
_pending: threading.Timer | None = None


def release_free_memory_soon() -> None:
    """Trim once, ``TRIM_DELAY_S`` from now (coalesced): after the request that did bulk work has
    answered and its parsed body is gone, which a trim inside the request cannot reclaim (measured:
    the text server after a 94k-passage load, 230 -> see fulltext/README.md)."""
    global _pending
    if _trim is None:
        return
    with _lock:
        if _pending is not None:
            return
        _pending = threading.Timer(TRIM_DELAY_S, _run_pending)
        _pending.daemon = True
        _pending.start()


def _run_pending() -> None:
    global _pending
    with _lock:
        _pending = None
    release_free_memory(force=True)
