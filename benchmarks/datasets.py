"""Deterministic synthetic data sets shared by the benchmarks and the vector-index tests.

Real embeddings are not isotropic noise: they sit near a low-dimensional, clustered manifold.
``embedding_like`` mimics that (a clustered latent space projected up to ``dims`` plus a little
isotropic noise), so recall figures mean something for real workloads; ``isotropic`` is the
worst case for any graph index and is used to show how far recall can fall.
"""

from __future__ import annotations

import numpy as np

LATENT_DIMS = 64
CLUSTERS = 512


def embedding_like(n: int, dims: int, seed: int = 0, *, chunk: int = 65_536) -> np.ndarray:
    """``n`` float32 vectors of ``dims`` dimensions that look like text embeddings (seeded)."""
    structure = np.random.default_rng(1_000_003)  # the manifold is the same for every seed
    projection = structure.standard_normal((LATENT_DIMS, dims)).astype(np.float32) / np.sqrt(LATENT_DIMS)
    centroids = structure.standard_normal((CLUSTERS, LATENT_DIMS)).astype(np.float32) * 1.5
    rng = np.random.default_rng(seed)
    out = np.empty((n, dims), dtype=np.float32)
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        labels = rng.integers(0, CLUSTERS, stop - start)
        latent = centroids[labels] + rng.standard_normal((stop - start, LATENT_DIMS), dtype=np.float32)
        block = latent @ projection
        block += rng.standard_normal(block.shape, dtype=np.float32) * 0.25
        out[start:stop] = block
    return out


def isotropic(n: int, dims: int, seed: int = 0) -> np.ndarray:
    """``n`` independent standard-normal float32 vectors: the hardest case for ANN recall."""
    return np.random.default_rng(seed).standard_normal((n, dims), dtype=np.float32)


def exact_top_k(
    data: np.ndarray, queries: np.ndarray, k: int, metric: str, *, chunk: int = 100_000
) -> np.ndarray:
    """Row indices of the exact ``k`` nearest rows of ``data`` for each query (ground truth).

    Scans ``data`` in chunks keeping a running top ``k``, so 1M x 768 needs no second full copy.
    """
    q = queries.astype(np.float32)
    if metric == "cosine_distance":
        q = q / np.maximum(np.linalg.norm(q, axis=1, keepdims=True), 1e-30)
    best_idx = np.empty((len(q), 0), dtype=np.int64)
    best_score = np.empty((len(q), 0), dtype=np.float32)
    for start in range(0, len(data), chunk):
        block = data[start : start + chunk]
        if metric == "cosine_distance":
            norms = np.maximum(np.linalg.norm(block, axis=1), 1e-30)
            scores = -(q @ block.T) / norms[None, :]
        else:
            scores = (block * block).sum(1)[None, :] - 2.0 * (q @ block.T)
        idx = np.concatenate([best_idx, np.arange(start, start + len(block))[None, :].repeat(len(q), 0)], 1)
        scores = np.concatenate([best_score, scores.astype(np.float32)], 1)
        keep = np.argpartition(scores, min(k, scores.shape[1] - 1), axis=1)[:, :k]
        best_idx = np.take_along_axis(idx, keep, 1)
        best_score = np.take_along_axis(scores, keep, 1)
    order = best_score.argsort(axis=1, kind="stable")
    return np.take_along_axis(best_idx, order, axis=1)
