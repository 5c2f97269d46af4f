"""Growable numpy arrays: capacity doubles, so appending a row is amortised O(1)."""

from __future__ import annotations

from typing import Any

import numpy as np

MIN_CAPACITY = 64


def capacity_for(rows: int) -> int:
    """The capacity to allocate so ``rows`` fit with room to grow."""
    capacity = MIN_CAPACITY
    while capacity < rows:
        capacity *= 2
    return capacity


def grown(array: np.ndarray[Any, Any], rows: int) -> np.ndarray[Any, Any]:
    """``array`` itself when ``rows`` fit, else a copy with a larger capacity (new slots zeroed)."""
    if rows <= len(array):
        return array
    out = np.zeros(capacity_for(rows), dtype=array.dtype)
    out[: len(array)] = array
    return out
