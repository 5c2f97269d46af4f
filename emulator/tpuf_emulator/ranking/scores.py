"""Evaluate score expressions (§5.2.3) over a set of candidate documents.

Every node yields ``{doc_id: value}`` for the candidates where it HAS a value: BM25 only for documents
matching a query term, ``Attribute`` only where the attribute is set, a filter term only where it
matches (value 1). Combinators work on those maps (``Sum`` adds and ``Max`` takes the largest value,
a missing value counting as 0 in both, so ``["Max", 0, ["Attribute", "x"]]`` clamps a negative x to
0), so a pure BM25 query costs as much as its postings, not the namespace. Documents whose final
score is 0 (or that have none) are left out by the caller; which expressions may read signed
attributes is checked when the query is parsed (``language/nonnegative.py``).

Formulas: ``Saturate(x) = x^e / (x^e + m^e)``, ``Decay(x) = m^e / (x^e + m^e)`` with x clamped to
>= 0; ``Dist(x, origin) = |x - origin|`` (datetimes in epoch milliseconds); ``Product`` scales by a
non-negative constant.
"""

from __future__ import annotations

import heapq
import math
import sys
from collections.abc import Mapping
from typing import Any

from ..deadline import paced
from ..filters import compile_filter
from ..language.nodes import (
    AttributeValue,
    Bm25,
    Combine,
    Constant,
    Curve,
    Distance,
    FilterTerm,
    Product,
    ScoreNode,
    SparseScore,
)
from ..seams import NamespaceView, fulltext_index
from .distances import sparse_dot

Scores = dict[Any, float]


class ScoreEvaluator:
    """Evaluates expressions for one view over ``candidates`` (id -> document)."""

    def __init__(self, view: NamespaceView, candidates: Mapping[Any, dict[str, Any]]) -> None:
        self.view = view
        self.candidates = candidates

    def evaluate(self, node: ScoreNode) -> Scores:
        method = getattr(self, f"_{type(node).__name__}")
        scores: Scores = method(node)
        return scores

    def _Bm25(self, node: Bm25) -> Scores:
        scores = fulltext_index(self.view, node.attr).bm25(node.query, node.last_as_prefix)
        candidates = self.candidates
        if len(scores) <= len(candidates):
            return {i: s for i, s in scores.items() if i in candidates}
        return {i: scores[i] for i in candidates if i in scores}

    def _Combine(self, node: Combine) -> Scores:
        parts = [self.evaluate(child) for child in node.children]
        out: Scores = {}
        if node.op == "Sum":
            for part in parts:
                for i, s in part.items():
                    out[i] = out.get(i, 0.0) + s
        else:
            for part in parts:
                for i, s in part.items():
                    current = out.get(i)
                    if current is None or s > current:
                        out[i] = s
            for i, s in out.items():  # an operand without a value for i scores 0 for it
                if s < 0.0 and any(i not in part for part in parts):
                    out[i] = 0.0
        return out

    def _Product(self, node: Product) -> Scores:
        weight = node.weight
        return {i: s * weight for i, s in self.evaluate(node.child).items()}

    def _Curve(self, node: Curve) -> Scores:
        saturate = node.op == "Saturate"
        out: Scores = {}
        for i, x in self.evaluate(node.child).items():
            ratio = _ratio_power(node.midpoint, x, node.exponent)  # (m / x)^e, overflow-safe
            out[i] = 1.0 / (1.0 + ratio) if saturate else ratio / (1.0 + ratio) if ratio != math.inf else 1.0
        return out

    def _AttributeValue(self, node: AttributeValue) -> Scores:
        attr = node.attr
        return {i: float(doc[attr]) for i, doc in self.candidates.items() if doc.get(attr) is not None}

    def _Distance(self, node: Distance) -> Scores:
        origin = node.origin
        return {i: abs(v - origin) for i, v in self.evaluate(node.child).items()}

    def _Constant(self, node: Constant) -> Scores:
        return {i: node.value for i in self.candidates} if node.value else {}

    def _FilterTerm(self, node: FilterTerm) -> Scores:
        test = compile_filter(node.filter)
        return {i: 1.0 for i, doc in paced(self.candidates.items()) if test(doc, None)}

    def _SparseScore(self, node: SparseScore) -> Scores:
        attr, query = node.attr, node.query
        out: Scores = {}
        for i, doc in paced(self.candidates.items()):
            vector = doc.get(attr)
            if vector:
                score, shared = sparse_dot(query, vector)
                if shared:
                    out[i] = score
        return out


def _ratio_power(midpoint: float, x: float, exponent: float) -> float:
    """``(midpoint / x) ** exponent`` for x clamped to >= 0, computed in logs so it cannot overflow."""
    if x <= 0.0:
        return math.inf
    t = exponent * (math.log(midpoint) - math.log(x))
    if t > 700.0:
        return math.inf
    return math.exp(t) if t > -700.0 else 0.0


def finite_score(score: float) -> float:
    """Scores beyond the float range are reported as the largest finite number (JSON has no infinity);
    an undefined score (inf - inf) as 0."""
    if math.isnan(score):
        return 0.0
    if math.isinf(score):
        return math.copysign(sys.float_info.max, score)
    return score


def rank_by_score(
    view: NamespaceView, node: ScoreNode, candidates: Mapping[Any, dict[str, Any]], k: int | None = None
) -> list[tuple[Any, float]]:
    """(id, score) for candidates with a non-zero score, best first; the best ``k`` when given.

    Ties keep the order in which the scores were produced (index postings or candidate order).
    """
    scores = ScoreEvaluator(view, candidates).evaluate(node)
    ranked = ((i, finite_score(s)) for i, s in scores.items() if s != 0.0 and not math.isnan(s))
    if k is not None and k < len(scores):
        return heapq.nsmallest(k, ranked, key=_descending)
    return sorted(ranked, key=_descending)


def _descending(item: tuple[Any, float]) -> float:
    return -item[1]
