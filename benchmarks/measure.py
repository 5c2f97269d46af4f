"""Small measurement helpers shared by every benchmark section."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np


def percentiles_ms(seconds: list[float]) -> dict[str, float]:
    ms = np.asarray(seconds) * 1000
    return {
        "p50_ms": round(float(np.percentile(ms, 50)), 3),
        "p99_ms": round(float(np.percentile(ms, 99)), 3),
        "mean_ms": round(float(ms.mean()), 3),
    }


def time_calls(fn: Callable[[], Any], repeat: int) -> list[float]:
    """Wall time of ``repeat`` calls of ``fn`` (seconds each)."""
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def best_of(fn: Callable[[], Any], repeat: int) -> float:
    """Fastest of ``repeat`` runs (seconds): the least noisy estimate of a fixed cost."""
    return min(time_calls(fn, repeat))


def rss_bytes(pid: int | None = None) -> int:
    import psutil

    return psutil.Process(pid).memory_info().rss


def recall_at(found: list[list[Any]], truth: list[list[Any]], k: int) -> float:
    hits = sum(len(set(f[:k]) & set(t[:k])) for f, t in zip(found, truth, strict=True))
    return round(hits / (k * len(truth)), 4)


class NotMeasured(Exception):
    """A section could not run (a dependency is missing); the reason goes into the report."""
