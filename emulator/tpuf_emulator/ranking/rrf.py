"""Reciprocal rank fusion (§5.2.6): score(doc) = sum_i weight_i / (rank_constant + rank_i(doc)).

``rank_i`` is the 1-based position of the document in result list i; lists that do not contain the
document contribute nothing. Output: (id, score) by descending score; ties keep first-seen order.
"""

from __future__ import annotations

from typing import Any


def rrf_fuse(
    result_ids: list[list[Any]], rank_constant: int = 60, weights: list[float] | None = None
) -> list[tuple[Any, float]]:
    weights = weights or [1.0] * len(result_ids)
    scores: dict[Any, float] = {}
    for ids, weight in zip(result_ids, weights, strict=True):
        for rank, doc_id in enumerate(ids, start=1):
            scores[doc_id] = scores.get(doc_id, 0.0) + weight / (rank_constant + rank)
    return sorted(scores.items(), key=lambda item: -item[1])
