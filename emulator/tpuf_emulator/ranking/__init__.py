"""Ranking: vector distances, score expressions, attribute ordering, RRF fusion and diversification."""

from .distances import distance, distances, late_interaction_distance, nearest, sparse_dot
from .diversify import diversify
from .ordering import order_documents
from .rrf import rrf_fuse
from .scores import ScoreEvaluator, finite_score, rank_by_score

__all__ = [
    "ScoreEvaluator",
    "distance",
    "distances",
    "finite_score",
    "diversify",
    "late_interaction_distance",
    "nearest",
    "order_documents",
    "rank_by_score",
    "rrf_fuse",
    "sparse_dot",
]
