# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Builders for the ``ScoreExpression`` family: A relevance score (higher is better): BM25, sums, maxima, constant weights, saturation, decay,
numeric attributes, distances, sparse kNN, and filters (1 when they match, else 0). The final score
is reported as `$dist`; use `compute_attributes` for individual clauses.

One function per form, named after its operator, returning the tuple the API expects, e.g.
``BM25(attribute, query, params)`` -> ``(attribute, "BM25", query, params)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._types import *  # noqa: F403


def BM25(attribute: str, query: str | Sequence[str], params: Mapping[str, Any] | None = None) -> ScoreBM25:
    """`[attribute, "BM25", query, params?]`: the BM25 relevance of the attribute (full-text search
    enabled) for the query; a string array is taken as ready tokens."""
    if params is not None:
        return (attribute, "BM25", query, params)
    return (attribute, "BM25", query)


def Sum(scores: Sequence[ScoreExpression]) -> ScoreSum:
    """`["Sum", [score, ...]]`: the sum of the scores."""
    return ("Sum", scores)


def Max(scores: Sequence[ScoreExpression]) -> ScoreMax:
    """`["Max", [score, ...]]`: the largest of the scores."""
    return ("Max", scores)


def MaxPair(a: float | ScoreExpression, b: float | ScoreExpression) -> ScoreMaxPair:
    """`["Max", a, b]`: the larger of two operands, each a number or a score; e.g. `["Max", 0,
    ["Attribute", "clicks"]]` clamps a signed attribute at zero."""
    return ("Max", a, b)


def Product(weight: float, score: ScoreExpression) -> ScoreProduct:
    """`["Product", weight, score]`: the score multiplied by a non-negative constant."""
    return ("Product", weight, score)


def ProductReversed(score: ScoreExpression, weight: float) -> ScoreProductReversed:
    """`["Product", score, weight]`: the same as `ScoreProduct` with the arguments swapped."""
    return ("Product", score, weight)


def Saturate(score: ScoreExpression, params: Mapping[str, Any]) -> ScoreSaturate:
    """`["Saturate", score, {midpoint, exponent?}]`: x^e / (x^e + m^e), mapping a non-negative score into
    [0, 1)."""
    return ("Saturate", score, params)


def Decay(score: ScoreExpression, params: Mapping[str, Any]) -> ScoreDecay:
    """`["Decay", score, {midpoint, exponent?}]`: m^e / (x^e + m^e), 1 at zero and decreasing; e.g. a
    recency boost over `Dist`."""
    return ("Decay", score, params)


def Attribute(attribute: str) -> ScoreAttribute:
    """`["Attribute", attribute]`: the document's numeric attribute value (`uint`, `datetime`). A rank on a
    signed attribute (`int`/`float`) is a 400 unless it is wrapped so it cannot go negative: inside a
    `Max` with a non-negative operand (`["Max", 0, ...]`, `["Max", [..., 0]]`, or beside a BM25 clause),
    or under `Saturate`, `Decay` or `Dist`. Documents whose final score is 0 are not returned."""
    return ("Attribute", attribute)


def Dist(score: ScoreExpression, origin: float | str) -> ScoreDist:
    """`["Dist", score, origin]`: the absolute distance between the expression's value and the origin (a
    number, or an ISO 8601 datetime giving milliseconds)."""
    return ("Dist", score, origin)


def SparseKNN(attribute: str, params: Mapping[str, float]) -> RankBySparseKNN:
    """`[attribute, "SparseKNN", {dimension: weight}]`: sparse dot-product search on a `{}f16` attribute
    with `sparse_knn` enabled. `$dist` is the dot product; descending (higher is better). Also usable
    inside `Sum`/`Max`/`Saturate` score expressions."""
    return (attribute, "SparseKNN", params)


__all__ = [
    "BM25",
    "Sum",
    "Max",
    "MaxPair",
    "Product",
    "ProductReversed",
    "Saturate",
    "Decay",
    "Attribute",
    "Dist",
    "SparseKNN",
]
