"""The catalogue of every operator name the parser accepts, grouped by family.

Kept in one place so a test can compare it with the operators the spec lists (``x-tpuf-lang`` families):
an operator added to the spec but not here (or the reverse) fails that test instead of going unnoticed.
"""

from __future__ import annotations

COMPARISON_OPS = ("Eq", "NotEq", "Lt", "Lte", "Gt", "Gte")
ORDER_OPS = ("Lt", "Lte", "Gt", "Gte")
ARRAY_ELEMENT_OPS = ("Contains", "NotContains", "AnyLt", "AnyLte", "AnyGt", "AnyGte")
LIST_OPS = ("In", "NotIn", "ContainsAny", "NotContainsAny")
GLOB_OPS = ("Glob", "NotGlob", "IGlob", "NotIGlob")
REGEX_OPS = ("Regex",)
FUZZY_OPS = ("Fuzzy",)
TOKEN_OPS = ("ContainsAllTokens", "ContainsAnyToken", "ContainsTokenSequence")
LOGICAL_OPS = ("And", "Or", "Not")

#: Operators in attribute-first filters: ``[attr, Op, value, params?]``.
ATTRIBUTE_FILTER_OPS = frozenset(
    COMPARISON_OPS + ARRAY_ELEMENT_OPS + LIST_OPS + GLOB_OPS + REGEX_OPS + FUZZY_OPS + TOKEN_OPS
)
FILTER_OPERATORS = ATTRIBUTE_FILTER_OPS | frozenset(LOGICAL_OPS)

VECTOR_RANK_OPS = ("ANN", "kNN")
SPARSE_RANK_OPS = ("SparseKNN",)
TEXT_RANK_OPS = ("BM25",)
ORDER_DIRECTIONS = ("asc", "desc")
SCORE_OPERATORS = ("Sum", "Max", "Product", "Saturate", "Decay", "Attribute", "Dist")

#: Operators in the second position of attribute-first rank_by / score / compute forms.
ATTRIBUTE_RANK_OPS = frozenset(VECTOR_RANK_OPS + SPARSE_RANK_OPS + TEXT_RANK_OPS + ORDER_DIRECTIONS)
RANK_BY_OPERATORS = ATTRIBUTE_RANK_OPS | frozenset(SCORE_OPERATORS) | FILTER_OPERATORS

#: compute_attributes (``Expr``) forms on top of every rank_by form.
COMPUTE_OPS = ("VectorDist", "Highlight", "Embed")
#: Recognised but answered with a clear 400: native embedding needs a hosted model.
UNSUPPORTED_OPS = frozenset({"Embed"})

AGGREGATE_FUNCTIONS = ("Count", "Sum")
GROUP_BY_FUNCTIONS = ("ForEachUnique",)
RERANK_FUNCTIONS = ("RRF",)

ALL_OPERATORS = (
    RANK_BY_OPERATORS
    | frozenset(COMPUTE_OPS)
    | frozenset(AGGREGATE_FUNCTIONS)
    | frozenset(GROUP_BY_FUNCTIONS)
    | frozenset(RERANK_FUNCTIONS)
)
