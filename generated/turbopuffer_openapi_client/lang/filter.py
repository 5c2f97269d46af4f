# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Builders for the ``Filter`` family: A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical combination. Used by
`filters`, `delete_by_filter`, `patch_by_filter.filters`, the `*_condition` write fields, recall,
and as a 0/1 term inside score expressions. `attribute` may be `id`. Operands must have the
attribute's type; in write conditions they may be `{"$ref_new": attr}`.

One function per form, named after its operator, returning the tuple the API expects, e.g.
``Eq(attribute, operand)`` -> ``(attribute, "Eq", operand)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._types import *  # noqa: F403


def Eq(
    attribute: str, operand: None | bool | float | str | Sequence[None | bool | float | str] | RefNew
) -> FilterEq:
    """`[attribute, "Eq", operand]`: Equal to the value. `null` matches documents where the attribute is
    missing (null). On an array attribute with an array value: exact array equality. Works on `id`."""
    return (attribute, "Eq", operand)


def NotEq(
    attribute: str, operand: None | bool | float | str | Sequence[None | bool | float | str] | RefNew
) -> FilterNotEq:
    """`[attribute, "NotEq", operand]`: Not equal to the value (the exact complement of `Eq`). `["a",
    "NotEq", null]` matches documents that have the attribute."""
    return (attribute, "NotEq", operand)


def Lt(
    attribute: str, operand: None | bool | float | str | Sequence[None | bool | float | str] | RefNew
) -> FilterLt:
    """`[attribute, "Lt", operand]`: Less than the value (numbers numerically, strings lexicographically,
    datetimes by time). Null attribute values sort below every value, so they match."""
    return (attribute, "Lt", operand)


def Lte(
    attribute: str, operand: None | bool | float | str | Sequence[None | bool | float | str] | RefNew
) -> FilterLte:
    """`[attribute, "Lte", operand]`: Less than or equal to the value. Null attribute values match."""
    return (attribute, "Lte", operand)


def Gt(
    attribute: str, operand: None | bool | float | str | Sequence[None | bool | float | str] | RefNew
) -> FilterGt:
    """`[attribute, "Gt", operand]`: Greater than the value. Never matches null attribute values."""
    return (attribute, "Gt", operand)


def Gte(
    attribute: str, operand: None | bool | float | str | Sequence[None | bool | float | str] | RefNew
) -> FilterGte:
    """`[attribute, "Gte", operand]`: Greater than or equal to the value. Never matches null attribute
    values."""
    return (attribute, "Gte", operand)


def In(
    attribute: str,
    operand: Sequence[None | bool | float | str | Sequence[None | bool | float | str] | RefNew]
    | None
    | bool
    | float
    | str
    | RefNew,
) -> FilterIn:
    """`[attribute, "In", operand]`: Equal to any element of the list (a single value stands for a list of
    one). On an array attribute: the array holds any listed value, e.g. `["users", "In", ["simon"]]` or
    `["users", "In", "bojan"]`."""
    return (attribute, "In", operand)


def NotIn(
    attribute: str,
    operand: Sequence[None | bool | float | str | Sequence[None | bool | float | str] | RefNew]
    | None
    | bool
    | float
    | str
    | RefNew,
) -> FilterNotIn:
    """`[attribute, "NotIn", operand]`: Equal to no element of the list (the exact complement of `In`, also
    on array attributes and with a single value)."""
    return (attribute, "NotIn", operand)


def Contains(
    attribute: str, operand: None | bool | float | str | Sequence[None | bool | float | str] | RefNew
) -> FilterContains:
    """`[attribute, "Contains", operand]`: The array attribute contains the value."""
    return (attribute, "Contains", operand)


def NotContains(
    attribute: str, operand: None | bool | float | str | Sequence[None | bool | float | str] | RefNew
) -> FilterNotContains:
    """`[attribute, "NotContains", operand]`: The array attribute does not contain the value."""
    return (attribute, "NotContains", operand)


def ContainsAny(
    attribute: str,
    operand: Sequence[None | bool | float | str | Sequence[None | bool | float | str] | RefNew],
) -> FilterContainsAny:
    """`[attribute, "ContainsAny", operand]`: The array attribute shares at least one element with the
    list."""
    return (attribute, "ContainsAny", operand)


def NotContainsAny(
    attribute: str,
    operand: Sequence[None | bool | float | str | Sequence[None | bool | float | str] | RefNew],
) -> FilterNotContainsAny:
    """`[attribute, "NotContainsAny", operand]`: The array attribute shares no element with the list."""
    return (attribute, "NotContainsAny", operand)


def AnyLt(
    attribute: str, operand: None | bool | float | str | Sequence[None | bool | float | str] | RefNew
) -> FilterAnyLt:
    """`[attribute, "AnyLt", operand]`: Some element of the array attribute is less than the value."""
    return (attribute, "AnyLt", operand)


def AnyLte(
    attribute: str, operand: None | bool | float | str | Sequence[None | bool | float | str] | RefNew
) -> FilterAnyLte:
    """`[attribute, "AnyLte", operand]`: Some element of the array attribute is less than or equal to the
    value."""
    return (attribute, "AnyLte", operand)


def AnyGt(
    attribute: str, operand: None | bool | float | str | Sequence[None | bool | float | str] | RefNew
) -> FilterAnyGt:
    """`[attribute, "AnyGt", operand]`: Some element of the array attribute is greater than the value."""
    return (attribute, "AnyGt", operand)


def AnyGte(
    attribute: str, operand: None | bool | float | str | Sequence[None | bool | float | str] | RefNew
) -> FilterAnyGte:
    """`[attribute, "AnyGte", operand]`: Some element of the array attribute is greater than or equal to
    the value."""
    return (attribute, "AnyGte", operand)


def Glob(attribute: str, operand: str) -> FilterGlob:
    """`[attribute, "Glob", operand]`: The whole value matches the Unix-style glob pattern (`*`, `?`,
    `[a-z]`, `{a,b}`); on `[]string` any element. Needs `glob: true` in the schema."""
    return (attribute, "Glob", operand)


def NotGlob(attribute: str, operand: str) -> FilterNotGlob:
    """`[attribute, "NotGlob", operand]`: The value does not match the glob pattern."""
    return (attribute, "NotGlob", operand)


def IGlob(attribute: str, operand: str) -> FilterIGlob:
    """`[attribute, "IGlob", operand]`: Case-insensitive `Glob`."""
    return (attribute, "IGlob", operand)


def NotIGlob(attribute: str, operand: str) -> FilterNotIGlob:
    """`[attribute, "NotIGlob", operand]`: Case-insensitive `NotGlob`."""
    return (attribute, "NotIGlob", operand)


def Regex(attribute: str, operand: str) -> FilterRegex:
    """`[attribute, "Regex", operand]`: The string value contains a match of the regular expression (Rust
    `regex` dialect: no look-around, no back-references; unanchored). Needs `regex: true` in the schema."""
    return (attribute, "Regex", operand)


def Fuzzy(attribute: str, query: str, params: Mapping[str, Any]) -> FilterFuzzy:
    """`[attribute, "Fuzzy", query, params]`: fuzzy substring match with a Levenshtein edit distance chosen
    by query length (`params.max_edit_distance`). Needs `fuzzy: true`."""
    return (attribute, "Fuzzy", query, params)


def ContainsAllTokens(
    attribute: str, query: str | Sequence[str], params: Mapping[str, Any] | None = None
) -> FilterContainsAllTokens:
    """`[attribute, "ContainsAllTokens", query, params?]`: every token of the query (analysed like the
    attribute; a string array is taken as ready tokens) occurs in the value, in any order. Needs full-
    text search on the attribute."""
    if params is not None:
        return (attribute, "ContainsAllTokens", query, params)
    return (attribute, "ContainsAllTokens", query)


def ContainsAnyToken(
    attribute: str, query: str | Sequence[str], params: Mapping[str, Any] | None = None
) -> FilterContainsAnyToken:
    """`[attribute, "ContainsAnyToken", query, params?]`: at least one token of the query occurs in the
    value. Needs full-text search on the attribute."""
    if params is not None:
        return (attribute, "ContainsAnyToken", query, params)
    return (attribute, "ContainsAnyToken", query)


def ContainsTokenSequence(attribute: str, query: str | Sequence[str]) -> FilterContainsTokenSequence:
    """`[attribute, "ContainsTokenSequence", query]`: the query's tokens occur adjacent and in order (a
    phrase); on `[]string` within one element. Needs full-text search on the attribute."""
    return (attribute, "ContainsTokenSequence", query)


def Not(filter: Filter) -> FilterNot:
    """`["Not", filter]`: the filter does not match."""
    return ("Not", filter)


def And(filters: Sequence[Filter]) -> FilterAnd:
    """`["And", [filter, ...]]`: every filter matches (an empty list matches everything)."""
    return ("And", filters)


def Or(filters: Sequence[Filter]) -> FilterOr:
    """`["Or", [filter, ...]]`: at least one filter matches (an empty list matches nothing)."""
    return ("Or", filters)


__all__ = [
    "Eq",
    "NotEq",
    "Lt",
    "Lte",
    "Gt",
    "Gte",
    "In",
    "NotIn",
    "Contains",
    "NotContains",
    "ContainsAny",
    "NotContainsAny",
    "AnyLt",
    "AnyLte",
    "AnyGt",
    "AnyGte",
    "Glob",
    "NotGlob",
    "IGlob",
    "NotIGlob",
    "Regex",
    "Fuzzy",
    "ContainsAllTokens",
    "ContainsAnyToken",
    "ContainsTokenSequence",
    "Not",
    "And",
    "Or",
]
