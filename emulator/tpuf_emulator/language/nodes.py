"""Typed trees produced by the parsers: what a query asks for, already checked against the schema.

Values inside the trees are in the internal form of ``schema/model.py`` (datetimes as epoch ms, UUIDs
canonical), so evaluation never has to look at JSON again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..schema.model import AttributeSchema, FullTextConfig
from .linear_regex import LinearPattern

# ---------------------------------------------------------------------------------------------- filters


@dataclass(frozen=True)
class RefNew:
    """``{"$ref_new": attr}``: the value being written for ``attr`` (write conditions only)."""

    attr: str


@dataclass(eq=False)
class FilterNode:
    """Base of filter trees; ``compiled`` caches the evaluator built by ``filters``."""

    compiled: Any = field(default=None, init=False, repr=False, compare=False)


@dataclass(eq=False)
class Compare(FilterNode):
    """Comparison, list, and array-element operators (``Eq`` .. ``AnyGte``, ``In`` .. ``NotContainsAny``).

    ``value`` is an internal value, ``None`` (null), a ``RefNew``, or for list operators a tuple of those.
    """

    attr: str = ""
    op: str = ""
    value: Any = None


@dataclass(eq=False)
class PatternMatch(FilterNode):
    """``Glob``/``NotGlob``/``IGlob``/``NotIGlob``/``Regex``: ``regex`` is the compiled matcher
    (linear-time; globs match the whole value, Regex searches anywhere)."""

    attr: str = ""
    op: str = ""
    pattern: str = ""
    regex: LinearPattern | None = None
    negate: bool = False


@dataclass(eq=False)
class FuzzyMatch(FilterNode):
    """``Fuzzy``: ``matcher`` is the full-text module's compiled ``FuzzyFilter``."""

    attr: str = ""
    query: str = ""
    matcher: Any = None


@dataclass(eq=False)
class TokenMatch(FilterNode):
    """``ContainsAllTokens`` / ``ContainsAnyToken`` / ``ContainsTokenSequence`` on a full-text attribute.

    ``matcher`` is the full-text module's compiled ``TokenFilter``. ``matching_ids`` is filled by the
    query executor from the attribute's index (fast path); without it (write conditions) the value is
    analysed on the fly.
    """

    attr: str = ""
    op: str = ""
    query: str | list[str] = ""
    last_as_prefix: bool = False
    config: FullTextConfig | None = None
    matcher: Any = None
    matching_ids: set[Any] | None = None


@dataclass(eq=False)
class Logical(FilterNode):
    op: str = "And"  # "And" | "Or" | "Not"
    children: list[FilterNode] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------- scores


@dataclass(eq=False)
class ScoreNode:
    """Base of score expressions (higher is better)."""


@dataclass(eq=False)
class Bm25(ScoreNode):
    attr: str
    query: str | list[str]
    last_as_prefix: bool = False


@dataclass(eq=False)
class Combine(ScoreNode):
    op: str  # "Sum" | "Max"
    children: list[ScoreNode]


@dataclass(eq=False)
class Product(ScoreNode):
    weight: float
    child: ScoreNode


@dataclass(eq=False)
class Curve(ScoreNode):
    """``Saturate``: x^e/(x^e+m^e); ``Decay``: m^e/(x^e+m^e); x clamped to >= 0."""

    op: str  # "Saturate" | "Decay"
    child: ScoreNode
    midpoint: float
    exponent: float = 1.0


@dataclass(eq=False)
class AttributeValue(ScoreNode):
    attr: str


@dataclass(eq=False)
class Distance(ScoreNode):
    """``["Dist", expr, origin]``: |value - origin| (datetime origins in epoch ms)."""

    child: ScoreNode
    origin: float


@dataclass(eq=False)
class Constant(ScoreNode):
    value: float


@dataclass(eq=False)
class FilterTerm(ScoreNode):
    """A filter used as a score: 1 when it matches, else 0."""

    filter: FilterNode


@dataclass(eq=False)
class SparseScore(ScoreNode):
    """``[attr, "SparseKNN", {...}]``: dot product over shared dimensions."""

    attr: str
    query: dict[str, float]


# ---------------------------------------------------------------------------------------------- rank_by


@dataclass(eq=False)
class VectorRank:
    """``ANN`` / ``kNN``; ``query`` is 1-D, or 2-D for several query vectors (late interaction)."""

    attr: str
    mode: str  # "ANN" | "kNN"
    query: np.ndarray
    metric: str
    multi: bool = False
    attr_schema: AttributeSchema | None = None


@dataclass(eq=False)
class OrderBy:
    """Order by one or several attributes: ``keys`` is a list of (attribute, descending)."""

    keys: list[tuple[str, bool]]


@dataclass(eq=False)
class ScoreRank:
    expr: ScoreNode


RankNode = VectorRank | OrderBy | ScoreRank  # SparseKNN ranks as a score expression (SparseScore)

# ---------------------------------------------------------------------------------------------- compute


@dataclass(eq=False)
class VectorDistCompute:
    attr: str
    query: np.ndarray
    metric: str
    multi: bool = False


@dataclass(eq=False)
class HighlightCompute:
    """``["Highlight", attr, config?]``; ``config`` is the full-text module's ``HighlightConfig``."""

    attr: str
    config: Any = None


@dataclass(eq=False)
class ScoreCompute:
    expr: ScoreNode


@dataclass(eq=False)
class RankCompute:
    """A vector rank_by used as a computed attribute: its ``$dist`` (distance) for the row."""

    rank: VectorRank


ComputeNode = VectorDistCompute | HighlightCompute | ScoreCompute | RankCompute

# ---------------------------------------------------------------------------------------------- aggregations


@dataclass(frozen=True)
class Aggregate:
    function: str  # "Count" | "Sum"
    attr: str | None = None


@dataclass(frozen=True)
class GroupKey:
    """One group_by item: ``out`` is the output field name; ``explode`` for ``ForEachUnique``."""

    out: str
    attr: str
    explode: bool = False


# ---------------------------------------------------------------------------------------------- queries


@dataclass(eq=False)
class PerLimit:
    attributes: list[str]
    limit: int


@dataclass(eq=False)
class QueryPlan:
    """One fully parsed and validated (sub-)query."""

    filter: FilterNode | None = None
    rank: RankNode | None = None
    limit: int = 0  # rows (or groups) wanted; a ranked query must give it (no default)
    limit_given: bool = False
    per: PerLimit | None = None
    offset: int = 0
    attributes: list[str] = field(default_factory=list)  # attributes to return, in order
    compute: dict[str, ComputeNode] = field(default_factory=dict)
    aggregations: dict[str, Aggregate] | None = None
    group_by: list[GroupKey] | None = None
    vector_encoding: str = "float"
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class RerankRrf:
    rank_constant: int = 60
    weights: list[float] | None = None


@dataclass(eq=False)
class MultiQueryPlan:
    queries: list[QueryPlan]
    rerank: RerankRrf | None = None
    limit: int | None = None
    offset: int = 0
    vector_encoding: str = "float"
