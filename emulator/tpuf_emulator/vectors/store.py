"""Row bookkeeping of an index (which document owns which row) and the float32 vectors of the tail.

A *row* is the index's integer key for one vector: the key of the graph once folded, and of a slot
in :class:`TailVectors` until then. Rows are reused after a delete so keys stay dense and the graph
holds no tombstones.

Only the tail keeps float32 copies of vectors. Once a row is folded into the graph its float32
copy is dropped: the exact re-scoring of graph candidates reads the documents' own vectors through
the index's lookup, so the emulator holds each vector once (plus the int8/float16 graph).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np

from .exact import norms

MIN_CAPACITY = 1024


class RowStore:
    """Which document id owns each row (``None`` = free or retiring), plus free-row reuse."""

    def __init__(self) -> None:
        self.row_of: dict[Hashable, int] = {}
        self.id_of: list[Hashable | None] = []
        self.free_rows: list[int] = []

    def __len__(self) -> int:
        return len(self.row_of)

    @property
    def rows_used(self) -> int:
        """Rows ever handed out (live + free + retiring)."""
        return len(self.id_of)

    def assign(self, doc_id: Hashable) -> int:
        """A fresh row owned by ``doc_id``."""
        if self.free_rows:
            row = self.free_rows.pop()
            self.id_of[row] = doc_id
        else:
            row = len(self.id_of)
            self.id_of.append(doc_id)
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


class TailVectors:
    """Float32 vectors (as written) of the rows not yet in the graph, in slots of one matrix.

    Beside each vector its norm is kept (cosine: ``|x|``; euclidean: ``|x|²``) so a scan is one
    matrix-vector product. The matrix grows by doubling with ``np.empty`` (untouched capacity is not
    resident) and is compacted when most slots are free again, e.g. after a bulk load is folded,
    so its pages go back to the system instead of keeping a second copy of the data alive.
    """

    def __init__(self, dims: int, metric: str) -> None:
        self.dims = dims
        self.metric = metric
        self.slot_of: dict[int, int] = {}
        self.free_slots: list[int] = []
        self.used = 0  # slots ever handed out since the last compaction
        self.vectors = np.empty((MIN_CAPACITY, dims), dtype=np.float32)
        self.norms = np.empty(MIN_CAPACITY, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.slot_of)

    def put(self, rows: list[int], matrix: np.ndarray) -> None:
        """Store ``matrix[i]`` (float32, C-contiguous) as the vector of ``rows[i]``."""
        slots = []
        for row in rows:
            if self.free_slots:
                slot = self.free_slots.pop()
            else:
                slot = self.used
                self.used += 1
            self.slot_of[row] = slot
            slots.append(slot)
        self._ensure_capacity(self.used)
        index = np.asarray(slots, dtype=np.int64)
        self.vectors[index] = matrix
        self.norms[index] = norms(matrix, self.metric)

    def drop(self, row: int) -> None:
        slot = self.slot_of.pop(row, None)
        if slot is not None:
            self.free_slots.append(slot)

    def slots_for(self, rows: np.ndarray) -> np.ndarray:
        slot_of = self.slot_of
        return np.fromiter((slot_of[r] for r in rows.tolist()), dtype=np.int64, count=len(rows))

    def maybe_compact(self) -> None:
        """Move the live slots to a fresh, small matrix when at most a quarter of the used ones are live
        (or none is: an empty tail restarts from slot 0)."""
        live = len(self.slot_of)
        if live * 4 > self.used or (self.used <= MIN_CAPACITY and live):
            return
        capacity = max(MIN_CAPACITY, 2 * live)
        rows = list(self.slot_of)
        old = np.fromiter(self.slot_of.values(), dtype=np.int64, count=live)
        vectors = np.empty((capacity, self.dims), dtype=np.float32)
        norms = np.empty(capacity, dtype=np.float32)
        vectors[:live] = self.vectors[old]
        norms[:live] = self.norms[old]
        self.vectors, self.norms = vectors, norms
        self.slot_of = {row: slot for slot, row in enumerate(rows)}
        self.free_slots = []
        self.used = live

    def _ensure_capacity(self, slots: int) -> None:
        capacity = len(self.vectors)
        if slots <= capacity:
            return
        new_capacity = max(slots, capacity * 2)
        grown = np.empty((new_capacity, self.dims), dtype=np.float32)
        grown[:capacity] = self.vectors
        norms = np.empty(new_capacity, dtype=np.float32)
        norms[:capacity] = self.norms
        self.vectors, self.norms = grown, norms

    def resident_bytes(self) -> int:
        """Bytes of the slots in use (spare capacity is never touched, so not resident)."""
        return self.used * (self.dims * 4 + 4)
