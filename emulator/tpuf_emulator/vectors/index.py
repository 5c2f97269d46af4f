"""``VectorIndex``: exact search over a small unindexed tail merged with an ANN graph over the rest.

This mirrors how turbopuffer serves vectors. A write only copies the vector into the *tail*; a
background thread later *folds* tail rows into the HNSW graph in batches and then drops their
float32 copies. A query searches the tail exhaustively (exact, numpy) and the graph approximately,
re-scores the graph's candidates exactly from the documents' own vectors (``lookup``), and merges
the two. So writes stay fast, everything written is immediately visible, results on the tail are
exact, and the process holds each vector once (in its document) plus the compact graph.

``lookup(ids) -> float32 matrix`` returns the current vectors of live ids; the namespace passes one
reading its documents (searches run under the namespace's read lock, so they match the index).
Without one the index keeps its own copy of every vector (tests, in-process benchmarks).

Deletes and updates: an updated document gets a new row (in the tail) and its old row is retired.
Retired rows that are in the graph are removed from it by the folder (searches skip them until
then) and only then reused, so a row key always means one vector.

Filtered search (``allowed`` = the ids that passed the filter): when the allowed set is small,
scanning exactly just those rows is both cheaper and exact; otherwise the graph is asked for
``k`` candidates scaled by the inverse selectivity, filtered, and asked again with more if too few
survive, falling back to the exact scan, so a filter never loses results.

Concurrency: every public method takes the index's lock, except the graph insertion itself, which
usearch performs concurrently with searches (it never reallocates during such an insertion: if a
batch needs the graph to grow, that batch is inserted under the lock instead).
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from itertools import islice

import numpy as np

from ..background import lower_current_thread_priority
from . import exact
from .column import VectorColumn
from .graph import Graph
from .graph import codes_for as _codes_for
from .idmap import int_keys
from .memory import release_free_memory
from .saved import SavedGraph
from .store import OWN_ROW_LIMIT, RowStore, TailVectors

FOLD_THRESHOLD = 2_048  # tail rows that start a background fold; smaller tails are just scanned
FOLD_BATCH = 4_096  # rows per graph call: larger batches insert faster (threads are started per call)
EXTRA_CANDIDATES = 3_000  # cap on the candidates beyond 3 per result (large k, 1-bit graphs)
FILTER_EXACT_SCALE = 4.0  # scan allowed rows exactly when |allowed| <= scale * sqrt(k * n)
MIN_FILTER_EXACT = 2_048
# With the vectors in one matrix (column.py) a filtered exact scan costs ~0.2-0.5 us per 1,000
# multiply-adds, and a filtered graph search 1-4 ms: the scan wins up to ~3M elements of allowed
# rows (measured on 21k x 384 and 50k x 768: exact 1.0 vs graph 1.7 ms at 1.6M elements, 2.6 vs 3.8
# ms at 3.8M, 5.1 vs 2.2 ms at 7.7M). Exact is also exactly right, so ties go to it.
COLUMN_EXACT_ELEMENTS = 3_000_000
SCAN_BLOCK = 4_096  # rows gathered per block when scanning a scattered set of rows
RESTORE_BLOCK = 65_536  # vectors copied into the tail per step when restoring a saved graph
RESCORE_MARGIN = 4  # extra float32-ranked winners re-scored in float64 (ties at float32 precision)

Lookup = Callable[[Sequence[Hashable]], np.ndarray]


class VectorIndex:
    """Nearest-neighbour index of one vector attribute of one namespace (ids -> float32 vectors)."""

    def __init__(
        self,
        dims: int,
        metric: str,
        *,
        lookup: Lookup | None = None,
        column: VectorColumn | None = None,
        fold_threshold: int = FOLD_THRESHOLD,
        fold_batch: int = FOLD_BATCH,
        background: bool = True,
        threads: int | None = None,
    ) -> None:
        if metric not in exact.METRICS:
            raise ValueError(
                f"unknown distance metric {metric!r}; expected one of {', '.join(exact.METRICS)}"
            )
        self.dims = dims
        self.metric = metric
        if column is not None and lookup is None:
            lookup = column.vectors_of
        self._column = column  # exact scans read it as one matrix (column.py)
        self._own: dict[Hashable, np.ndarray] | None = None if lookup is not None else {}
        self._lookup: Lookup = lookup if lookup is not None else self._own_vectors
        self._store = RowStore()
        self._tail_vectors = TailVectors(dims, metric)
        self._graph = Graph(dims, metric, threads=threads if threads is not None else (os.cpu_count() or 1))
        self._tail: dict[int, None] = {}  # rows not yet in the graph, in write order
        self._tail_cache: np.ndarray | None = None
        self._in_flight: set[int] = set()  # tail rows the folder is inserting right now
        self._retired_in_graph: list[int] = []  # rows to remove from the graph before reuse
        self._lock = threading.RLock()
        self._fold_lock = threading.Lock()  # one folder at a time
        self._graph_frozen = threading.Lock()  # held while the graph changes (a fold batch) or is saved
        self._fold_threshold = fold_threshold
        self._fold_batch = fold_batch
        self._background = background
        self._folder: threading.Thread | None = None
        self._closed = False

    def _own_vectors(self, ids: Sequence[Hashable]) -> np.ndarray:
        assert self._own is not None
        own = self._own
        return np.stack([own[i] for i in ids]) if ids else np.empty((0, self.dims), dtype=np.float32)

    # ---- writes --------------------------------------------------------------------------------------
    def upsert(self, ids: Iterable[Hashable], matrix: np.ndarray) -> None:
        """Insert or replace the vectors of ``ids`` (one row of ``matrix`` each; the last one wins)."""
        ids = list(ids)
        if not ids:
            return
        matrix = np.ascontiguousarray(np.asarray(matrix, dtype=np.float32).reshape(len(ids), -1))
        if matrix.shape[1] != self.dims:
            raise ValueError(f"expected vectors of {self.dims} dimensions, got {matrix.shape[1]}")
        if len(set(ids)) != len(ids):  # keep the last vector of a repeated id
            last = {doc_id: position for position, doc_id in enumerate(ids)}
            ids, matrix = list(last), matrix[list(last.values())]
        with self._lock:
            retire, assign, tail = self._retire, self._store.assign, self._tail
            rows = []
            for doc_id in ids:
                retire(doc_id)
                row = assign(doc_id)
                tail[row] = None
                rows.append(row)
            self._tail_vectors.put(rows, matrix)
            if self._own is not None:
                self._own.update(zip(ids, matrix.copy(), strict=True))
            self._tail_cache = None
        self._maybe_fold()

    def remove(self, ids: Iterable[Hashable]) -> None:
        """Forget the vectors of ``ids`` (unknown ids are ignored)."""
        with self._lock:
            for doc_id in ids:
                self._retire(doc_id)
                if self._own is not None:
                    self._own.pop(doc_id, None)
            self._tail_cache = None
        self._maybe_fold()

    def _retire(self, doc_id: Hashable) -> None:
        row = self._store.release(doc_id)
        if row is None:
            return
        if row in self._tail and row not in self._in_flight:
            del self._tail[row]
            self._tail_vectors.drop(row)
            self._store.free([row])
        elif row not in self._tail:
            self._retired_in_graph.append(row)
        # in flight: the folder sees the row has no owner when it finishes, and retires it then

    # ---- reads -------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._store)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._store.row_of

    @property
    def unindexed_count(self) -> int:
        """Live documents only reachable by the exhaustive tail scan (``exhaustive_search_count``)."""
        with self._lock:
            return len(self._tail_rows(None))

    @property
    def indexing_backlog(self) -> int:
        """Tail rows a fold is due or running for (0 when idle): what metadata reports as ``updating``.

        A tail shorter than the fold threshold is not a backlog: it is searched exactly and waits
        for more writes, so an idle namespace reports ``up-to-date``.
        """
        with self._lock:
            folding = self._folder is not None and self._folder.is_alive()
            tail = len(self._tail_rows(None))
            return tail if folding or tail >= self._fold_threshold else 0

    def search(
        self,
        query: np.ndarray,
        k: int,
        allowed: Collection[Hashable] | None = None,
        allowed_rows: np.ndarray | None = None,
    ) -> list[tuple[Hashable, float]]:
        """The ``k`` nearest documents as ``(id, distance)``, nearest first, optionally only ids in ``allowed``.

        ``allowed_rows``: the rows in this index's column of exactly those allowed ids that have a
        vector (``VectorColumn.positions``), when the caller has them; used only with a column.
        """
        q, q_scan = self._prepare_query(query)
        rows = allowed_rows if self._column is not None and allowed is not None else None
        with self._lock:
            live = len(self._store)
            count = len(rows) if rows is not None else len(allowed) if allowed is not None else live
            if k <= 0 or live == 0 or count == 0:
                return []
            if allowed is not None and count <= self._filter_exact_limit(k, live):
                if self._column is not None:
                    return self._column.nearest(q, k, self.metric, allowed, rows)
                return self._best(q, q_scan, k, self._store.rows_for(allowed))
            tail_and_graph = [self._tail_rows(allowed)]
            if len(self._graph):
                tail_and_graph.append(self._graph_candidates(q_scan, k, allowed, live))
            return self._best(q, q_scan, k, np.concatenate(tail_and_graph))

    def exact_search(
        self,
        query: np.ndarray,
        k: int,
        allowed: Collection[Hashable] | None = None,
        allowed_rows: np.ndarray | None = None,
    ) -> list[tuple[Hashable, float]]:
        """Exhaustive search (the ground truth for ``/_debug/recall`` and for tests)."""
        q, q_scan = self._prepare_query(query)
        if self._column is not None:  # the namespace's matrix holds every live vector: one scan
            return self._column.nearest(q, k, self.metric, allowed, None if allowed is None else allowed_rows)
        with self._lock:
            if allowed is None:
                rows = self._store.all_rows()
            else:
                rows = self._store.rows_for(allowed)
            return self._best(q, q_scan, k, rows)

    def _prepare_query(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The query as given (for exact re-scoring) and its scan form (unit length for cosine)."""
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        if q.shape[0] != self.dims:
            raise ValueError(f"query vector has {q.shape[0]} dimensions, the index has {self.dims}")
        return q, exact.unit(q) if self.metric == exact.COSINE else q

    def _filter_exact_limit(self, k: int, live: int) -> int:
        limit = max(MIN_FILTER_EXACT, int(FILTER_EXACT_SCALE * math.sqrt(k * live)))
        if self._column is not None:
            limit = max(limit, COLUMN_EXACT_ELEMENTS // self.dims)
        return limit

    def _tail_rows(self, allowed: Collection[Hashable] | None) -> np.ndarray:
        if self._tail_cache is None:
            id_of = self._store.id_for
            self._tail_cache = np.fromiter((r for r in self._tail if id_of(r) is not None), dtype=np.int64)
        if allowed is None:
            return self._tail_cache
        id_of = self._store.id_for
        return np.fromiter((r for r in self._tail_cache.tolist() if id_of(r) in allowed), dtype=np.int64)

    def _candidates_for(self, k: int) -> int:
        """Graph candidates re-scored exactly for a top ``k``: ``oversample`` per result (graph.py), but
        for a large ``k`` at most ``EXTRA_CANDIDATES`` beyond the usual 3 per result, so a top-1000
        query does not re-score 30,000 vectors."""
        return max(k * 3, min(k * self._graph.oversample, k * 3 + EXTRA_CANDIDATES))

    def _graph_candidates(
        self, q_scan: np.ndarray, k: int, allowed: Collection[Hashable] | None, live: int
    ) -> np.ndarray:
        """Live graph rows near the query (and allowed), enough of them to hold the true top ``k``."""
        id_of, tail = self._store.id_for, self._tail
        want = self._candidates_for(k)
        fetch = want + min(len(self._retired_in_graph), want)  # retired rows not yet removed take slots
        if allowed is not None:
            fetch = int(fetch * min(live / max(len(allowed), 1), 64)) + want
        while True:
            keys = self._graph.search(q_scan, fetch)
            owned = keys[self._store.live(keys)]  # one vectorised test instead of a lookup per key
            rows = [r for r in owned.tolist() if r not in tail and (allowed is None or id_of(r) in allowed)]
            exhausted = len(keys) < fetch
            if len(rows) >= max(k, want // 2) or exhausted:  # enough survivors to hold the true top k
                return np.asarray(rows, dtype=np.int64)
            if fetch >= len(self._graph) // 4:  # asking for most of the graph: scanning is cheaper
                return self._indexed_rows(allowed)
            fetch *= 4

    def _indexed_rows(self, allowed: Collection[Hashable] | None) -> np.ndarray:
        ids = self._store.row_of.keys() if allowed is None else allowed
        tail = self._tail
        return np.fromiter((r for r in self._store.rows_for(ids).tolist() if r not in tail), dtype=np.int64)

    def _best(
        self, q: np.ndarray, q_scan: np.ndarray, k: int, rows: np.ndarray
    ) -> list[tuple[Hashable, float]]:
        """Exact top ``k`` among ``rows``: float32 ranking, then float64 re-scoring of the winners.

        Tail rows are ranked from the tail's float32 copies; graph rows from the documents' vectors
        (``lookup``), block by block so a large exact scan never gathers everything at once.
        """
        if len(rows) == 0:
            return []
        keep = k + RESCORE_MARGIN
        tail, id_of = self._tail, self._store.id_for
        in_tail = np.fromiter((r in tail for r in rows.tolist()), dtype=bool, count=len(rows))
        winners: list[np.ndarray] = []
        vectors: list[np.ndarray] = []
        tail_rows = rows[in_tail]
        if len(tail_rows):
            slots = self._tail_vectors.slots_for(tail_rows)
            best = exact.smallest(self._scan_tail(q_scan, slots), keep)
            winners.append(tail_rows[best])
            vectors.append(self._tail_vectors.vectors[slots[best]])
        graph_rows = rows[~in_tail]
        for begin in range(0, len(graph_rows), SCAN_BLOCK):
            block = graph_rows[begin : begin + SCAN_BLOCK]
            found = np.asarray(self._lookup([id_of(r) for r in block.tolist()]), dtype=np.float32)
            if len(block) > keep:
                best = exact.smallest(
                    exact.scan(found, exact.norms(found, self.metric), q_scan, self.metric), keep
                )
                block, found = block[best], found[best]
            winners.append(block)
            vectors.append(found)
        ranked = np.concatenate(winners)
        distances = exact.rescore(np.concatenate(vectors), q, self.metric)
        order = exact.smallest(distances, k)
        return [
            (id_of(r), float(distances[i]))
            for i, r in zip(order.tolist(), ranked[order].tolist(), strict=True)
        ]

    def _scan_tail(self, q_scan: np.ndarray, slots: np.ndarray) -> np.ndarray:
        """Float32 distances from the query to the tail ``slots`` (unique), copying as little as possible.

        Copying rows out of the matrix (fancy indexing) costs more than the dot products, mostly in
        page faults on the new array; so contiguous runs are sliced, a large share of the matrix
        is scanned whole, and other sets are gathered through one small reused buffer.
        """
        store, metric = self._tail_vectors, self.metric
        used = store.used
        lo, hi = int(slots.min()), int(slots.max()) + 1
        if hi - lo == len(slots) or len(slots) * 3 >= used:
            start, stop = (lo, hi) if hi - lo == len(slots) else (0, used)
            scanned = exact.scan(store.vectors[start:stop], store.norms[start:stop], q_scan, metric)
            picked: np.ndarray = scanned[slots - start]
            return picked
        out = np.empty(len(slots), dtype=np.float32)
        block = min(len(slots), SCAN_BLOCK)
        buffer = np.empty((block, self.dims), dtype=np.float32)
        for begin in range(0, len(slots), block):
            part = slots[begin : begin + block]
            gathered = np.take(store.vectors, part, axis=0, out=buffer[: len(part)], mode=exact.TAKE_MODE)
            out[begin : begin + len(part)] = exact.scan(gathered, store.norms[part], q_scan, metric)
        return out

    # ---- folding the tail into the graph ---------------------------------------------------------------
    def flush(self) -> None:
        """Fold the whole tail into the graph now, in the calling thread (tests, snapshots, benchmarks)."""
        self._fold()

    def close(self) -> None:
        """Stop background folding (the namespace was deleted or its indexes reset); searches still work."""
        self._closed = True

    def _maybe_fold(self) -> None:
        with self._lock:
            if self._closed:
                return
            due = (
                len(self._tail) >= self._fold_threshold or len(self._retired_in_graph) >= self._fold_threshold
            )
            if not due or not self._background or (self._folder is not None and self._folder.is_alive()):
                return
            self._folder = threading.Thread(
                target=self._fold_in_background, name="vector-index-fold", daemon=True
            )
            self._folder.start()

    def _fold_in_background(self) -> None:
        lower_current_thread_priority()  # queries and writes come first (../background.py)
        self._fold()

    def _fold(self) -> None:
        """Insert tail rows into the graph batch by batch until the tail is empty."""
        folded = 0
        with self._fold_lock:
            while True:
                with self._graph_frozen:  # held per batch: save_graph waits for one batch at most
                    count = self._fold_step()
                if count is None:
                    break
                folded += count
        if folded:  # the batches' copies and the freed tail go back to the system
            release_free_memory(force=True)

    def _fold_step(self) -> int | None:
        """Fold one batch (returns its row count), or None when the tail is empty (or closed)."""
        with self._lock:
            self._drop_retired()
            if not self._tail or self._closed:
                self._tail_vectors.maybe_compact()
                return None
            id_of = self._store.id_for  # the first live rows only, not a list of the whole tail
            batch = list(islice((r for r in self._tail if id_of(r) is not None), self._fold_batch))
            if not batch:  # the tail holds only retired rows
                for r in list(self._tail):
                    del self._tail[r]
                    self._tail_vectors.drop(r)
                    self._store.free([r])
                self._tail_cache = None
                return 0
            rows = np.asarray(batch, dtype=np.int64)
            vectors = self._tail_vectors.vectors[self._tail_vectors.slots_for(rows)]
            self._in_flight.update(batch)
            grow = self._graph.needs_growth(len(batch))
            if grow:  # reallocation must not race a search: insert under the lock
                self._graph.add(rows, vectors)
        if not grow:
            self._graph.add(rows, vectors)
        with self._lock:
            for r in batch:
                del self._tail[r]
                self._tail_vectors.drop(r)  # searched from the documents' vectors from now on
                if self._store.id_for(r) is None:  # retired while being inserted
                    self._retired_in_graph.append(r)
            if not self._tail:  # a dict never shrinks on delete: a bulk load's table would stay
                self._tail = {}
            self._in_flight.clear()
            self._tail_cache = None
            self._tail_vectors.maybe_compact()
        return len(batch)

    def _drop_retired(self) -> None:
        if self._retired_in_graph:
            rows, self._retired_in_graph = self._retired_in_graph, []
            self._graph.remove(rows)
            self._store.free(rows)

    # ---- saving and restoring the graph -------------------------------------------------------------
    def save_graph(self, owner: str) -> SavedGraph | None:
        """The graph as it is now with what its rows mean, or None while it is empty.

        ``_graph_frozen`` keeps the graph unchanged while it is serialised (only the folder changes it,
        one batch at a time under that lock),
        and the row maps are read under the index lock at the same moment, so the saved graph and
        maps describe one state. Writes and searches go on meanwhile (writes only touch the tail).
        Restored over documents of any later state, it is reconciled by :meth:`restored`.
        """
        with self._graph_frozen:
            with self._lock:
                if not len(self._graph):
                    return None
                retired = list(self._retired_in_graph)
                tail = self._tail
                named = [(row, doc_id) for row, doc_id in self._store.named_rows() if row not in tail]
            graph = self._graph.to_bytes()
        return SavedGraph(
            owner=owner,
            dims=self.dims,
            metric=self.metric,
            codes=self._graph.codes,
            retired=retired,
            named_rows=[row for row, _ in named],
            named_ids=[doc_id for _, doc_id in named],
            graph=graph,
        )

    @classmethod
    def restored(
        cls,
        saved: SavedGraph,
        ids: Iterable[Hashable] | np.ndarray,
        *,
        lookup: Lookup | None = None,
        column: VectorColumn | None = None,
        background: bool = True,
        threads: int | None = None,
    ) -> VectorIndex:
        """An index of the vectors of ``ids`` (read through ``lookup`` or ``column``) starting from ``saved``.

        Each of ``ids`` whose row was live in the saved graph keeps that row; the others go to the
        tail (searched exactly, folded in the background as usual); graph rows of no id in ``ids``
        are retired (skipped by searches, removed by the folder). The caller guarantees that an id
        whose vector differs from the one its saved row was built from is written again afterwards
        (recovery replays every write after the snapshot the graph was saved with, and a write
        retires the id's row): so the restored index equals one built from scratch over the same
        documents, up to the graph's approximation.
        """
        if saved.codes != _codes_for(saved.dims, saved.metric):
            raise ValueError(
                f"saved graph has {saved.codes} codes, expected {_codes_for(saved.dims, saved.metric)}"
            )
        index = cls(
            saved.dims, saved.metric, lookup=lookup, column=column, background=background, threads=threads
        )
        index._graph = Graph(saved.dims, saved.metric, threads=index._graph._threads, saved=saved.graph)
        keys = index._graph.keys()
        retired = set(saved.retired)
        graph_own = keys[keys < OWN_ROW_LIMIT]
        if retired:
            graph_own = graph_own[~_members(graph_own, np.fromiter(retired, dtype=np.int64))]
        row_of_named = {doc_id: row for row, doc_id in zip(saved.named_rows, saved.named_ids, strict=True)}
        # ids that are their own live graph row, found with array operations (1M ids: ~10 ms, against
        # ~0.3 s for sets of Python ints); a Python loop only over the others (usually none)
        id_list: list[Hashable] = [] if isinstance(ids, np.ndarray) else list(ids)
        id_array = ids if isinstance(ids, np.ndarray) else int_keys(id_list)
        if id_array is not None:
            is_own = _members(id_array, graph_own)
            own = id_array[is_own]
            others: list[Hashable] = id_array[~is_own].tolist()
        else:
            own_set = set(graph_own.tolist()).intersection(id_list)
            own = np.fromiter(own_set, dtype=np.int64, count=len(own_set))
            others = [i for i in id_list if not (type(i) is int and i in own_set)]
        named: dict[int, Hashable] = {}
        tail: list[Hashable] = []
        for doc_id in others:
            row = row_of_named.get(doc_id)
            if row is None or row in retired:
                tail.append(doc_id)
            else:
                named[row] = doc_id
        adopted = np.concatenate([own, np.fromiter(named, dtype=np.int64, count=len(named))])
        stale = keys[~_members(keys, adopted)].tolist()
        index._store.restore(own, named, stale)
        index._retired_in_graph = stale
        for begin in range(0, len(tail), RESTORE_BLOCK):
            block = tail[begin : begin + RESTORE_BLOCK]
            index.upsert(block, index._lookup(block))
        index._maybe_fold()  # removes the stale rows even when no vector went to the tail
        return index

    # ---- introspection -------------------------------------------------------------------------------
    def memory_bytes(self) -> int:
        """Approximate resident bytes of the index: the tail's float32 rows, the graph and own copies."""
        own = len(self._own) * self.dims * 4 if self._own is not None else 0
        return self._tail_vectors.resident_bytes() + self._graph.memory_bytes() + own


def _members(values: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """Whether each of ``values`` (int64) is in ``pool`` (int64): a lookup table when both are small
    non-negative numbers (uint ids usually are), else ``np.isin``."""
    if not len(values) or not len(pool):
        return np.zeros(len(values), dtype=np.bool_)
    low = min(int(values.min()), int(pool.min()))
    high = max(int(values.max()), int(pool.max()))
    if low >= 0 and high < 8 * (len(values) + len(pool)) + (1 << 20):
        table = np.zeros(high + 1, dtype=np.bool_)
        table[pool] = True
        found: np.ndarray = table[values]
        return found
    return np.isin(values, pool)
