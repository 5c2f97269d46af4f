"""``VectorColumn``: every vector of one dense vector attribute of one namespace, in float32 matrices.

Why: a document used to hold its own small numpy array, so a namespace's vectors were a million
separate heap blocks, an exact scan had to gather them id by id, and the ANN index re-read them
through the documents. Here they are rows of a few large matrices; a document holds a
*view* of its row (a numpy view: a pointer into the matrix, no copy of the data), so rendering,
records and snapshots keep reading ``doc[attr]`` as before, and exact search is a matrix product.

The matrices are *chunks* of ``chunk_rows`` rows (about 16 MB each), allocated with ``np.empty``
(untouched rows are never resident), filled in write order and never reallocated: growing means
adding a chunk, so the views documents hold stay valid for as long as those documents live.

Immutability, the crux: documents are shared by reference (a background snapshot's cut, a copy or
branch of the namespace, a query running under the read lock), so a row must never change once a
document shows it. Hence **a row is written once and never overwritten**:

Views are writable numpy arrays like any other (code treats documents as immutable and never writes
into a vector); nothing here writes into a row after filling it.

* an upsert appends a new row and *tombstones* the id's previous one (its view, held by older
  documents, still shows the old vector: exactly what a snapshot cut taken before must see);
* a delete tombstones the row;
* :meth:`compact` takes a chunk whose rows are mostly tombstones out of the column: its live rows
  are *copied* into new rows and their new views returned (the caller gives those documents new
  dicts). The old chunk is not touched; it is freed by reference counting once no document (a
  pending snapshot's cut, a branch) refers to it any more. So compaction needs no coordination with
  snapshots in flight: they keep the old matrix alive exactly as long as they need it.

A snapshot's blocks are *adopted* as chunks (:meth:`adopt`): the matrix is a view of the
memory-mapped snapshot file, full from the start and never written to, so recovery neither
allocates nor copies the vectors (``storage/snapshot.py`` maps, ``namespaces/snapshots.py`` aligns).

Row numbers (``slot * chunk_rows + offset``) are private: only ``id -> row`` is kept, and a freed
slot gets a fresh matrix, so an old view can never see another vector. Every method must be called
under the namespace's lock (writes under the write lock, searches under the read lock).
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Sequence

import numpy as np
import numpy.typing as npt

from . import exact
from .idmap import IdMap, int_keys

Matrix = npt.NDArray[np.float32]
Rows = npt.NDArray[np.int64]

CHUNK_BYTES = 16 * 2**20  # target size of one chunk's float32 matrix
MIN_CHUNK_ROWS = 256
MAX_CHUNK_ROWS = 32_768  # bounds the per-chunk bookkeeping of tiny vectors
SCAN_BLOCK = 4_096  # rows gathered per step when scanning a scattered set of rows
RESCORE_MARGIN = 4  # extra float32-ranked winners re-scored in float64 (ties at float32 precision)
FEW_ROWS = 64  # gathered one by one (a top-k's winners) rather than chunk by chunk


def chunk_rows_for(dims: int) -> int:
    """A power of two near ``CHUNK_BYTES`` of float32 rows (4,096 rows at 768-d, 32,768 at 128-d)."""
    rows = MIN_CHUNK_ROWS
    while rows * 2 * dims * 4 <= CHUNK_BYTES and rows < MAX_CHUNK_ROWS:
        rows *= 2
    return rows


class _Chunk:
    """One matrix of rows, filled in order; ``ids[offset]`` is the row's id (None once tombstoned)."""

    __slots__ = ("dead", "ids", "live", "squares", "vectors")

    def __init__(self, vectors: Matrix) -> None:
        """A chunk whose rows are ``vectors`` (fresh ``np.empty`` rows, or an adopted block)."""
        rows = len(vectors)
        self.vectors = vectors
        self.squares: Matrix = np.empty(rows, dtype=np.float32)  # |x|² of each row
        self.live = np.zeros(rows, dtype=bool)
        self.ids: list[Hashable | None] = []
        self.dead = 0

    @property
    def filled(self) -> int:
        return len(self.ids)

    @property
    def capacity(self) -> int:
        return len(self.vectors)


class VectorColumn:
    """The float32 vectors of one attribute by id: append-only chunks, tombstones, compaction."""

    def __init__(self, dims: int, *, chunk_rows: int | None = None) -> None:
        rows = chunk_rows if chunk_rows is not None else chunk_rows_for(dims)
        if rows < 1 or rows & (rows - 1):
            raise ValueError(f"chunk_rows must be a power of two, got {rows}")
        self.dims = dims
        self.chunk_rows = rows
        self._shift = rows.bit_length() - 1
        self._chunks: list[_Chunk | None] = []
        self._free_slots: list[int] = []
        self._append: int | None = None  # the slot being filled
        self._row_of = IdMap()  # id -> row (idmap.py: 8 bytes per uint id)
        self._sparse: set[int] = set()  # full chunks at most half live: compacted by compact()

    # ---- reads -----------------------------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        """Equal when both hold the same ids with the same vectors (rows and chunking aside)."""
        if not isinstance(other, VectorColumn):
            return NotImplemented
        if self.dims != other.dims or set(self._row_of) != set(other._row_of):
            return False
        ids = list(self._row_of)
        return bool(np.array_equal(self.vectors_of(ids), other.vectors_of(ids)))

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __len__(self) -> int:
        return len(self._row_of)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._row_of

    def ids(self) -> list[Hashable]:
        return list(self._row_of)

    def int_ids(self) -> Rows | None:
        """The ids as an int64 array when every id is a uint held in the id map's array (else None)."""
        return self._row_of.int_ids()

    def vector(self, doc_id: Hashable) -> Matrix:
        """The view of ``doc_id``'s row (``KeyError`` when it has none)."""
        chunk, offset = self._locate(self._row_of[doc_id])
        view: Matrix = chunk.vectors[offset]
        return view

    def vectors_of(self, ids: Sequence[Hashable]) -> Matrix:
        """A new ``len(ids) x dims`` matrix of the vectors of ``ids`` (``KeyError`` for a missing one)."""
        rows = self._row_of.rows_of(ids)
        if len(rows) and int(rows.min()) < 0:
            raise KeyError(ids[int(np.argmin(rows))])
        return self._gather(rows)

    def positions(self, ids: Sequence[Hashable]) -> Rows:
        """Each id's row, in the order given; -1 for an id without a vector (``columns/`` keeps these
        beside its own rows, so a filter's rows become this column's rows without a dict lookup)."""
        return self._row_of.rows_of(ids)

    def rows_for(self, ids: Iterable[Hashable]) -> Rows:
        """The rows of those ``ids`` that have a vector, ascending (an ordered scan)."""
        rows = self._row_of.rows_of(ids if isinstance(ids, Sequence) else list(ids))
        rows = rows[rows >= 0]
        rows.sort()
        return rows

    def nearest(
        self,
        query: Matrix,
        k: int,
        metric: str,
        allowed: Collection[Hashable] | None = None,
        rows: Rows | None = None,
    ) -> list[tuple[Hashable, float]]:
        """Exact top ``k`` as ``(id, distance)``, nearest first, among all ids or those in ``allowed``.

        ``rows``, when given, are the rows of exactly the allowed ids that have a vector (any order,
        from :meth:`positions`): the scan then starts from them instead of looking ids up.

        Ranking is one float32 matrix-vector product per chunk (scanned in place, or over the
        gathered allowed rows); the ``k + RESCORE_MARGIN`` winners are re-scored in float64 from the
        vectors as written (``exact.rescore``), as the ANN index does.
        """
        if k <= 0 or not self._row_of:
            return []
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        if q.shape[0] != self.dims:
            raise ValueError(f"query vector has {q.shape[0]} dimensions, the column has {self.dims}")
        q_scan = exact.unit(q) if metric == exact.COSINE else q
        keep = k + RESCORE_MARGIN
        if rows is not None:
            rows = np.sort(rows)
        elif allowed is not None:
            rows = self.rows_for(allowed)
        if rows is None or len(rows) == len(self._row_of):  # every row: scanned in place, chunk by chunk
            ranked = self._rank_all(q_scan, metric, keep)
        else:
            ranked = self._rank_rows(rows, q_scan, metric, keep)
        if len(ranked) == 0:
            return []
        distances = exact.rescore(self._gather(ranked), q, metric)
        order = exact.smallest(distances, k)
        return [(self._id_at(int(ranked[i])), float(distances[i])) for i in order.tolist()]

    def _rank_all(self, q_scan: Matrix, metric: str, keep: int) -> Rows:
        winners: list[Rows] = []
        scores: list[Matrix] = []
        for slot, chunk in enumerate(self._chunks):
            if chunk is None or chunk.filled == chunk.dead:
                continue
            filled = chunk.filled
            found = _scan(chunk.vectors[:filled], chunk.squares[:filled], q_scan, metric)
            live = np.flatnonzero(chunk.live[:filled]) if chunk.dead else None
            if live is not None:
                found = found[live]
            best = exact.smallest(found, keep)
            offsets = best if live is None else live[best]
            winners.append(offsets.astype(np.int64) + (slot << self._shift))
            scores.append(found[best])
        return _best_of(winners, scores, keep)

    def _rank_rows(self, rows: Rows, q_scan: Matrix, metric: str, keep: int) -> Rows:
        """The ``keep`` best of ``rows`` (ascending, live).

        A chunk holding a large share of the rows is scanned whole (cheaper than copying them out);
        the other rows are gathered, across chunks, into one reused buffer and scanned a block at a
        time, so a filter scattered over hundreds of chunks costs a few numpy calls, not hundreds.
        """
        if len(rows) == 0:
            return rows
        offsets, spans = self._spans(rows)
        winners: list[Rows] = []
        scores: list[Matrix] = []
        scattered: list[Rows] = []
        for chunk, begin, end in spans:
            if (end - begin) * 3 >= chunk.filled:
                filled = chunk.filled
                found = _scan(chunk.vectors[:filled], chunk.squares[:filled], q_scan, metric)[
                    offsets[begin:end]
                ]
                best = exact.smallest(found, keep)
                winners.append(rows[begin:end][best])
                scores.append(found[best])
            else:
                scattered.append(rows[begin:end])
        if scattered:
            picked = scattered[0] if len(scattered) == 1 else np.concatenate(scattered)
            size = min(len(picked), SCAN_BLOCK)
            buffer: Matrix = np.empty((size, self.dims), dtype=np.float32)
            squares: Matrix = np.empty(size, dtype=np.float32)
            for begin in range(0, len(picked), size):
                block = picked[begin : begin + size]
                vectors = self._gather_ascending(block, buffer[: len(block)], squares[: len(block)])
                found = _scan(vectors, squares[: len(block)], q_scan, metric)
                best = exact.smallest(found, keep)
                winners.append(block[best])
                scores.append(found[best])
        return _best_of(winners, scores, keep)

    def _gather_ascending(self, rows: Rows, out: Matrix, squares: Matrix) -> Matrix:
        """Copy the vectors and squared norms of ``rows`` (ascending) into ``out`` and ``squares``."""
        offsets, spans = self._spans(rows)
        for chunk, begin, end in spans:
            part = offsets[begin:end]
            np.take(chunk.vectors, part, axis=0, out=out[begin:end], mode=exact.TAKE_MODE)
            np.take(chunk.squares, part, out=squares[begin:end], mode=exact.TAKE_MODE)
        return out

    def _spans(self, rows: Rows) -> tuple[Rows, list[tuple[_Chunk, int, int]]]:
        """For ascending ``rows``: each row's offset in its chunk, and per chunk reached, the chunk
        and the span ``rows[begin:end]`` of its rows."""
        slots = rows >> self._shift
        starts = [0, *(np.flatnonzero(np.diff(slots)) + 1).tolist(), len(rows)]
        spans: list[tuple[_Chunk, int, int]] = []
        for begin, end in zip(starts[:-1], starts[1:], strict=True):
            chunk = self._chunks[int(slots[begin])]
            assert chunk is not None
            spans.append((chunk, begin, end))
        return rows & (self.chunk_rows - 1), spans

    def _gather(self, rows: Rows) -> Matrix:
        out: Matrix = np.empty((len(rows), self.dims), dtype=np.float32)
        if len(rows) == 0:
            return out
        slots = rows >> self._shift
        offsets = rows & (self.chunk_rows - 1)
        first = int(slots[0])
        if (slots == first).all():
            chunk = self._chunks[first]
            assert chunk is not None
            return np.take(chunk.vectors, offsets, axis=0, out=out, mode=exact.TAKE_MODE)
        if len(rows) <= FEW_ROWS:  # the winners of a ranking: row by row beats grouping by chunk
            chunks = self._chunks
            for position, (slot, offset) in enumerate(zip(slots.tolist(), offsets.tolist(), strict=True)):
                chunk = chunks[slot]
                assert chunk is not None
                out[position] = chunk.vectors[offset]
            return out
        for slot in np.unique(slots).tolist():
            chunk = self._chunks[slot]
            assert chunk is not None
            where = np.flatnonzero(slots == slot)
            out[where] = chunk.vectors[offsets[where]]
        return out

    def _locate(self, row: int) -> tuple[_Chunk, int]:
        chunk = self._chunks[row >> self._shift]
        assert chunk is not None
        return chunk, row & (self.chunk_rows - 1)

    def _id_at(self, row: int) -> Hashable:
        chunk, offset = self._locate(row)
        return chunk.ids[offset]

    # ---- writes ------------------------------------------------------------------------------------------
    def put(self, ids: Sequence[Hashable], matrix: npt.ArrayLike) -> list[Matrix]:
        """Store ``matrix[i]`` as the vector of ``ids[i]`` in a new row (tombstoning any previous one)
        and return each row's view, for the documents to hold."""
        values = np.ascontiguousarray(np.asarray(matrix, dtype=np.float32).reshape(len(ids), -1))
        if len(ids) and values.shape[1] != self.dims:
            raise ValueError(f"expected vectors of {self.dims} dimensions, got {values.shape[1]}")
        views: list[Matrix] = []
        done = 0
        while done < len(ids):
            slot, chunk = self._appendable()
            start = chunk.filled
            count = min(len(ids) - done, self.chunk_rows - start)
            chunk.vectors[start : start + count] = values[done : done + count]
            views.extend(self._fill(slot, chunk, ids[done : done + count]))
            done += count
        return views

    def adopt(self, ids: Sequence[Hashable], matrix: Matrix) -> list[Matrix]:
        """As :meth:`put`, but ``matrix`` (aligned float32, e.g. a view of a memory-mapped snapshot
        chunk) *becomes* the rows, in chunks of at most ``chunk_rows``: no copy, and ``matrix``'s
        memory is kept alive by the column and the documents' views for as long as they use it.
        Such a chunk is full from the start (never appended to), so a read-only ``matrix`` is fine:
        rows are written once, and that is done."""
        if len(ids) != len(matrix) or (len(ids) and matrix.shape[1] != self.dims):
            raise ValueError(f"expected {len(ids)} vectors of {self.dims} dimensions, got {matrix.shape}")
        views: list[Matrix] = []
        for start in range(0, len(ids), self.chunk_rows):
            block = matrix[start : start + self.chunk_rows]
            chunk = _Chunk(block)
            views.extend(self._fill(self._place(chunk), chunk, ids[start : start + self.chunk_rows]))
        return views

    def _place(self, chunk: _Chunk) -> int:
        """Put a new chunk in a free slot (or a new one) and return the slot."""
        if self._free_slots:
            slot = self._free_slots.pop()
            self._chunks[slot] = chunk
        else:
            slot = len(self._chunks)
            self._chunks.append(chunk)
        return slot

    def _fill(self, slot: int, chunk: _Chunk, block_ids: Sequence[Hashable]) -> list[Matrix]:
        """Make the next ``len(block_ids)`` rows of ``chunk`` (their vectors already in place) live
        as those ids' rows, tombstoning their previous ones; returns one view per row."""
        start = chunk.filled
        count = len(block_ids)
        block = chunk.vectors[start : start + count]
        chunk.squares[start : start + count] = np.einsum("ij,ij->i", block, block)
        chunk.live[start : start + count] = True
        base = (slot << self._shift) + start
        if len(set(block_ids)) != len(block_ids):  # an id twice: the later row wins, row by row
            for position, doc_id in enumerate(block_ids):
                self._tombstone(doc_id)
                self._row_of[doc_id] = base + position
                chunk.ids.append(doc_id)
        else:  # the usual case, in C: tombstone the ids' previous rows, then map them to the new
            keys = int_keys(block_ids)
            row_of = self._row_of
            previous = row_of.rows_of(block_ids) if keys is None else row_of.rows_of_ints(keys)
            for position in np.flatnonzero(previous >= 0).tolist():
                self._tombstone(block_ids[position])
            row_of.set_many(block_ids, np.arange(base, base + count, dtype=np.int64), keys)
            chunk.ids.extend(block_ids)
        if chunk.filled == chunk.capacity and slot != self._append:  # an adopted chunk: full at once
            self._check_sparse(slot, chunk)
        return list(block)  # one view per row

    def delete(self, ids: Iterable[Hashable]) -> None:
        """Tombstone the rows of ``ids`` (ids without a vector are ignored)."""
        for doc_id in ids:
            self._tombstone(doc_id)

    def compact(self) -> dict[Hashable, Matrix]:
        """Copy the live rows of every mostly-tombstoned full chunk into new rows and drop that chunk;
        returns the moved ids' new views (the caller puts them in new document dicts). The dropped
        matrix is freed once no document refers to it (see the module docstring)."""
        moved: dict[Hashable, Matrix] = {}
        while self._sparse:
            slot = self._sparse.pop()
            chunk = self._chunks[slot]
            assert chunk is not None
            offsets = np.flatnonzero(chunk.live[: chunk.filled])
            ids = [chunk.ids[o] for o in offsets.tolist()]
            values = chunk.vectors[offsets]  # a copy: the old chunk stays as it is
            self._release(slot)
            for doc_id in ids:  # detached first, so put() does not tombstone rows of a released chunk
                del self._row_of[doc_id]
            moved.update(zip(ids, self.put(ids, values), strict=True))
        return moved

    def _appendable(self) -> tuple[int, _Chunk]:
        if self._append is not None:
            chunk = self._chunks[self._append]
            assert chunk is not None
            if chunk.filled < self.chunk_rows:
                return self._append, chunk
            self._check_sparse(self._append, chunk)  # full now: compactable from here on
        chunk = _Chunk(np.empty((self.chunk_rows, self.dims), dtype=np.float32))
        slot = self._place(chunk)
        self._append = slot
        return slot, chunk

    def _tombstone(self, doc_id: Hashable) -> None:
        row = self._row_of.pop(doc_id, None)
        if row is None:
            return
        slot = row >> self._shift
        chunk, offset = self._locate(row)
        chunk.live[offset] = False
        chunk.ids[offset] = None
        chunk.dead += 1
        if slot != self._append and chunk.filled == chunk.capacity:  # not while being filled
            self._check_sparse(slot, chunk)

    def _check_sparse(self, slot: int, chunk: _Chunk) -> None:
        if chunk.dead == chunk.filled:  # nothing to move: drop it at once
            self._sparse.discard(slot)
            self._release(slot)
        elif chunk.dead * 2 >= chunk.capacity:
            self._sparse.add(slot)

    def _release(self, slot: int) -> None:
        self._chunks[slot] = None
        self._free_slots.append(slot)
        if self._append == slot:
            self._append = None

    # ---- introspection ---------------------------------------------------------------------------------------
    def memory_bytes(self) -> int:
        """Bytes of the rows handed out in the chunks this column holds (untouched capacity excluded)."""
        return sum(c.filled * (self.dims + 1) * 4 for c in self._chunks if c is not None)

    def tombstones(self) -> int:
        return sum(c.dead for c in self._chunks if c is not None)


def _scan(vectors: Matrix, squares: Matrix, q_scan: Matrix, metric: str) -> Matrix:
    """Float32 ranking distances (``exact.scan``) from squared norms kept beside the rows."""
    row_norms = np.sqrt(squares) if metric == exact.COSINE else squares
    found: Matrix = exact.scan(vectors, row_norms, q_scan, metric)
    return found


def _best_of(winners: list[Rows], scores: list[Matrix], keep: int) -> Rows:
    if not winners:
        return np.empty(0, dtype=np.int64)
    rows = np.concatenate(winners)
    best: Rows = rows[exact.smallest(np.concatenate(scores), keep)]
    return best
