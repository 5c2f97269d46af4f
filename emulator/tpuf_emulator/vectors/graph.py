"""The approximate part of the index: a usearch HNSW graph of compact codes, keyed by row number.

Why usearch (measured, see README.md in this folder): small codes stored natively, fast insertion,
real removal of keys (no tombstones piling up), from a wheel on PyPI with no compiler needed.

The graph only *proposes* candidates; exact float32 distances from the documents' own vectors
decide the order (``index.py``). So its codes can be small:

* cosine: one sign bit per dimension (usearch ``b1``, Hamming distance; 96 bytes at 768-d), the
  1-bit quantisation turbopuffer's own index builds on. Measured at 100k x 768 against the int8
  codes used before: 4x smaller graph (the whole process went from 1.53x to ~1.3x the raw vector
  bytes at 1M), 2-4x faster insertion, and with ``OVERSAMPLE_BITS`` candidates per result the same
  or better recall@10 after re-scoring (clustered embeddings: 1.000 for both; a hard, unclustered
  128-d latent set: 0.48-0.65 against 0.48-0.53 for int8 at 30 candidates), at similar latency.
  Below ``BITS_MIN_DIMS`` dimensions sign bits carry too little (32-d: recall@10 0.90 with a tenth of
  the rows as candidates), so small cosine vectors keep int8 codes of their unit vectors; they are
  cheap there anyway.
* euclidean: float16 (sign bits say nothing about distances between vectors of different lengths).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .exact import COSINE, unit

# Graph degree (M). 14, not the usual 16: usearch lays nodes out on 64-byte boundaries, and a 1-bit
# 768-d node with 2M = 32 level-0 links just spills into a third line. Measured (200k x 768,
# embedding-like, in process, 2026-12-08): resident 355 -> 292 bytes per node, build 16.2k -> 18.6k
# rows/s, ANN p50 0.96 -> 0.90 ms, recall@10 1.0 both, filtered (1%) recall 1.0 both.
CONNECTIVITY = 14
EXPANSION_ADD = 128  # ef_construction
EXPANSION_SEARCH = 128  # ef_search floor
BITS_MIN_DIMS = 256  # cosine vectors with at least this many dimensions get 1-bit codes
if TYPE_CHECKING:  # usearch (and the tqdm it imports) loads with the first graph: ~7 MiB of
    from usearch.index import Index  # resident memory a server holding only text never needs

OVERSAMPLE = {"b1": 30, "i8": 3, "f16": 3}  # candidates per wanted result (re-scored exactly)


_USEARCH_METRIC = {"b1": "hamming", "i8": "cos", "f16": "l2sq"}


def codes_for(dims: int, metric: str) -> str:
    """The graph's code type for vectors of ``dims`` dimensions compared by ``metric`` (see above)."""
    if metric == COSINE:
        return "b1" if dims >= BITS_MIN_DIMS else "i8"
    return "f16"


def _restore(saved: bytes | bytearray | memoryview, dims: int, codes: str) -> Index:
    """A graph from ``Graph.to_bytes`` (usearch's own serialisation), checked to have the expected shape."""
    from usearch.index import Index

    index = Index.restore(saved)
    if index is None:
        raise ValueError("not a usearch index")
    if index.ndim != dims or index.dtype.name.lower() != codes or index.connectivity != CONNECTIVITY:
        raise ValueError(
            f"saved graph has {index.ndim} dimensions of {index.dtype} (M={index.connectivity}), "
            f"expected {dims} of {codes} (M={CONNECTIVITY})"
        )
    index.expansion_add = EXPANSION_ADD  # type: ignore[misc]  # settable at run time; the stub says not
    index.expansion_search = EXPANSION_SEARCH  # type: ignore[misc]
    return index


class Graph:
    """Thin wrapper: add/remove/search by integer row keys, with the knobs chosen above."""

    def __init__(
        self, dims: int, metric: str, threads: int = 0, saved: bytes | bytearray | memoryview | None = None
    ) -> None:
        self.codes = codes_for(dims, metric)
        if saved is None:
            from usearch.index import Index

            self._index = Index(
                ndim=dims,
                metric=_USEARCH_METRIC[self.codes],
                dtype=self.codes,
                connectivity=CONNECTIVITY,
                expansion_add=EXPANSION_ADD,
                expansion_search=EXPANSION_SEARCH,
            )
        else:
            self._index = _restore(saved, dims, self.codes)
        self._threads = threads
        self.oversample = OVERSAMPLE[self.codes]

    def __len__(self) -> int:
        return len(self._index)

    def _codes(self, vectors: np.ndarray) -> np.ndarray:
        if self.codes == "b1":
            return np.packbits(vectors > 0, axis=-1)
        if self.codes == "i8":  # usearch's int8 range [-1, 1] holds unit vectors exactly
            return unit(vectors)
        return vectors

    def needs_growth(self, count: int) -> bool:
        """Would adding ``count`` keys reallocate the graph (unsafe while a search runs)?"""
        return len(self._index) + count > self._index.capacity

    def add(self, rows: np.ndarray, vectors: np.ndarray) -> None:
        self._index.add(rows.astype(np.uint64), self._codes(vectors), threads=self._threads)

    def remove(self, rows: list[int]) -> None:
        if rows:
            self._index.remove(np.asarray(rows, dtype=np.uint64))

    def search(self, query: np.ndarray, count: int) -> np.ndarray:
        """Row keys of about ``count`` nearest neighbours (fewer if the graph is smaller)."""
        count = min(count, len(self._index))
        if count <= 0:
            return np.empty(0, dtype=np.int64)
        # usearch's Index has a setter for this property (usearch/index.py), but mypy reads it as read-only.
        self._index.expansion_search = max(EXPANSION_SEARCH, count)  # type: ignore[misc]
        matches = self._index.search(self._codes(query), count, threads=1)
        return matches.keys.astype(np.int64)

    def keys(self) -> np.ndarray:
        """Every row key in the graph (int64)."""
        return np.asarray(self._index.keys, dtype=np.uint64).astype(np.int64)

    def to_bytes(self) -> bytearray:
        """usearch's serialisation of the graph (``Graph(..., saved=...)`` reads it back)."""
        return self._index.save()  # type: ignore[return-value]

    def memory_bytes(self) -> int:
        return int(self._index.memory_usage)
