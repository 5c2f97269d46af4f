"""Ids <-> rows. Rows are in the namespace's document order, which breaks ties of orderings.

The namespace's documents are a dict, whose iteration order is insertion order: replacing a
document keeps its place, deleting it and writing it again moves it to the end. The row map
follows the same rule: a replaced id keeps its row, a new id gets a new row at the end, a deleted
id leaves a tombstone (``live`` false) so no row moves. ``compact()`` drops tombstones and
renumbers the rows, keeping their relative order, so row order is always document order.

``int_ids`` holds each row's id as uint64 while every id is an int (ordering by ``id``); it is
None once a string id is seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .arrays import capacity_for, grown

UINT64_MAX = 2**64 - 1


class RowMap:
    def __init__(self, ids: Iterable[Any]) -> None:
        self.ids: list[Any] = list(ids)  # row -> id (None for a tombstone)
        self.row_of: dict[Any, int] = dict(zip(self.ids, range(len(self.ids)), strict=True))
        self.rows = len(self.ids)  # rows in use, tombstones included
        self.tombstones = 0
        self.capacity = capacity_for(self.rows)
        self.live = np.zeros(self.capacity, dtype=np.bool_)
        self.live[: self.rows] = True
        self.int_ids: np.ndarray[Any, Any] | None = self._int_ids(self.ids, self.capacity)
        self._live_rows: np.ndarray[Any, Any] | None = None  # cached until the next write

    @staticmethod
    def _int_ids(ids: list[Any], capacity: int) -> np.ndarray[Any, Any] | None:
        if not all(type(i) is int and 0 <= i <= UINT64_MAX for i in ids):
            return None
        out = np.zeros(capacity, dtype=np.uint64)
        out[: len(ids)] = np.asarray(ids, dtype=np.uint64)
        return out

    def append(self, doc_id: Any) -> int:
        """A new row at the end for ``doc_id``; the caller grows its columns to ``capacity``."""
        row = self.rows
        self.rows += 1
        self._live_rows = None
        if self.rows > self.capacity:
            self.capacity = capacity_for(self.rows)
            self.live = grown(self.live, self.capacity)
            if self.int_ids is not None:
                self.int_ids = grown(self.int_ids, self.capacity)
        self.ids.append(doc_id)
        self.row_of[doc_id] = row
        self.live[row] = True
        if self.int_ids is not None:
            if type(doc_id) is int and 0 <= doc_id <= UINT64_MAX:
                self.int_ids[row] = doc_id
            else:
                self.int_ids = None
        return row

    def remove(self, doc_id: Any) -> int | None:
        """Tombstone the row of ``doc_id``; its row, or None when the id had none."""
        row = self.row_of.pop(doc_id, None)
        if row is not None:
            self._live_rows = None
            self.ids[row] = None
            self.live[row] = False
            self.tombstones += 1
        return row

    def live_rows(self) -> np.ndarray[Any, Any]:
        """Every live row, ascending (document order). Callers must not modify it (it is shared)."""
        if self._live_rows is None:
            self._live_rows = np.flatnonzero(self.live[: self.rows])
        return self._live_rows

    def rows_of(self, ids: Iterable[Any]) -> np.ndarray[Any, Any]:
        """The rows of ``ids`` (each must be live), ascending: document order whatever order ``ids`` came in."""
        row_of = self.row_of
        rows = np.fromiter((row_of[i] for i in ids), dtype=np.int64)
        rows.sort()
        return rows

    def compact(self) -> np.ndarray[Any, Any]:
        """Drop tombstones; the kept rows' old numbers (ascending), for the columns to follow."""
        keep = self.live_rows()
        self._live_rows = None
        self.ids = [self.ids[row] for row in keep.tolist()]
        self.row_of = dict(zip(self.ids, range(len(self.ids)), strict=True))
        self.rows = len(self.ids)
        self.tombstones = 0
        self.capacity = capacity_for(self.rows)
        self.live = np.zeros(self.capacity, dtype=np.bool_)
        self.live[: self.rows] = True
        if self.int_ids is not None:
            int_ids = np.zeros(self.capacity, dtype=np.uint64)
            int_ids[: self.rows] = self.int_ids[keep]
            self.int_ids = int_ids
        return keep
