"""``ColumnStore``: one namespace's documents held column-wise, kept current by every write.

Created lazily by the namespace on the first query that orders, groups or aggregates, with the
row map (ids <-> rows) of every document; each attribute's column is built the first time a
query needs it and from then on maintained incrementally by ``apply`` (the namespace calls it
under its write lock with the same resolved changes it applies to its documents), so a query
never sees a column that disagrees with the documents. Attributes no query ordered, grouped or
aggregated by cost nothing. Deleted documents leave tombstones; once they exceed
``COMPACT_FRACTION`` of the rows, the write that crossed the line compacts every column
(amortised O(1) per delete). Measurements and choices: ``README.md``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

import numpy as np

from ..schema.model import Schema
from .rowmap import RowMap
from .typed import Column, new_column

COMPACT_FRACTION = 0.25
COMPACT_MIN_TOMBSTONES = 1_024

Documents = Callable[[], Mapping[Any, dict[str, Any]]]
Rows = np.ndarray[Any, Any]


class VectorPositions(Protocol):
    """Where a vector attribute's vectors are (``vectors.VectorColumn``)."""

    def positions(self, ids: Sequence[Any]) -> Rows:
        """Each id's row in the vector column, in the order given; -1 for an id without a vector."""
        ...


VectorColumns = Callable[[str], VectorPositions | None]


class ColumnStore:
    def __init__(self, documents: Documents, vector_columns: VectorColumns | None = None) -> None:
        self._documents = documents
        self._vector_columns: VectorColumns = vector_columns or (lambda attr: None)
        self.rowmap = RowMap(documents().keys())
        self._columns: dict[str, Column] = {}
        self._vector_rows: dict[str, Rows] = {}  # attr -> vector column row of each row (-1: none)
        self._mutex = threading.Lock()  # readers may build a column concurrently (they hold the read lock)
        self.compact_min_tombstones = COMPACT_MIN_TOMBSTONES

    # ------------------------------------------------------------------ reads (caller holds the read lock)

    def column(self, attr: str, schema: Schema) -> Column | None:
        """The column of ``attr`` (built on first use), or None when it cannot stand in for the documents:
        an attribute not in the schema, or a value the column could not hold (``typed.py``)."""
        config = schema.get(attr)
        if config is None:
            return None
        with self._mutex:
            column = self._columns.get(attr)
            if column is None or column.type_text != config.type.text:
                column = self._build(attr, config.type.text, config.type.kind)
                self._columns[attr] = column
        return None if column.broken else column

    def vector_rows(self, attr: str) -> Rows | None:
        """Each row's position in ``attr``'s vector column (-1: no vector; index it with live rows
        only), built on first use; None when the namespace has no vector column for ``attr``."""
        with self._mutex:
            found = self._vector_rows.get(attr)
            if found is not None:
                return found
            source = self._vector_columns(attr)
            if source is None:
                return None
            rowmap = self.rowmap
            positions = np.full(rowmap.capacity, -1, dtype=np.int64)
            live = rowmap.live_rows()
            ids = rowmap.ids
            positions[live] = source.positions([ids[row] for row in live.tolist()])
            self._vector_rows[attr] = positions
            return positions

    def _build(self, attr: str, type_text: str, kind: str) -> Column:
        rowmap = self.rowmap
        column = new_column(type_text, kind, rowmap.capacity)
        docs = self._documents()
        rows = rowmap.live_rows()
        ids = rowmap.ids
        column.assign(rows, [docs[ids[row]].get(attr) for row in rows.tolist()])
        return column

    # ------------------------------------------------------------------ writes (caller holds the write lock)

    def apply(self, changes: Mapping[Any, dict[str, Any] | None]) -> None:
        """Follow the resolved changes of one write: id -> new document, or None for a delete."""
        rowmap = self.rowmap
        written_rows: list[int] = []
        written: list[dict[str, Any]] = []
        written_ids: list[Any] = []
        for doc_id, new in changes.items():
            if new is None:
                rowmap.remove(doc_id)  # a tombstone: no query selects its row again
                continue
            row = rowmap.row_of.get(doc_id)
            written_rows.append(rowmap.append(doc_id) if row is None else row)
            written.append(new)
            written_ids.append(doc_id)
        columns = list(self._columns.items())
        for _, column in columns:
            column.grow(rowmap.capacity)
        rows = np.asarray(written_rows, dtype=np.int64)
        if written:
            for attr, column in columns:
                if not column.broken:
                    column.assign(rows, [doc.get(attr) for doc in written])
        for attr in list(self._vector_rows):
            self._follow_vectors(attr, rows, written_ids)
        if rowmap.tombstones > max(self.compact_min_tombstones, COMPACT_FRACTION * rowmap.rows):
            self.compact()

    def vectors_moved(self, attr: str, ids: Sequence[Any]) -> None:
        """``ids``' vectors of ``attr`` got new rows in their column (its compaction)."""
        if attr in self._vector_rows:
            row_of = self.rowmap.row_of
            self._follow_vectors(attr, np.fromiter((row_of[i] for i in ids), np.int64, len(ids)), ids)

    def _follow_vectors(self, attr: str, rows: Rows, ids: Sequence[Any]) -> None:
        source = self._vector_columns(attr)
        if source is None:  # the attribute lost its vector column: rebuilt if one comes back
            del self._vector_rows[attr]
            return
        positions = self._vector_rows[attr]
        if len(positions) < self.rowmap.capacity:
            positions = self._vector_rows[attr] = _padded(positions, self.rowmap.capacity)
        if len(ids):
            positions[rows] = source.positions(ids)

    def compact(self) -> None:
        keep = self.rowmap.compact()
        for column in self._columns.values():
            column.compact(keep, self.rowmap.capacity)
        for attr, positions in self._vector_rows.items():
            self._vector_rows[attr] = _padded(positions[keep], self.rowmap.capacity)

    def drop(self, names: Iterable[str]) -> None:
        """Forget the columns of dropped attributes (their documents keep their rows)."""
        for name in names:
            self._columns.pop(name, None)
            self._vector_rows.pop(name, None)

    def memory_bytes(self) -> int:
        """Bytes of the numpy arrays (row map and columns), for the measurements in README.md."""
        total = self.rowmap.live.nbytes + (0 if self.rowmap.int_ids is None else self.rowmap.int_ids.nbytes)
        total += sum(positions.nbytes for positions in self._vector_rows.values())
        for column in self._columns.values():
            for value in vars(column).values():
                if isinstance(value, np.ndarray):
                    total += value.nbytes
        return total


def _padded(positions: Rows, capacity: int) -> Rows:
    out = np.full(capacity, -1, dtype=np.int64)
    out[: len(positions)] = positions
    return out
