# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Type aliases for every query-language form and family, read from the spec's ``prefixItems`` tuples.

A form is a tuple whose one constant position is the operator (``("title", "Eq", "shoe")``); a family
is the union of its forms (``Filter``, ``RankBy``...). Recursion goes through the family names, so
``("And", [("a", "Eq", 1), ("Not", ("b", "Eq", 2))])`` type-checks as a ``Filter``. Lists are accepted
on the wire too; the aliases use tuples because that is what type checkers can check position by position.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeAlias

import numpy.typing as npt

#: A dense vector: a sequence of numbers or a numpy array (sent as float32).
VectorLike: TypeAlias = "Sequence[float] | npt.NDArray[Any]"

Filter: TypeAlias = "FilterEq | FilterNotEq | FilterLt | FilterLte | FilterGt | FilterGte | FilterIn | FilterNotIn | FilterContains | FilterNotContains | FilterContainsAny | FilterNotContainsAny | FilterAnyLt | FilterAnyLte | FilterAnyGt | FilterAnyGte | FilterGlob | FilterNotGlob | FilterIGlob | FilterNotIGlob | FilterRegex | FilterFuzzy | FilterContainsAllTokens | FilterContainsAnyToken | FilterContainsTokenSequence | FilterNot | FilterAnd | FilterOr"
"""A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical combination. Used by
`filters`, `delete_by_filter`, `patch_by_filter.filters`, the `*_condition` write fields, recall,
and as a 0/1 term inside score expressions. `attribute` may be `id`. Operands must have the
attribute's type; in write conditions they may be `{"$ref_new": attr}`."""

RefNew: TypeAlias = "Mapping[str, Any]"
"""`{"$ref_new": attribute}`: in a write condition, the value being written to that attribute for the
document under test (`null` in `delete_condition`). Also an `Expr` form."""

RankBy: TypeAlias = "RankByANN | RankByKNN | RankBySparseKNN | RankByAttributeAsc | RankByAttributeDesc | RankByAttributes | ScoreExpression"
"""How to rank documents: vector search (`ANN`, `kNN`, `SparseKNN`), a score expression (BM25 and
friends; higher is better), or attribute order."""

ScoreExpression: TypeAlias = "ScoreBM25 | ScoreSum | ScoreMax | ScoreMaxPair | ScoreProduct | ScoreProductReversed | ScoreSaturate | ScoreDecay | ScoreAttribute | ScoreDist | RankBySparseKNN | Filter"
"""A relevance score (higher is better): BM25, sums, maxima, constant weights, saturation, decay,
numeric attributes, distances, sparse kNN, and filters (1 when they match, else 0). The final score
is reported as `$dist`; use `compute_attributes` for individual clauses."""

Expr: TypeAlias = "RefNew | ExprEmbed | ExprVectorDist | ExprHighlight | RankBy"
"""A value computed per returned row (`compute_attributes`): a vector distance, highlights, an
embedding, `$ref_new`, or any `rank_by` form (its score for the row, 0 if no match)."""

AggregateBy: TypeAlias = "AggregateByCount | AggregateByCountAttribute | AggregateBySum"
"""An aggregation function over the documents matching `filters`."""

GroupBy: TypeAlias = "AttributeName | GroupByNamedFunction"
"""A group key of `group_by`; an attribute name or a computed key."""

RerankBy: TypeAlias = "RerankByRRF | RerankByModel"
"""How a multi-query combines its sub-queries' rows into one ranked list."""

FilterEq: TypeAlias = (
    'tuple[str, Literal["Eq"], None | bool | float | str | Sequence[None | bool | float | str] | RefNew]'
)
"""`[attribute, "Eq", operand]`: Equal to the value. `null` matches documents where the attribute is
missing (null). On an array attribute with an array value: exact array equality. Works on `id`."""

FilterNotEq: TypeAlias = (
    'tuple[str, Literal["NotEq"], None | bool | float | str | Sequence[None | bool | float | str] | RefNew]'
)
"""`[attribute, "NotEq", operand]`: Not equal to the value (the exact complement of `Eq`). `["a",
"NotEq", null]` matches documents that have the attribute."""

FilterLt: TypeAlias = (
    'tuple[str, Literal["Lt"], None | bool | float | str | Sequence[None | bool | float | str] | RefNew]'
)
"""`[attribute, "Lt", operand]`: Less than the value (numbers numerically, strings lexicographically,
datetimes by time). Null attribute values sort below every value, so they match."""

FilterLte: TypeAlias = (
    'tuple[str, Literal["Lte"], None | bool | float | str | Sequence[None | bool | float | str] | RefNew]'
)
"""`[attribute, "Lte", operand]`: Less than or equal to the value. Null attribute values match."""

FilterGt: TypeAlias = (
    'tuple[str, Literal["Gt"], None | bool | float | str | Sequence[None | bool | float | str] | RefNew]'
)
"""`[attribute, "Gt", operand]`: Greater than the value. Never matches null attribute values."""

FilterGte: TypeAlias = (
    'tuple[str, Literal["Gte"], None | bool | float | str | Sequence[None | bool | float | str] | RefNew]'
)
"""`[attribute, "Gte", operand]`: Greater than or equal to the value. Never matches null attribute
values."""

FilterIn: TypeAlias = 'tuple[str, Literal["In"], Sequence[None | bool | float | str | Sequence[None | bool | float | str] | RefNew] | None | bool | float | str | RefNew]'
"""`[attribute, "In", operand]`: Equal to any element of the list (a single value stands for a list of
one). On an array attribute: the array holds any listed value, e.g. `["users", "In", ["simon"]]` or
`["users", "In", "bojan"]`."""

FilterNotIn: TypeAlias = 'tuple[str, Literal["NotIn"], Sequence[None | bool | float | str | Sequence[None | bool | float | str] | RefNew] | None | bool | float | str | RefNew]'
"""`[attribute, "NotIn", operand]`: Equal to no element of the list (the exact complement of `In`, also
on array attributes and with a single value)."""

FilterContains: TypeAlias = 'tuple[str, Literal["Contains"], None | bool | float | str | Sequence[None | bool | float | str] | RefNew]'
"""`[attribute, "Contains", operand]`: The array attribute contains the value."""

FilterNotContains: TypeAlias = 'tuple[str, Literal["NotContains"], None | bool | float | str | Sequence[None | bool | float | str] | RefNew]'
"""`[attribute, "NotContains", operand]`: The array attribute does not contain the value."""

FilterContainsAny: TypeAlias = 'tuple[str, Literal["ContainsAny"], Sequence[None | bool | float | str | Sequence[None | bool | float | str] | RefNew]]'
"""`[attribute, "ContainsAny", operand]`: The array attribute shares at least one element with the
list."""

FilterNotContainsAny: TypeAlias = 'tuple[str, Literal["NotContainsAny"], Sequence[None | bool | float | str | Sequence[None | bool | float | str] | RefNew]]'
"""`[attribute, "NotContainsAny", operand]`: The array attribute shares no element with the list."""

FilterAnyLt: TypeAlias = (
    'tuple[str, Literal["AnyLt"], None | bool | float | str | Sequence[None | bool | float | str] | RefNew]'
)
"""`[attribute, "AnyLt", operand]`: Some element of the array attribute is less than the value."""

FilterAnyLte: TypeAlias = (
    'tuple[str, Literal["AnyLte"], None | bool | float | str | Sequence[None | bool | float | str] | RefNew]'
)
"""`[attribute, "AnyLte", operand]`: Some element of the array attribute is less than or equal to the
value."""

FilterAnyGt: TypeAlias = (
    'tuple[str, Literal["AnyGt"], None | bool | float | str | Sequence[None | bool | float | str] | RefNew]'
)
"""`[attribute, "AnyGt", operand]`: Some element of the array attribute is greater than the value."""

FilterAnyGte: TypeAlias = (
    'tuple[str, Literal["AnyGte"], None | bool | float | str | Sequence[None | bool | float | str] | RefNew]'
)
"""`[attribute, "AnyGte", operand]`: Some element of the array attribute is greater than or equal to
the value."""

FilterGlob: TypeAlias = 'tuple[str, Literal["Glob"], str]'
"""`[attribute, "Glob", operand]`: The whole value matches the Unix-style glob pattern (`*`, `?`,
`[a-z]`, `{a,b}`); on `[]string` any element. Needs `glob: true` in the schema."""

FilterNotGlob: TypeAlias = 'tuple[str, Literal["NotGlob"], str]'
"""`[attribute, "NotGlob", operand]`: The value does not match the glob pattern."""

FilterIGlob: TypeAlias = 'tuple[str, Literal["IGlob"], str]'
"""`[attribute, "IGlob", operand]`: Case-insensitive `Glob`."""

FilterNotIGlob: TypeAlias = 'tuple[str, Literal["NotIGlob"], str]'
"""`[attribute, "NotIGlob", operand]`: Case-insensitive `NotGlob`."""

FilterRegex: TypeAlias = 'tuple[str, Literal["Regex"], str]'
"""`[attribute, "Regex", operand]`: The string value contains a match of the regular expression (Rust
`regex` dialect: no look-around, no back-references; unanchored). Needs `regex: true` in the schema."""

FilterFuzzy: TypeAlias = 'tuple[str, Literal["Fuzzy"], str, Mapping[str, Any]]'
"""`[attribute, "Fuzzy", query, params]`: fuzzy substring match with a Levenshtein edit distance chosen
by query length (`params.max_edit_distance`). Needs `fuzzy: true`."""

FilterContainsAllTokens: TypeAlias = 'tuple[str, Literal["ContainsAllTokens"], str | Sequence[str]] | tuple[str, Literal["ContainsAllTokens"], str | Sequence[str], Mapping[str, Any]]'
"""`[attribute, "ContainsAllTokens", query, params?]`: every token of the query (analysed like the
attribute; a string array is taken as ready tokens) occurs in the value, in any order. Needs full-
text search on the attribute."""

FilterContainsAnyToken: TypeAlias = 'tuple[str, Literal["ContainsAnyToken"], str | Sequence[str]] | tuple[str, Literal["ContainsAnyToken"], str | Sequence[str], Mapping[str, Any]]'
"""`[attribute, "ContainsAnyToken", query, params?]`: at least one token of the query occurs in the
value. Needs full-text search on the attribute."""

FilterContainsTokenSequence: TypeAlias = 'tuple[str, Literal["ContainsTokenSequence"], str | Sequence[str]]'
"""`[attribute, "ContainsTokenSequence", query]`: the query's tokens occur adjacent and in order (a
phrase); on `[]string` within one element. Needs full-text search on the attribute."""

FilterNot: TypeAlias = 'tuple[Literal["Not"], Filter]'
"""`["Not", filter]`: the filter does not match."""

FilterAnd: TypeAlias = 'tuple[Literal["And"], Sequence[Filter]]'
"""`["And", [filter, ...]]`: every filter matches (an empty list matches everything)."""

FilterOr: TypeAlias = 'tuple[Literal["Or"], Sequence[Filter]]'
"""`["Or", [filter, ...]]`: at least one filter matches (an empty list matches nothing)."""

RankByANN: TypeAlias = 'tuple[str, Literal["ANN"], VectorLike | Sequence[VectorLike] | Expr]'
"""`[attribute, "ANN", query]`: approximate nearest-neighbour search on the vector attribute's ANN
index. `query` is one vector (same dimensions as the attribute), several vectors (late interaction
on a `[][N]f32` attribute), or an expression such as `["Embed", text]`. `$dist` is the distance
under the namespace's metric; ascending."""

RankByKNN: TypeAlias = 'tuple[str, Literal["kNN"], VectorLike | Sequence[VectorLike] | Expr]'
"""`[attribute, "kNN", query]`: exact (exhaustive) nearest-neighbour search over the documents matching
`filters`, which are required. Same `query` forms and `$dist` as `ANN`."""

RankBySparseKNN: TypeAlias = 'tuple[str, Literal["SparseKNN"], Mapping[str, float]]'
"""`[attribute, "SparseKNN", {dimension: weight}]`: sparse dot-product search on a `{}f16` attribute
with `sparse_knn` enabled. `$dist` is the dot product; descending (higher is better). Also usable
inside `Sum`/`Max`/`Saturate` score expressions."""

RankByAttributeAsc: TypeAlias = 'tuple[str, Literal["asc"]]'
"""`[attribute, "asc"]`: order by the attribute, ascending (nulls first). Rows carry no `$dist`. Not
for array attributes."""

RankByAttributeDesc: TypeAlias = 'tuple[str, Literal["desc"]]'
"""`[attribute, "desc"]`: order by the attribute, descending (nulls last). Rows carry no `$dist`."""

ScoreBM25: TypeAlias = 'tuple[str, Literal["BM25"], str | Sequence[str]] | tuple[str, Literal["BM25"], str | Sequence[str], Mapping[str, Any]]'
"""`[attribute, "BM25", query, params?]`: the BM25 relevance of the attribute (full-text search
enabled) for the query; a string array is taken as ready tokens."""

ScoreSum: TypeAlias = 'tuple[Literal["Sum"], Sequence[ScoreExpression]]'
"""`["Sum", [score, ...]]`: the sum of the scores."""

ScoreMax: TypeAlias = 'tuple[Literal["Max"], Sequence[ScoreExpression]]'
"""`["Max", [score, ...]]`: the largest of the scores."""

ScoreMaxPair: TypeAlias = 'tuple[Literal["Max"], float | ScoreExpression, float | ScoreExpression]'
"""`["Max", a, b]`: the larger of two operands, each a number or a score; e.g. `["Max", 0,
["Attribute", "clicks"]]` clamps a signed attribute at zero."""

ScoreProduct: TypeAlias = 'tuple[Literal["Product"], float, ScoreExpression]'
"""`["Product", weight, score]`: the score multiplied by a non-negative constant."""

ScoreProductReversed: TypeAlias = 'tuple[Literal["Product"], ScoreExpression, float]'
"""`["Product", score, weight]`: the same as `ScoreProduct` with the arguments swapped."""

ScoreSaturate: TypeAlias = 'tuple[Literal["Saturate"], ScoreExpression, Mapping[str, Any]]'
"""`["Saturate", score, {midpoint, exponent?}]`: x^e / (x^e + m^e), mapping a non-negative score into
[0, 1)."""

ScoreDecay: TypeAlias = 'tuple[Literal["Decay"], ScoreExpression, Mapping[str, Any]]'
"""`["Decay", score, {midpoint, exponent?}]`: m^e / (x^e + m^e), 1 at zero and decreasing; e.g. a
recency boost over `Dist`."""

ScoreAttribute: TypeAlias = 'tuple[Literal["Attribute"], str]'
"""`["Attribute", attribute]`: the document's numeric attribute value (`uint`, `datetime`). A rank on a
signed attribute (`int`/`float`) is a 400 unless it is wrapped so it cannot go negative: inside a
`Max` with a non-negative operand (`["Max", 0, ...]`, `["Max", [..., 0]]`, or beside a BM25 clause),
or under `Saturate`, `Decay` or `Dist`. Documents whose final score is 0 are not returned."""

ScoreDist: TypeAlias = 'tuple[Literal["Dist"], ScoreExpression, float | str]'
"""`["Dist", score, origin]`: the absolute distance between the expression's value and the origin (a
number, or an ISO 8601 datetime giving milliseconds)."""

ExprEmbed: TypeAlias = 'tuple[Literal["Embed"], str] | tuple[Literal["Embed"], str, Mapping[str, Any]]'
"""`["Embed", text, {model?}]`: the text embedded by the server, with the attribute's configured model
or `model`. Used as the query of `ANN`/`kNN`."""

ExprVectorDist: TypeAlias = 'tuple[str, Literal["VectorDist"], VectorLike]'
"""`[attribute, "VectorDist", vector]`: the distance between the row's vector attribute and the vector
(namespace metric)."""

ExprHighlight: TypeAlias = (
    'tuple[Literal["Highlight"], str] | tuple[Literal["Highlight"], str, Mapping[str, Any]]'
)
"""`["Highlight", attribute, config?]`: the best-matching fragments of a full-text attribute (beta); a
list of `HighlightFragment`."""

AggregateByCount: TypeAlias = 'tuple[Literal["Count"]]'
"""`["Count"]`: the number of matching documents (an integer)."""

AggregateByCountAttribute: TypeAlias = 'tuple[Literal["Count"], str]'
"""`["Count", attribute]` (deprecated): the number of matching documents where the attribute is not
null."""

AggregateBySum: TypeAlias = 'tuple[Literal["Sum"], str]'
"""`["Sum", attribute]`: the sum of a numeric (`int`, `uint`, `float`) attribute over the matching
documents."""

GroupByForEachUnique: TypeAlias = 'tuple[Literal["ForEachUnique"], AttributeName]'
"""`["ForEachUnique", attribute]`: one group per distinct element of an array attribute."""

RerankByRRF: TypeAlias = 'tuple[Literal["RRF"]] | tuple[Literal["RRF"], Mapping[str, Any]]'
"""`["RRF", params?]`: reciprocal rank fusion of a multi-query's sub-query results into one list:
score(doc) = Σ weight_i / (rank_constant + rank_i(doc)), reported as `$dist`."""

OffsetRange: TypeAlias = "tuple[int, int]"
"""A half-open `[start, end)` range in the requested offset units."""

RankByAttributes: TypeAlias = "Sequence[RankByAttributeAsc | RankByAttributeDesc]"
"""`[[attribute, "asc"|"desc"], ...]`: order by up to 8 attributes, later ones breaking ties of earlier
ones."""

AttributeName: TypeAlias = "str"
"""An attribute name (at most 128 bytes; names starting with `$` are reserved), or `id`."""

GroupByNamedFunction: TypeAlias = "Mapping[str, GroupByForEachUnique]"
"""`{output_name: ["ForEachUnique", attribute]}`: a computed group key, reported under `output_name`."""

RerankByModel: TypeAlias = "Mapping[str, Any]"
"""Re-rank the retrieved rows with a re-ranking model that scores a string attribute against a query
text."""

__all__ = [
    "AggregateBy",
    "AggregateByCount",
    "AggregateByCountAttribute",
    "AggregateBySum",
    "AttributeName",
    "Expr",
    "ExprEmbed",
    "ExprHighlight",
    "ExprVectorDist",
    "Filter",
    "FilterAnd",
    "FilterAnyGt",
    "FilterAnyGte",
    "FilterAnyLt",
    "FilterAnyLte",
    "FilterContains",
    "FilterContainsAllTokens",
    "FilterContainsAny",
    "FilterContainsAnyToken",
    "FilterContainsTokenSequence",
    "FilterEq",
    "FilterFuzzy",
    "FilterGlob",
    "FilterGt",
    "FilterGte",
    "FilterIGlob",
    "FilterIn",
    "FilterLt",
    "FilterLte",
    "FilterNot",
    "FilterNotContains",
    "FilterNotContainsAny",
    "FilterNotEq",
    "FilterNotGlob",
    "FilterNotIGlob",
    "FilterNotIn",
    "FilterOr",
    "FilterRegex",
    "GroupBy",
    "GroupByForEachUnique",
    "GroupByNamedFunction",
    "OffsetRange",
    "RankBy",
    "RankByANN",
    "RankByAttributeAsc",
    "RankByAttributeDesc",
    "RankByAttributes",
    "RankByKNN",
    "RankBySparseKNN",
    "RefNew",
    "RerankBy",
    "RerankByModel",
    "RerankByRRF",
    "ScoreAttribute",
    "ScoreBM25",
    "ScoreDecay",
    "ScoreDist",
    "ScoreExpression",
    "ScoreMax",
    "ScoreMaxPair",
    "ScoreProduct",
    "ScoreProductReversed",
    "ScoreSaturate",
    "ScoreSum",
    "VectorLike",
]
