"""``SortedColumn``: one numeric attribute's values sorted once, so range filters do not scan.

Built lazily from the documents the first time a range (``Lt``/``Lte``/``Gt``/``Gte``) on the
attribute is narrowed: the values in one numpy array (int64 when every value is an int, float64
otherwise) sorted together with their ids. Writes do not re-sort: the ids they touch are kept in
``dirty`` and added to every answer, which stays a SUPERSET of the matches (the query layer tests
each candidate exactly); once ``dirty`` grows past an eighth of the column it is dropped and
rebuilt on the next range query. 16 bytes per indexed document (a value and an id pointer).

Null rules (``filters/evaluate.py``): ``Lt``/``Lte`` also match documents missing the attribute,
so those are narrowed only when every document had a value when the column was built (a document
written since is in ``dirty`` anyway). Anything it cannot represent exactly (a string or array
value, an int beyond int64, an int beyond 2^53 among floats, a non-numeric bound) yields ``None``:
"scan as before".
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import numpy as np

RANGE_OPS = ("Lt", "Lte", "Gt", "Gte")
_EXACT_FLOAT_INT = 2**53
_INT64 = (-(2**63), 2**63 - 1)


class SortedColumn:
    def __init__(self, values: np.ndarray, ids: np.ndarray, complete: bool) -> None:
        self.values = values
        self.ids = ids
        self.complete = complete
        self.dirty: set[Hashable] = set()

    @classmethod
    def build(cls, attr: str, docs: Mapping[Any, dict[str, Any]]) -> SortedColumn | None:
        """The sorted column of ``attr``, or None when its values are not all ints/floats."""
        ids: list[Any] = []
        values: list[Any] = []
        for doc_id, doc in docs.items():
            value = doc.get(attr)
            if value is None:
                continue
            if type(value) is not int and type(value) is not float:  # bools, strings, arrays...
                return None
            ids.append(doc_id)
            values.append(value)
        kinds = set(map(type, values))
        if kinds <= {int}:
            if values and (min(values) < _INT64[0] or max(values) > _INT64[1]):
                return None
            array = np.asarray(values, dtype=np.int64)
        else:
            if any(type(v) is int and abs(v) > _EXACT_FLOAT_INT for v in values):
                return None
            array = np.asarray(values, dtype=np.float64)
        order = np.argsort(array, kind="stable")
        id_array = np.empty(len(ids), dtype=object)
        id_array[:] = ids
        return cls(array[order], id_array[order], complete=len(ids) == len(docs))

    def __len__(self) -> int:
        return len(self.values)

    def touch(self, ids: Iterable[Hashable]) -> None:
        self.dirty.update(ids)

    @property
    def stale(self) -> bool:
        return len(self.dirty) > max(4_096, len(self.values) // 8)

    def candidates(self, op: str, bound: Any, at_most: int | None = None) -> set[Any] | None:
        """A superset of the ids whose value satisfies ``value <op> bound``, or None (also when
        there are more than ``at_most`` of them)."""
        if op in ("Lt", "Lte") and not self.complete:
            return None
        limits = self._bound(op, bound)
        if limits is None:
            return None
        op, bound = limits
        values = self.values
        if op == "Gt":
            lo, hi = int(np.searchsorted(values, bound, "right")), len(values)
        elif op == "Gte":
            lo, hi = int(np.searchsorted(values, bound, "left")), len(values)
        elif op == "Lt":
            lo, hi = 0, int(np.searchsorted(values, bound, "left"))
        else:
            lo, hi = 0, int(np.searchsorted(values, bound, "right"))
        if at_most is not None and hi - lo + len(self.dirty) > at_most:
            return None
        out = set(self.ids[lo:hi].tolist())
        out |= self.dirty
        return out

    def _bound(self, op: str, bound: Any) -> tuple[str, Any] | None:
        """``(op, bound)`` in the column's own number type, so numpy compares exactly."""
        if type(bound) is not int and type(bound) is not float:
            return None
        if self.values.dtype == np.float64:
            if type(bound) is int and abs(bound) > _EXACT_FLOAT_INT:
                return None
            return op, float(bound)
        if type(bound) is float:  # an int column against a fractional or huge bound
            if not math.isfinite(bound):
                return None
            if not bound.is_integer():
                op, bound = {"Gt": ("Gte", math.ceil(bound)), "Gte": ("Gte", math.ceil(bound)),
                             "Lt": ("Lte", math.floor(bound)), "Lte": ("Lte", math.floor(bound))}[op]  # fmt: skip
            bound = int(bound)
        if not _INT64[0] <= bound <= _INT64[1]:
            return None
        return op, bound
