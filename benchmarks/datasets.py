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


def exact_top_k(data: np.ndarray, queries: np.ndarray, k: int, metric: str) -> np.ndarray:
    """Row indices of the exact ``k`` nearest rows of ``data`` for each query (ground truth)."""
    if metric == "cosine_distance":
        data_n = data / np.maximum(np.linalg.norm(data, axis=1, keepdims=True), 1e-30)
        q_n = queries / np.maximum(np.linalg.norm(queries, axis=1, keepdims=True), 1e-30)
        scores = -(q_n @ data_n.T)
    else:
        scores = (data * data).sum(1)[None, :] - 2.0 * (queries @ data.T)
    idx = np.argpartition(scores, k, axis=1)[:, :k]
    order = np.take_along_axis(scores, idx, axis=1).argsort(axis=1)
    return np.take_along_axis(idx, order, axis=1)
