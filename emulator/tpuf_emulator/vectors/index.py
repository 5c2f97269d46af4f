"""``VectorIndex``: exact search over a small unindexed tail merged with an ANN graph over the rest.

This mirrors how turbopuffer serves vectors. A write only copies the vector into a row and appends
the row to the *tail*; a background thread later *folds* tail rows into the HNSW graph in batches.
A query searches the tail exhaustively (exact, numpy) and the graph approximately, re-scores the
graph's candidates with the float32 rows, and merges the two. So writes stay fast, everything
written is immediately visible, and results on the tail are exact.

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
from collections.abc import Collection, Hashable, Iterable

import numpy as np

from . import exact
from .graph import Graph
from .store import RowStore

FOLD_THRESHOLD = 2_048  # tail rows that start a background fold; smaller tails are just scanned
FOLD_BATCH = 4_096  # rows per graph call: larger batches insert faster (threads are started per call)
OVERSAMPLE = 3  # graph candidates per wanted result before exact re-scoring (int8 -> float32)
FILTER_EXACT_SCALE = 4.0  # scan allowed rows exactly when |allowed| <= scale * sqrt(k * n)
MIN_FILTER_EXACT = 2_048
SCAN_BLOCK = 4_096  # rows gathered per block when scanning a scattered set of rows


class VectorIndex:
    """Nearest-neighbour index of one vector attribute of one namespace (ids -> float32 vectors)."""

    def __init__(
        self,
        dims: int,
        metric: str,
        *,
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
        self._store = RowStore(dims, metric)
        self._graph = Graph(dims, metric, threads=threads if threads is not None else (os.cpu_count() or 1))
        self._tail: dict[int, None] = {}  # rows not yet in the graph, in write order
        self._tail_cache: np.ndarray | None = None
        self._in_flight: set[int] = set()  # tail rows the folder is inserting right now
        self._retired_in_graph: list[int] = []  # rows to remove from the graph before reuse
        self._lock = threading.RLock()
        self._fold_lock = threading.Lock()  # one folder at a time
        self._fold_threshold = fold_threshold
        self._fold_batch = fold_batch
        self._background = background
        self._folder: threading.Thread | None = None
        self._closed = False

    # ---- writes ------------------------------------------------------------------------------------
    def upsert(self, ids: Iterable[Hashable], matrix: np.ndarray) -> None:
        """Insert or replace the vectors of ``ids`` (one row of ``matrix`` each)."""
        ids = list(ids)
        matrix = np.asarray(matrix, dtype=np.float32).reshape(len(ids), -1) if ids else matrix
        if not ids:
            return
        if matrix.shape[1] != self.dims:
            raise ValueError(f"expected vectors of {self.dims} dimensions, got {matrix.shape[1]}")
        prepared = self._store.prepare(matrix)
        with self._lock:
            for doc_id, vector in zip(ids, prepared, strict=True):
                self._retire(doc_id)
                self._tail[self._store.assign(doc_id, vector)] = None
            self._tail_cache = None
        self._maybe_fold()

    def remove(self, ids: Iterable[Hashable]) -> None:
        """Forget the vectors of ``ids`` (unknown ids are ignored)."""
        with self._lock:
            for doc_id in ids:
                self._retire(doc_id)
            self._tail_cache = None
        self._maybe_fold()

    def _retire(self, doc_id: Hashable) -> None:
        row = self._store.release(doc_id)
        if row is None:
            return
        if row in self._tail and row not in self._in_flight:
            del self._tail[row]
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
        self, query: np.ndarray, k: int, allowed: Collection[Hashable] | None = None
    ) -> list[tuple[Hashable, float]]:
        """The ``k`` nearest documents as ``(id, distance)``, nearest first, optionally only ids in ``allowed``."""
        q = self._prepare_query(query)
        with self._lock:
            live = len(self._store)
            if k <= 0 or live == 0 or (allowed is not None and len(allowed) == 0):
                return []
            if allowed is not None and len(allowed) <= self._filter_exact_limit(k, live):
                return self._exact(q, k, self._store.rows_for(allowed))
            rows = [self._tail_rows(allowed)]
            if len(self._graph):
                rows.append(self._graph_candidates(q, k, allowed, live))
            return self._best(q, k, np.concatenate(rows))

    def exact_search(
        self, query: np.ndarray, k: int, allowed: Collection[Hashable] | None = None
    ) -> list[tuple[Hashable, float]]:
        """Exhaustive search (the ground truth for ``/_debug/recall`` and for tests)."""
        q = self._prepare_query(query)
        with self._lock:
            if allowed is None:
                rows = np.fromiter(self._store.row_of.values(), dtype=np.int64, count=len(self._store))
            else:
                rows = self._store.rows_for(allowed)
            return self._exact(q, k, rows)

    def _prepare_query(self, query: np.ndarray) -> np.ndarray:
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        if q.shape[0] != self.dims:
            raise ValueError(f"query vector has {q.shape[0]} dimensions, the index has {self.dims}")
        return exact.unit(q) if self.metric == exact.COSINE else q

    @staticmethod
    def _filter_exact_limit(k: int, live: int) -> int:
        return max(MIN_FILTER_EXACT, int(FILTER_EXACT_SCALE * math.sqrt(k * live)))

    def _tail_rows(self, allowed: Collection[Hashable] | None) -> np.ndarray:
        if self._tail_cache is None:
            id_of = self._store.id_of
            self._tail_cache = np.fromiter((r for r in self._tail if id_of[r] is not None), dtype=np.int64)
        if allowed is None:
            return self._tail_cache
        id_of = self._store.id_of
        return np.fromiter((r for r in self._tail_cache.tolist() if id_of[r] in allowed), dtype=np.int64)

    def _graph_candidates(
        self, q: np.ndarray, k: int, allowed: Collection[Hashable] | None, live: int
    ) -> np.ndarray:
        """Live graph rows near ``q`` (and allowed), enough of them to hold the true top ``k``."""
        id_of, tail = self._store.id_of, self._tail
        want = k * OVERSAMPLE
        fetch = want + min(len(self._retired_in_graph), want)  # retired rows not yet removed take slots
        if allowed is not None:
            fetch = int(fetch * min(live / max(len(allowed), 1), 64)) + want
        while True:
            keys = self._graph.search(q, fetch)
            rows = [
                r
                for r in keys.tolist()
                if id_of[r] is not None and r not in tail and (allowed is None or id_of[r] in allowed)
            ]
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

    def _exact(self, q: np.ndarray, k: int, rows: np.ndarray) -> list[tuple[Hashable, float]]:
        return self._best(q, k, rows)

    def _best(self, q: np.ndarray, k: int, rows: np.ndarray) -> list[tuple[Hashable, float]]:
        """Exact top ``k`` among ``rows``: a float32 scan to rank, then float64 re-scoring of the winners."""
        if len(rows) == 0:
            return []
        store = self._store
        ranked = rows[exact.smallest(self._scan_rows(q, rows), k + 4)]
        distances = exact.rescore(store.vectors[ranked], q, self.metric)
        id_of = store.id_of
        order = exact.smallest(distances, k)
        return [
            (id_of[r], float(distances[i]))
            for i, r in zip(order.tolist(), ranked[order].tolist(), strict=True)
        ]

    def _scan_rows(self, q: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Distances from ``q`` to ``rows`` (unique), avoiding a fresh copy of the rows where possible.

        Copying rows out of the matrix (fancy indexing) costs more than the dot products, mostly in
        page faults on the new array; so contiguous runs are sliced, a large share of the matrix
        is scanned whole, and other sets are gathered through one small reused buffer.
        """
        store, metric = self._store, self.metric
        used = store.rows_used
        lo, hi = int(rows.min()), int(rows.max()) + 1
        if hi - lo == len(rows) or len(rows) * 3 >= used:
            start, stop = (lo, hi) if hi - lo == len(rows) else (0, used)
            norms = store.sqnorms[start:stop] if store.sqnorms is not None else None
            return exact.scan(store.vectors[start:stop], norms, q, metric)[rows - start]
        out = np.empty(len(rows), dtype=np.float32)
        block = min(len(rows), SCAN_BLOCK)
        buffer = np.empty((block, self.dims), dtype=np.float32)
        for begin in range(0, len(rows), block):
            part = rows[begin : begin + block]
            gathered = np.take(store.vectors, part, axis=0, out=buffer[: len(part)])
            norms = store.sqnorms[part] if store.sqnorms is not None else None
            out[begin : begin + len(part)] = exact.scan(gathered, norms, q, metric)
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
            self._folder = threading.Thread(target=self._fold, name="vector-index-fold", daemon=True)
            self._folder.start()

    def _fold(self) -> None:
        """Insert tail rows into the graph batch by batch until the tail is empty."""
        with self._fold_lock:
            while True:
                with self._lock:
                    self._drop_retired()
                    if not self._tail or self._closed:
                        return
                    batch = [r for r in self._tail if self._store.id_of[r] is not None][: self._fold_batch]
                    if not batch:  # the tail holds only retired rows
                        for r in list(self._tail):
                            del self._tail[r]
                            self._store.free([r])
                        self._tail_cache = None
                        continue
                    rows = np.asarray(batch, dtype=np.int64)
                    vectors = self._store.vectors[rows].copy()
                    self._in_flight.update(batch)
                    grow = self._graph.needs_growth(len(batch))
                    if grow:  # reallocation must not race a search: insert under the lock
                        self._graph.add(rows, vectors)
                if not grow:
                    self._graph.add(rows, vectors)
                with self._lock:
                    for r in batch:
                        del self._tail[r]
                        if self._store.id_of[r] is None:  # retired while being inserted
                            self._retired_in_graph.append(r)
                    self._in_flight.clear()
                    self._tail_cache = None

    def _drop_retired(self) -> None:
        if self._retired_in_graph:
            rows, self._retired_in_graph = self._retired_in_graph, []
            self._graph.remove(rows)
            self._store.free(rows)

    # ---- introspection -------------------------------------------------------------------------------
    def memory_bytes(self) -> int:
        """Approximate resident bytes: the float32 rows plus the graph."""
        return self._store.resident_bytes() + self._graph.memory_bytes()
