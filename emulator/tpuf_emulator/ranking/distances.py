"""Vector distances with numpy (§8): cosine_distance = 1 - cos(x, y), euclidean_squared = sum((x - y)^2).

Computed in float64 from the stored float32 values so identical vectors give exactly 0 and results do
not depend on summation order. The cosine distance of a zero vector (undefined in the docs) is 1.0:
such a vector is treated as orthogonal to everything.
"""

from __future__ import annotations

import numpy as np


def distances(metric: str, matrix: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Distances between every row of ``matrix`` (n x d) and ``query`` (d,), as float64 (n,)."""
    rows = np.asarray(matrix, dtype=np.float64)
    q = np.asarray(query, dtype=np.float64)
    if metric == "euclidean_squared":
        diff = rows - q
        squared: np.ndarray = np.einsum("ij,ij->i", diff, diff)
        return squared
    dots = rows @ q
    norms = np.sqrt(np.einsum("ij,ij->i", rows, rows)) * np.linalg.norm(q)
    with np.errstate(divide="ignore", invalid="ignore"):
        cosine = np.where(norms > 0, dots / np.where(norms > 0, norms, 1.0), 0.0)
    return np.maximum(1.0 - cosine, 0.0)


def nearest(metric: str, matrix: np.ndarray, query: np.ndarray, k: int) -> tuple[np.ndarray, list[float]]:
    """Positions of the ``k`` nearest rows (ascending distance, ties by position) and their exact distances.

    The scan runs in float32 (one matrix-vector product); only the winners, plus any row tied with the
    k-th within float32 rounding, are re-scored in float64 so the reported distances are exact.
    """
    if k <= 0 or len(matrix) == 0:
        return np.empty(0, dtype=np.int64), []
    rows = np.asarray(matrix, dtype=np.float32)
    q = np.asarray(query, dtype=np.float32)
    with np.errstate(over="ignore", invalid="ignore"):  # float32 overflow only blurs the rough pass
        dots = rows @ q
        squares = np.einsum("ij,ij->i", rows, rows)
        if metric == "euclidean_squared":
            rough = squares - 2.0 * dots + float(q @ q)
        else:
            norms = np.sqrt(squares) * float(np.linalg.norm(q))
            rough = 1.0 - np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)
        rough = np.nan_to_num(rough, nan=np.inf)
    if k < len(rough):
        cutoff = np.partition(rough, k - 1)[k - 1]
        slack = 1e-4 * max(1.0, abs(float(cutoff)))
        picked = np.flatnonzero(rough <= cutoff + slack)
    else:
        picked = np.arange(len(rough))
    exact = distances(metric, rows[picked], q)
    order = np.lexsort((picked, exact))[:k]
    return picked[order], [float(d) for d in exact[order]]


def distance(metric: str, vector: np.ndarray, query: np.ndarray) -> float:
    return float(distances(metric, vector.reshape(1, -1), query)[0])


def late_interaction_distance(metric: str, doc_vectors: np.ndarray, queries: np.ndarray) -> float:
    """Sum over query vectors of the distance to the closest document vector (late interaction)."""
    queries = queries.reshape(-1, doc_vectors.shape[-1])
    return float(sum(distances(metric, doc_vectors, q).min() for q in queries))


def sparse_dot(query: dict[str, float], doc: dict[str, float]) -> tuple[float, bool]:
    """Dot product over shared dimensions, and whether any dimension was shared."""
    if len(doc) < len(query):
        shared = [(doc[k], query[k]) for k in doc if k in query]
    else:
        shared = [(doc[k], query[k]) for k in query if k in doc]
    return float(sum(a * b for a, b in shared)), bool(shared)
