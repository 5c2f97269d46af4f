"""Every operator the spec lists (``x-tpuf-lang`` families) is one the parser accepts, and vice versa.

The operators of the spec are the ``const`` positions of the ``prefixItems`` tuples reachable from each
family's ``anyOf``; the parser's are the catalogue in ``language/operators.py``, and each of those is
proven to parse with a real example here (so the catalogue cannot list an operator the parser rejects).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml
from tpuf_emulator.errors import ApiError
from tpuf_emulator.language import operators as ops

from .fake_view import FakeView, every_kind_view

SPEC = Path(__file__).resolve().parents[2] / "spec" / "turbopuffer.yaml"


def _load_spec() -> dict[str, Any]:
    return dict(yaml.safe_load(SPEC.read_text()))


def _operators(schemas: dict[str, Any], name: str, seen: set[str]) -> set[str]:
    """Const operators of every tuple reachable from ``name`` (anyOf/oneOf/additionalProperties $refs)."""
    if name in seen:
        return set()
    seen.add(name)
    schema = schemas[name]
    found: set[str] = set()
    for item in schema.get("prefixItems", []):
        if "const" in item:
            found.add(item["const"])
    members = [*schema.get("anyOf", []), *schema.get("oneOf", [])]
    if isinstance(schema.get("additionalProperties"), dict):  # {"name": ["ForEachUnique", attr]}
        members.append(schema["additionalProperties"])
    for member in members:
        ref = member.get("$ref")
        if ref:
            found |= _operators(schemas, ref.rsplit("/", 1)[1], seen)
    return found


@functools.cache
def _families() -> dict[str, set[str]]:
    schemas = _load_spec()["components"]["schemas"]
    families = {name: s["x-tpuf-lang"] for name, s in schemas.items() if "x-tpuf-lang" in s}
    return {family: _operators(schemas, name, set()) for name, family in families.items()}


EXPECTED = {
    "Filter": ops.FILTER_OPERATORS,
    "RankBy": ops.RANK_BY_OPERATORS,
    "ScoreExpression": frozenset(ops.SCORE_OPERATORS) | {"BM25", "SparseKNN"} | ops.FILTER_OPERATORS,
    "Expr": ops.RANK_BY_OPERATORS | frozenset(ops.COMPUTE_OPS),
    "AggregateBy": frozenset(ops.AGGREGATE_FUNCTIONS),
    "GroupBy": frozenset(ops.GROUP_BY_FUNCTIONS),
    "RerankBy": frozenset(ops.RERANK_FUNCTIONS),
}


@pytest.mark.parametrize("family", sorted(EXPECTED))
def test_spec_family_matches_parser(family):
    families = _families()
    assert family in families, f"the spec has no x-tpuf-lang: {family} family"
    in_spec = families[family]
    accepted = EXPECTED[family]
    assert sorted(in_spec - accepted) == [], f"{family}: in the spec but not accepted by the parser"
    assert sorted(accepted - in_spec) == [], f"{family}: accepted by the parser but missing from the spec"


# One real example per operator; each must parse (or, for Embed, be refused with a clear 400).
EXAMPLES: dict[str, dict[str, Any]] = {
    "Eq": {"filters": ["s", "Eq", "a"]},
    "NotEq": {"filters": ["s", "NotEq", "a"]},
    "Lt": {"filters": ["n", "Lt", 1]},
    "Lte": {"filters": ["n", "Lte", 1]},
    "Gt": {"filters": ["n", "Gt", 1]},
    "Gte": {"filters": ["n", "Gte", 1]},
    "In": {"filters": ["s", "In", ["a"]]},
    "NotIn": {"filters": ["s", "NotIn", ["a"]]},
    "Contains": {"filters": ["arr", "Contains", "a"]},
    "NotContains": {"filters": ["arr", "NotContains", "a"]},
    "ContainsAny": {"filters": ["arr", "ContainsAny", ["a"]]},
    "NotContainsAny": {"filters": ["arr", "NotContainsAny", ["a"]]},
    "AnyLt": {"filters": ["nums", "AnyLt", 1]},
    "AnyLte": {"filters": ["nums", "AnyLte", 1]},
    "AnyGt": {"filters": ["nums", "AnyGt", 1]},
    "AnyGte": {"filters": ["nums", "AnyGte", 1]},
    "Glob": {"filters": ["s", "Glob", "a*"]},
    "NotGlob": {"filters": ["s", "NotGlob", "a*"]},
    "IGlob": {"filters": ["s", "IGlob", "a*"]},
    "NotIGlob": {"filters": ["s", "NotIGlob", "a*"]},
    "Regex": {"filters": ["s", "Regex", "a+"]},
    "Fuzzy": {
        "filters": ["s", "Fuzzy", "abc", {"max_edit_distance": [{"min_query_chars": 3, "distance": 0}]}]
    },
    "ContainsAllTokens": {"filters": ["text", "ContainsAllTokens", "a b"]},
    "ContainsAnyToken": {"filters": ["text", "ContainsAnyToken", "a b", {"last_as_prefix": True}]},
    "ContainsTokenSequence": {"filters": ["text", "ContainsTokenSequence", "a b"]},
    "And": {"filters": ["And", [["s", "Eq", "a"]]]},
    "Or": {"filters": ["Or", [["s", "Eq", "a"]]]},
    "Not": {"filters": ["Not", ["s", "Eq", "a"]]},
    "ANN": {"rank_by": ["v", "ANN", [1.0, 0.0]]},
    "kNN": {"rank_by": ["v", "kNN", [1.0, 0.0]], "filters": ["s", "Eq", "a"]},
    "SparseKNN": {"rank_by": ["sp", "SparseKNN", {"a": 1.0}]},
    "BM25": {"rank_by": ["text", "BM25", "a"]},
    "asc": {"rank_by": ["n", "asc"]},
    "desc": {"rank_by": ["n", "desc"]},
    "Sum": {"rank_by": ["Sum", [["text", "BM25", "a"]]]},
    "Max": {"rank_by": ["Max", [["text", "BM25", "a"]]]},
    "Product": {"rank_by": ["Product", 2, ["text", "BM25", "a"]]},
    "Saturate": {"rank_by": ["Saturate", ["Attribute", "n"], {"midpoint": 1}]},
    "Decay": {"rank_by": ["Decay", ["Attribute", "n"], {"midpoint": "1h"}]},
    "Attribute": {"rank_by": ["Max", 0, ["Attribute", "n"]]},  # n is a signed int: clamped (Parity #9)
    "Dist": {"rank_by": ["Dist", ["Attribute", "n"], 3]},
    "VectorDist": {"rank_by": ["n", "asc"], "compute_attributes": {"d": ["v", "VectorDist", [1.0, 0.0]]}},
    "Highlight": {"rank_by": ["text", "BM25", "a"], "compute_attributes": {"h": ["Highlight", "text"]}},
    "Embed": {"rank_by": ["v", "ANN", ["Embed", "hello"]]},
    "Count": {"aggregate_by": {"n": ["Count"]}},
    "ForEachUnique": {"aggregate_by": {"n": ["Count"]}, "group_by": [{"e": ["ForEachUnique", "arr"]}]},
    "RRF": {"queries": [{"rank_by": ["n", "asc"]}, {"rank_by": ["n", "desc"]}], "rerank_by": ["RRF"]},
}
EXAMPLES["Sum_aggregate"] = {"aggregate_by": {"total": ["Sum", "n"]}}


@pytest.fixture(scope="module")
def view() -> FakeView:
    return every_kind_view()


def test_examples_cover_the_catalogue():
    assert sorted(ops.ALL_OPERATORS - set(EXAMPLES)) == []


def _complete(query: dict[str, Any]) -> dict[str, Any]:
    """The example as a valid query: a lookup by id when it only filters, and a limit when ranked
    (rank_by is required unless aggregate_by is set, and a ranked query needs a limit)."""
    query = dict(query)
    if "queries" in query:
        query["queries"] = [_complete(sub) for sub in query["queries"]]
        return query
    if "aggregate_by" not in query:
        query.setdefault("rank_by", ["id", "asc"])
        query.setdefault("limit", 10)
    return query


@pytest.mark.parametrize("operator", sorted(EXAMPLES))
def test_every_operator_parses(view, operator):
    body = _complete(EXAMPLES[operator])
    if operator in ops.UNSUPPORTED_OPS:
        with pytest.raises(ApiError) as info:
            view.query(**body)
        assert info.value.status == 400 and "not supported" in info.value.message
        return
    response = view.query(**body)
    assert "billing" in response
