"""Nearest-neighbour search for ``ANN`` / ``kNN`` rank_by and ``VectorDist``.

When the namespace has a vector index for the attribute (``view.vector_index(attr)``), ``ANN`` asks
its approximate search and ``kNN`` its exhaustive search, both restricted to the filtered
candidates. Without one (and always for late-interaction multi-vector attributes) distances are
computed exhaustively here with numpy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..columns import candidate_vector_rows
from ..language.nodes import VectorRank
from ..ranking import distances, late_interaction_distance, nearest
from ..seams import NamespaceView


@dataclass
class VectorSearchResult:
    ranked: list[tuple[Any, float]]  # (id, distance), ascending
    used_index: bool
    scanned: int  # documents whose distance was computed exhaustively


def vector_search(
    view: NamespaceView,
    rank: VectorRank,
    candidates: Mapping[Any, dict[str, Any]] | None,
    k: int,
) -> VectorSearchResult:
    """The ``k`` nearest documents; ``candidates`` is None when no filter narrowed the namespace."""
    docs = view.documents()
    index = None if rank.multi else view.vector_index(rank.attr)
    if index is not None:
        # The filter's rows as rows of the vector column (one take), else the index looks ids up
        rows = candidate_vector_rows(view, rank.attr, candidates)
        allowed = None if candidates is None else candidates if rows is not None else set(candidates)
        if rank.mode == "ANN":
            found = index.search(rank.query, k, allowed=allowed, allowed_rows=rows)
            tail = index.unindexed_count  # not yet in the ANN graph: searched exhaustively
            return VectorSearchResult([(i, float(d)) for i, d in found], True, tail)
        found = index.exact_search(rank.query, k, allowed=allowed, allowed_rows=rows)
        scanned = len(docs) if allowed is None else len(allowed)
        return VectorSearchResult([(i, float(d)) for i, d in found], False, scanned)
    pool = docs if candidates is None else candidates
    attr = rank.attr
    ids = [i for i, doc in pool.items() if doc.get(attr) is not None]
    if not ids:
        return VectorSearchResult([], False, 0)
    if rank.multi:
        values = np.asarray(
            [late_interaction_distance(rank.metric, pool[i][attr], rank.query) for i in ids], dtype=np.float64
        )
        positions = _smallest(values, k)
        return VectorSearchResult([(ids[p], float(values[p])) for p in positions], False, len(ids))
    matrix = np.stack([pool[i][attr] for i in ids])
    positions, exact = nearest(rank.metric, matrix, rank.query, k)
    return VectorSearchResult(
        [(ids[p], d) for p, d in zip(positions.tolist(), exact, strict=True)], False, len(ids)
    )


def _smallest(values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k smallest values, ascending; ties keep document order."""
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    if k < len(values):
        part = np.argpartition(values, k - 1)[:k]
    else:
        part = np.arange(len(values))
    return part[np.lexsort((part, values[part]))]


def row_distance(
    rank_attr: str, metric: str, multi: bool, query: np.ndarray, doc: dict[str, Any]
) -> float | None:
    """Distance between one document's vector attribute and ``query`` (None when the doc has none)."""
    vector = doc.get(rank_attr)
    if vector is None:
        return None
    if multi:
        return late_interaction_distance(metric, vector, query)
    return float(distances(metric, vector.reshape(1, -1), query)[0])
