"""The query language in the spec: its conventions (docs/architecture.md) and what it accepts.

The conventions are what our own generator relies on to emit typed builders: every operator
form is a named `prefixItems` tuple with exactly one `const` string (the operator), closed by
`minItems`/`maxItems`; families are `anyOf` unions marked `x-tpuf-lang`.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec.openapi_document import component_validator, load_spec, validation_errors

FAMILIES = {
    "Filter": "Filter",
    "RankBy": "RankBy",
    "ScoreExpression": "Score",
    "Expr": "Expr",
    "AggregateBy": "AggregateBy",
    "GroupBy": "GroupBy",
    "RerankBy": "RerankBy",
}
SCHEMAS = load_spec()["components"]["schemas"]


def _operator_tuples() -> dict[str, dict[str, Any]]:
    return {
        name: schema
        for name, schema in SCHEMAS.items()
        if any(isinstance(p.get("const"), str) for p in schema.get("prefixItems", []))
    }


def test_families_are_marked_unions() -> None:
    for family in FAMILIES:
        schema = SCHEMAS[family]
        assert schema.get("x-tpuf-lang") == family, family
        assert "anyOf" in schema and all("$ref" in branch for branch in schema["anyOf"]), family


@pytest.mark.parametrize("name", sorted(_operator_tuples()))
def test_operator_tuple_convention(name: str) -> None:
    schema = SCHEMAS[name]
    consts = [p for p in schema["prefixItems"] if "const" in p]
    assert schema["type"] == "array"
    assert len(consts) == 1 and isinstance(consts[0]["const"], str), (
        "exactly one const position: the operator"
    )
    assert "minItems" in schema and "maxItems" in schema, "closed with minItems/maxItems"
    assert schema["maxItems"] <= len(schema["prefixItems"]), "no positions beyond prefixItems"
    assert "items" not in schema, "never `items` on an operator tuple (in particular never `items: false`)"
    assert any(name.startswith(prefix) for prefix in FAMILIES.values()), "named <Family><Operator>"


def test_every_operator_tuple_belongs_to_a_family() -> None:
    reachable: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name not in reachable:
                    reachable.add(name)
                    walk(SCHEMAS[name])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for family in FAMILIES:
        walk(SCHEMAS[family])
    assert set(_operator_tuples()) <= reachable


def test_no_items_false_anywhere() -> None:
    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            assert node.get("items", True) is not False, path
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}/{index}")

    walk(load_spec(), "#")


VALID = [
    ("Filter", ["title", "Eq", "red shoe"]),
    ("Filter", ["id", "In", [1, 2, 3]]),
    ("Filter", ["users", "In", "bojan"]),  # Parity #1: a single value is a list of one
    ("Filter", ["users", "NotIn", ["simon"]]),
    ("Filter", ["And", [["views", "Gte", 10], ["Not", ["tags", "Contains", "draft"]]]]),
    ("Filter", ["Or", []]),
    ("Filter", ["title", "Fuzzy", "pufer", {"max_edit_distance": [{"min_query_chars": 3, "distance": 1}]}]),
    ("Filter", ["content", "ContainsAllTokens", "quick fox", {"last_as_prefix": True}]),
    ("Filter", ["content", "ContainsTokenSequence", ["quick", "fox"]]),
    ("Filter", ["updated_at", "Eq", None]),
    ("Filter", ["version", "Lt", {"$ref_new": "version"}]),
    ("RankBy", ["vector", "ANN", [0.1, 0.2, 0.3]]),
    ("RankBy", ["vector", "kNN", [[0.1, 0.2], [0.3, 0.4]]]),
    ("RankBy", ["text_vector", "ANN", ["Embed", "red shoes", {"model": "some-model"}]]),
    ("RankBy", ["sparse", "SparseKNN", {"dim0": 0.2, "dim3": 0.1}]),
    ("RankBy", ["id", "asc"]),
    ("RankBy", [["category", "asc"], ["score", "desc"]]),
    ("RankBy", ["Sum", [["Product", 2, ["title", "BM25", "fox"]], ["content", "BM25", ["fox"]]]]),
    ("RankBy", ["Product", ["title", "BM25", "fox"], 0.5]),
    ("RankBy", ["Max", 0, ["Attribute", "clicks"]]),
    ("RankBy", ["Saturate", ["Attribute", "likes"], {"midpoint": 100, "exponent": 2}]),
    ("RankBy", ["Decay", ["Dist", ["Attribute", "published_at"], "2026-02-03T12:13:14"], {"midpoint": "7d"}]),
    ("RankBy", ["Sum", [["content", "BM25", "fox"], ["tags", "Contains", "featured"]]]),
    ("Expr", ["vector", "VectorDist", [1.0, 0.0]]),
    (
        "Expr",
        ["Highlight", "content", {"fragment_by": "word", "rank_fragments_by": ["$fragment", "BM25", "fox"]}],
    ),
    ("Expr", {"$ref_new": "title"}),
    ("AggregateBy", ["Count"]),
    ("AggregateBy", ["Sum", "price"]),
    ("GroupBy", "color"),
    ("GroupBy", {"tag": ["ForEachUnique", "tags"]}),
    ("RerankBy", ["RRF"]),
    ("RerankBy", ["RRF", {"rank_constant": 10, "weights": [2, 1]}]),
    ("RerankBy", {"attribute": "content", "model": "rerank-1", "query": "quick fox"}),
]

INVALID = [
    ("Filter", ["title", "Eq", "x", "extra"], "too long"),
    ("Filter", ["title", "Equals", "x"], "unknown operator"),
    ("Filter", ["And", ["title", "Eq", "x"]], "And needs a list of filters"),
    ("Filter", ["title", "In", {"a": 1}], "In needs a list or one value"),
    ("Filter", ["title", "Fuzzy", "x"], "Fuzzy needs its params"),
    (
        "Filter",
        ["title", "Fuzzy", "x", {"max_edit_distance": [{"min_query_chars": 3, "distance": 3}]}],
        "distance",
    ),
    ("RankBy", ["vector", "ANN"], "missing query"),
    ("RankBy", ["vector", "ANN", []], "empty vector"),
    ("RankBy", ["Product", -1, ["title", "BM25", "fox"]], "negative weight"),
    ("RankBy", [["a", "asc"]] * 9, "at most 8 attributes"),
    ("RankBy", ["id", "ascending"], "asc or desc"),
    ("AggregateBy", ["Avg", "price"], "unknown aggregation"),
    ("GroupBy", {"a": ["ForEachUnique", "x"], "b": ["ForEachUnique", "y"]}, "one key per object"),
    ("RerankBy", ["RRF", {"rank_constant": 0}], "rank_constant > 0"),
    ("RerankBy", ["RRF", {"weights": [0]}], "positive weights"),
]


@pytest.mark.parametrize(("family", "value"), VALID, ids=lambda v: str(v)[:70])
def test_language_accepts(family: str, value: Any) -> None:
    assert not validation_errors({"$ref": f"#/components/schemas/{family}"}, value)


@pytest.mark.parametrize(("family", "value", "why"), INVALID, ids=lambda v: str(v)[:70])
def test_language_rejects(family: str, value: Any, why: str) -> None:
    assert not component_validator(family).is_valid(value), why
