"""The documents of one full-text index as rows: id <-> row, length, liveness and the indexed value.

Every (re-)indexed document gets a new row, higher than any before it; the row it had is
tombstoned (``alive[row] = False``). So rows are in the order documents were last written, which
is also the order of each term's postings (ties in BM25 rank break by it, as they did when
postings were per-term dicts in insertion order). ``compact`` renumbers the live rows densely,
keeping their order, once tombstones are many.

``values[row]`` is a reference to the value the namespace's document holds (not a copy): phrase
filters and per-document checks re-analyse it instead of the index keeping tokens and positions.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import numpy as np
import numpy.typing as npt

DocId = Hashable


class DocTable:
    def __init__(self) -> None:
        self.id_row: dict[DocId, int] = {}
        self.row_ids: list[DocId] = []
        self.values: list[Any] = []
        self._lengths: npt.NDArray[np.int32] = np.zeros(64, np.int32)
        self._alive: npt.NDArray[np.bool_] = np.zeros(64, np.bool_)
        self.total_len = 0
        self._k1_norms: tuple[float, float, npt.NDArray[np.float64]] | None = None

    # -- views ---------------------------------------------------------------------------------

    @property
    def rows(self) -> int:
        """Rows allocated, dead ones included."""
        return len(self.row_ids)

    @property
    def live(self) -> int:
        return len(self.id_row)

    @property
    def lengths(self) -> npt.NDArray[np.int32]:
        return self._lengths[: self.rows]

    @property
    def alive(self) -> npt.NDArray[np.bool_]:
        return self._alive[: self.rows]

    def k1_norms(self, k1: float, b: float) -> npt.NDArray[np.float64]:
        """Per row, ``k1 * (1 - b + b * length / avgdl)`` (``k1`` when avgdl is 0): the document-length
        part of BM25's denominator, computed once per state of the table rather than per query term.
        Element-wise the same float64 operations a per-query computation does, so scores are unchanged."""
        cached = self._k1_norms
        if cached is not None and cached[0] == k1 and cached[1] == b:
            return cached[2]
        live = self.live
        avgdl = self.total_len / live if live else 0.0
        if avgdl > 0:
            norms = k1 * (1.0 - b + b * (self.lengths / avgdl))
        else:
            norms = k1 * np.ones(self.rows)
        self._k1_norms = (k1, b, norms)
        return norms

    def row_of(self, doc_id: DocId) -> int | None:
        return self.id_row.get(doc_id)

    # -- writes --------------------------------------------------------------------------------

    def remove(self, doc_id: DocId) -> bool:
        row = self.id_row.pop(doc_id, None)
        if row is None:
            return False
        self._k1_norms = None
        self._alive[row] = False
        self.total_len -= int(self._lengths[row])
        self.values[row] = None  # let the old value go; the row is dead
        return True

    def append(self, doc_ids: list[DocId], values: list[Any], lengths: list[int]) -> int:
        """New live rows for ``doc_ids`` (which must not be live); returns the first new row."""
        self._k1_norms = None
        first = self.rows
        end = first + len(doc_ids)
        if end > len(self._lengths):
            capacity = max(end, 2 * len(self._lengths))
            self._lengths = np.resize(self._lengths, capacity)
            self._alive = np.resize(self._alive, capacity)
        self._lengths[first:end] = lengths
        self._alive[first:end] = True
        self.total_len += sum(lengths)
        self.row_ids.extend(doc_ids)
        self.values.extend(values)
        self.id_row.update(zip(doc_ids, range(first, end), strict=True))
        return first

    def compact(self) -> npt.NDArray[np.int32]:
        """Drop dead rows, renumbering live ones densely in order; returns old row -> new row."""
        self._k1_norms = None
        alive = self.alive.copy()
        renumber = (np.cumsum(alive, dtype=np.int64) - 1).astype(np.int32)
        keep = np.flatnonzero(alive)
        self.row_ids = [self.row_ids[r] for r in keep]
        self.values = [self.values[r] for r in keep]
        self._lengths = self._lengths[keep].copy()
        self._alive = np.ones(len(keep), np.bool_)
        self.id_row = {doc_id: row for row, doc_id in enumerate(self.row_ids)}
        return renumber

    @classmethod
    def restore(cls, doc_ids: list[DocId], values: list[Any], lengths: npt.NDArray[np.int32]) -> DocTable:
        """A table of live rows ``0..n-1`` (what a snapshot holds)."""
        table = cls()
        table.append(doc_ids, values, lengths.tolist())
        return table
