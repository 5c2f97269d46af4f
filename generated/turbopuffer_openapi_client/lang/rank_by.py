# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Builders for the ``RankBy`` family: How to rank documents: vector search (`ANN`, `kNN`, `SparseKNN`), a score expression (BM25 and
friends; higher is better), or attribute order.

One function per form, named after its operator, returning the tuple the API expects, e.g.
``ANN(attribute, query)`` -> ``(attribute, "ANN", query)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ._types import *  # noqa: F403


def ANN(attribute: str, query: VectorLike | Sequence[VectorLike] | Expr) -> RankByANN:
    """`[attribute, "ANN", query]`: approximate nearest-neighbour search on the vector attribute's ANN
    index. `query` is one vector (same dimensions as the attribute), several vectors (late interaction
    on a `[][N]f32` attribute), or an expression such as `["Embed", text]`. `$dist` is the distance
    under the namespace's metric; ascending."""
    return (attribute, "ANN", query)


def kNN(attribute: str, query: VectorLike | Sequence[VectorLike] | Expr) -> RankByKNN:
    """`[attribute, "kNN", query]`: exact (exhaustive) nearest-neighbour search over the documents matching
    `filters`, which are required. Same `query` forms and `$dist` as `ANN`."""
    return (attribute, "kNN", query)


def SparseKNN(attribute: str, params: Mapping[str, float]) -> RankBySparseKNN:
    """`[attribute, "SparseKNN", {dimension: weight}]`: sparse dot-product search on a `{}f16` attribute
    with `sparse_knn` enabled. `$dist` is the dot product; descending (higher is better). Also usable
    inside `Sum`/`Max`/`Saturate` score expressions."""
    return (attribute, "SparseKNN", params)


def asc(attribute: str) -> RankByAttributeAsc:
    """`[attribute, "asc"]`: order by the attribute, ascending (nulls first). Rows carry no `$dist`. Not
    for array attributes."""
    return (attribute, "asc")


def desc(attribute: str) -> RankByAttributeDesc:
    """`[attribute, "desc"]`: order by the attribute, descending (nulls last). Rows carry no `$dist`."""
    return (attribute, "desc")


__all__ = [
    "ANN",
    "kNN",
    "SparseKNN",
    "asc",
    "desc",
]
