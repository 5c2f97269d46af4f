"""Row storage of an index: one float32 matrix, the id <-> row maps, and free-row reuse.

Rows are reused after a delete so the matrix stays as dense as the live data. The matrix grows
by doubling with ``np.empty``: pages that were never written are not resident, so the spare
capacity costs address space, not memory.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np

from .exact import COSINE, unit


class RowStore:
    """Vectors by row, plus which document id owns each row (``None`` = free or retiring)."""

    def __init__(self, dims: int, metric: str, initial_capacity: int = 1024) -> None:
        self.dims = dims
        self.metric = metric
        self.vectors = np.empty((initial_capacity, dims), dtype=np.float32)
        self.sqnorms = np.empty(initial_capacity, dtype=np.float32) if metric != COSINE else None
        self.row_of: dict[Hashable, int] = {}
        self.id_of: list[Hashable | None] = []
        self.free_rows: list[int] = []

    def __len__(self) -> int:
        return len(self.row_of)

    @property
    def rows_used(self) -> int:
        """Rows ever handed out (live + free + retiring): the extent of the matrix in use."""
        return len(self.id_of)

    def prepare(self, matrix: np.ndarray) -> np.ndarray:
        """The stored form of incoming vectors: float32, and unit length for cosine."""
        matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        return unit(matrix) if self.metric == COSINE else matrix

    def assign(self, doc_id: Hashable, vector: np.ndarray) -> int:
        """Put a prepared vector in a fresh row owned by ``doc_id``; returns the row."""
        if self.free_rows:
            row = self.free_rows.pop()
            self.id_of[row] = doc_id
        else:
            row = len(self.id_of)
            self._ensure_capacity(row + 1)
            self.id_of.append(doc_id)
        self.vectors[row] = vector
        if self.sqnorms is not None:
            self.sqnorms[row] = float(vector @ vector)
        self.row_of[doc_id] = row
        return row

    def release(self, doc_id: Hashable) -> int | None:
        """Detach ``doc_id`` from its row (the row is not reusable until :meth:`free`)."""
        row = self.row_of.pop(doc_id, None)
        if row is not None:
            self.id_of[row] = None
        return row

    def free(self, rows: Iterable[int]) -> None:
        self.free_rows.extend(rows)

    def rows_for(self, ids: Iterable[Hashable]) -> np.ndarray:
        row_of = self.row_of
        return np.fromiter((row_of[i] for i in ids if i in row_of), dtype=np.int64)

    def _ensure_capacity(self, rows: int) -> None:
        capacity = len(self.vectors)
        if rows <= capacity:
            return
        new_capacity = max(rows, capacity * 2)
        grown = np.empty((new_capacity, self.dims), dtype=np.float32)
        grown[:capacity] = self.vectors
        self.vectors = grown
        if self.sqnorms is not None:
            norms = np.empty(new_capacity, dtype=np.float32)
            norms[:capacity] = self.sqnorms
            self.sqnorms = norms

    def resident_bytes(self) -> int:
        """Bytes of the rows in use (what is resident; spare capacity is never touched)."""
        per_row = self.dims * 4 + (4 if self.sqnorms is not None else 0)
        return self.rows_used * per_row
