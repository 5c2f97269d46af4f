"""Order rows by one or several keys (``rank_by`` an attribute, §5.2.4), vectorised.

Exactly the reference (``ranking/ordering.py``): per key, null sorts before every value, so nulls
come first ascending and last descending; ties keep document order (row order); keys compare
lexicographically, each in its own direction. For the first ``k`` only, the first key's ``k``-th
value is found by a partial sort (``np.partition``) and only the rows that can still be among the
first ``k`` (that value's ties included) are sorted, by ``np.lexsort`` (stable) on all keys.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .keys import Key, descending

Array = np.ndarray[Any, Any]


def _sortable(key: Key, desc: bool) -> tuple[Array, Array]:
    """(nulls-position, value) arrays that sort ascending in the key's direction."""
    if desc:
        return ~key.present, descending(key.ordinal)
    return key.present, key.ordinal


def _kth_smallest(values: Array, k: int) -> Any:
    return np.partition(values, k - 1)[k - 1]


def _may_lead(first: tuple[Array, Array], k: int) -> Array:
    """Positions that can be among the first ``k`` by the first key alone (ties at the cut included)."""
    rank_nulls, values = first
    head = ~rank_nulls  # the rows this key puts first (nulls ascending, values descending)
    heads = int(head.sum())
    if heads >= k:
        return np.flatnonzero(head & (values <= _kth_smallest(values[head], k)))
    tail = ~head
    cut = _kth_smallest(values[tail], k - heads)
    return np.flatnonzero(head | (tail & (values <= cut)))


def order_rows(rows: Array, keys: list[tuple[Key, bool]], k: int | None) -> Array:
    """``rows`` (ascending) ordered by ``keys`` ((key, descending) pairs); only the first ``k`` when given."""
    sortable = [_sortable(key, desc) for key, desc in keys]
    positions: Array | None = None
    if k is not None and k < len(rows) and sortable:
        positions = _may_lead(sortable[0], k)
        sortable = [(nulls[positions], values[positions]) for nulls, values in sortable]
    lex: list[Array] = []
    for nulls, values in reversed(sortable):  # np.lexsort: the last array is the primary key
        lex.append(values)
        lex.append(nulls)
    order = np.lexsort(lex) if lex else np.arange(len(rows) if positions is None else len(positions))
    if k is not None:
        order = order[:k]
    return rows[order if positions is None else positions[order]]
