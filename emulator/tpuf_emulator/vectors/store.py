"""Row bookkeeping of an index (which document owns which row) and the float32 vectors of the tail.

A *row* is the index's integer key for one vector: the key of the graph once folded, and of a slot
in :class:`TailVectors` until then. An unsigned id is usually its own row; a row is reused only
after its vector has left the graph, so the graph holds no tombstones and a key means one vector.

Only the tail keeps float32 copies of vectors. Once a row is folded into the graph its float32
copy is dropped: the exact re-scoring of graph candidates reads the documents' own vectors through
the index's lookup, so the emulator holds each vector once (plus the graph's compact codes: graph.py).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from itertools import chain

import numpy as np

from .exact import norms
from .idmap import IdMap

MIN_CAPACITY = 1024
OWN_ROW_LIMIT = 2**62  # ids below this are their own row; other rows are handed out from here up


class RowStore:
    """Which document id owns each row, and which row each live id has.

    Most ids are unsigned integers, so an id is its own row whenever it can be: no per-document
    entry is kept beyond 8 bytes in the ``own`` map (``idmap.py``: an array indexed by id). Every other id (strings, UUIDs, ids too large, and an updated id whose previous row
    is still being removed from the graph) gets a row from ``OWN_ROW_LIMIT`` up, tracked in two
    small dicts. Why: at 1M documents the two dicts and one int object per row cost ~92 bytes per
    document, the largest per-document cost after the document itself and the graph.

    A released row is *retiring* (still in the graph, owned by nobody) until :meth:`free`; it is
    never handed out in the meantime, so a graph key always means one vector.
    """

    def __init__(self) -> None:
        self._own = IdMap()  # live ids that are their own row (id -> the same id)
        self._retiring_own: set[int] = set()  # own rows released but not yet freed
        self._row_of: dict[Hashable, int] = {}  # live ids with a handed-out row
        self._id_of: dict[int, Hashable | None] = {}  # handed-out rows (None: retiring)
        self._free: list[int] = []
        self._next = OWN_ROW_LIMIT
        self.row_of = _RowOf(self)

    def __len__(self) -> int:
        return len(self._own) + len(self._row_of)

    def assign(self, doc_id: Hashable) -> int:
        """A fresh row owned by ``doc_id`` (which must not have a live row)."""
        if type(doc_id) is int and 0 <= doc_id < OWN_ROW_LIMIT and doc_id not in self._retiring_own:
            self._own[doc_id] = doc_id
            return doc_id
        if self._free:
            row = self._free.pop()
        else:
            row = self._next
            self._next += 1
        self._row_of[doc_id] = row
        self._id_of[row] = doc_id
        return row

    def release(self, doc_id: Hashable) -> int | None:
        """Detach ``doc_id`` from its row (the row is not reusable until :meth:`free`)."""
        if self._own.pop(doc_id) is not None:
            assert type(doc_id) is int
            self._retiring_own.add(doc_id)
            return doc_id
        row = self._row_of.pop(doc_id, None)
        if row is not None:
            self._id_of[row] = None
        return row

    def free(self, rows: Iterable[int]) -> None:
        for row in rows:
            if row < OWN_ROW_LIMIT:
                self._retiring_own.discard(row)
            else:
                del self._id_of[row]
                self._free.append(row)

    def id_for(self, row: int) -> Hashable | None:
        """The id owning ``row``, or None when the row is retiring or free."""
        if row < OWN_ROW_LIMIT:
            return row if row in self._own else None
        return self._id_of.get(row)

    def rows_for(self, ids: Iterable[Hashable]) -> np.ndarray:
        ids = ids if isinstance(ids, Sequence) else list(ids)
        rows = self._own.rows_of(ids)
        if self._row_of:
            row_of = self._row_of
            for position in np.flatnonzero(rows < 0).tolist():
                rows[position] = row_of.get(ids[position], -1)
        found: np.ndarray = rows[rows >= 0]
        return found

    def live(self, rows: np.ndarray) -> np.ndarray:
        """Whether each of ``rows`` is owned by a live id (vectorised for own rows)."""
        rows = np.asarray(rows, dtype=np.int64)
        own = rows < OWN_ROW_LIMIT
        out = np.zeros(len(rows), dtype=np.bool_)
        out[own] = self._own.rows_of_ints(rows[own]) >= 0
        if not own.all():
            id_of = self._id_of
            for position in np.flatnonzero(~own).tolist():
                out[position] = id_of.get(int(rows[position])) is not None
        return out

    def named_rows(self) -> list[tuple[int, Hashable]]:
        """The live rows handed out from ``OWN_ROW_LIMIT`` up, with their ids (for saving a graph)."""
        return [(row, doc_id) for row, doc_id in self._id_of.items() if doc_id is not None]

    def restore(self, own: np.ndarray, named: dict[int, Hashable], retiring: Iterable[int]) -> None:
        """Start from a saved graph's rows (empty store only): ``own`` rows live (int64, distinct),
        ``named`` rows owned by their ids, ``retiring`` rows still in the graph but owned by nobody
        (freed later)."""
        if len(self) or self._id_of or self._retiring_own:
            raise RuntimeError("restore() needs an empty row store")
        own = np.asarray(own, dtype=np.int64)
        self._own.set_ints(own, own)
        self._row_of = {doc_id: row for row, doc_id in named.items()}
        self._id_of = dict(named)
        for row in retiring:
            if row < OWN_ROW_LIMIT:
                self._retiring_own.add(row)
            else:
                self._id_of[row] = None
        self._next = max(self._id_of, default=OWN_ROW_LIMIT - 1) + 1

    def all_rows(self) -> np.ndarray:
        return np.fromiter(chain(self._own, self._row_of.values()), dtype=np.int64, count=len(self))


class _RowOf:
    """Read-only ``id -> row`` view (``in``, ``keys()``) over both kinds of rows."""

    def __init__(self, store: RowStore) -> None:
        self._store = store

    def __contains__(self, doc_id: object) -> bool:
        store = self._store
        return doc_id in store._own or doc_id in store._row_of

    def keys(self) -> Iterable[Hashable]:
        return chain(self._store._own, self._store._row_of)


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
