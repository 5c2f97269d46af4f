"""Parity with the hosted service (issue 14, items 1, 2, 8, 9, 10 and 11), over real HTTP with the
official ``turbopuffer`` client: each test pins a behaviour the hosted service has and the emulator
did not.
"""

from __future__ import annotations

from typing import Any

import pytest
import turbopuffer


def _ids(rows: Any) -> list[Any]:
    return [row.id for row in rows or []]


# ---------------------------------------------------------------------------------------------- #1


@pytest.mark.parity("Filter.In", "Filter.NotIn")
def test_in_and_not_in_on_an_array_attribute_match_any_element(tpuf, unique_ns):
    """Parity #1: ``In`` on a ``[]string`` matches documents whose array holds any listed value; the
    operand may be one scalar; ``NotIn`` is the exact complement (documents without the array too)."""
    ns = tpuf.namespace(unique_ns)
    ns.write(
        upsert_rows=[
            {"id": 1, "users": ["simon", "bojan"], "owner": "simon"},
            {"id": 2, "users": ["nathan"], "owner": "nathan"},
            {"id": 3, "users": ["bojan"], "owner": "bojan"},
            {"id": 4, "owner": "simon"},  # no users at all
        ]
    )

    def ids(filters: Any) -> list[Any]:
        return _ids(ns.query(filters=filters, rank_by=("id", "asc"), top_k=10).rows)

    assert ids(("users", "In", ["simon"])) == [1]
    assert ids(("users", "In", ["simon", "nathan"])) == [1, 2]
    assert ids(("users", "In", "bojan")) == [1, 3]  # a single scalar operand
    assert ids(("users", "NotIn", ["simon"])) == [2, 3, 4]
    assert ids(("users", "NotIn", "bojan")) == [2, 4]
    # Scalar attributes accept the single-value form too, and id does.
    assert ids(("owner", "In", "simon")) == [1, 4]
    assert ids(("owner", "NotIn", "simon")) == [2, 3]
    assert ids(("id", "In", 3)) == [3]
    # Inside a larger filter, where the filter index narrows the candidates first.
    assert ids(("And", [("users", "In", ["bojan"]), ("owner", "Eq", "bojan")])) == [3]
    assert ids(("Or", [("users", "In", ["nathan"]), ("owner", "In", ["bojan"])])) == [2, 3]


# ---------------------------------------------------------------------------------------------- #2


@pytest.mark.parity("rows-omit-null-attributes", "query.include_attributes")
def test_rows_omit_null_attributes_even_when_named(tpuf, unique_ns):
    """Parity #2: an attribute that is null or missing for a document is left out of its row, also
    when include_attributes names it, in single queries and in multi-query results."""
    ns = tpuf.namespace(unique_ns)
    ns.write(
        upsert_rows=[
            {"id": 1, "vector": [1.0, 0.0], "hello": "world"},
            {"id": 2, "vector": [0.0, 1.0]},
            {"id": 3, "vector": [0.5, 0.5], "hello": None},
        ],
        distance_metric="cosine_distance",
    )
    rows = ns.query(
        rank_by=("vector", "ANN", [0.0, 1.0]), top_k=3, include_attributes=["hello", "vector"]
    ).rows
    by_id = {row.id: row for row in rows or []}
    assert set(by_id[2].to_dict()) == {"id", "vector", "$dist"}
    assert set(by_id[3].to_dict()) == {"id", "vector", "$dist"}
    assert by_id[1].to_dict()["hello"] == "world"
    everything = ns.query(rank_by=("id", "asc"), top_k=3, include_attributes=True).rows
    assert ["hello" in row.to_dict() for row in everything or []] == [True, False, False]

    multi = ns.multi_query(
        queries=[
            {"rank_by": ("id", "asc"), "top_k": 3, "include_attributes": ["hello"]},
            {"rank_by": ("vector", "ANN", [1.0, 0.0]), "top_k": 3, "include_attributes": ["hello"]},
        ]
    )
    for result in multi.results:
        for row in result.rows or []:
            assert ("hello" in row.to_dict()) == (row.id == 1)


# ---------------------------------------------------------------------------------------------- #8


@pytest.mark.parity("rank-by-and-limit-required", "query.rank_by", "query.limit")
def test_rank_by_and_limit_are_required_except_for_aggregations(tpuf, unique_ns):
    """Parity #8: no rank_by and no aggregate_by is a 400; rank_by without top_k/limit is a 400 (in
    sub-queries of a multi-query too); an aggregation needs no limit."""
    ns = tpuf.namespace(unique_ns)
    ns.write(upsert_rows=[{"id": i, "color": "red" if i % 2 else "blue"} for i in range(1, 13)])

    with pytest.raises(turbopuffer.BadRequestError, match="rank_by is required"):
        ns.query(filters=("color", "Eq", "red"), top_k=5)
    with pytest.raises(turbopuffer.BadRequestError, match="limit is required"):
        ns.query(rank_by=("id", "asc"))
    with pytest.raises(turbopuffer.BadRequestError, match=r"queries\[1\]\.limit is required"):
        ns.multi_query(queries=[{"rank_by": ("id", "asc"), "top_k": 2}, {"rank_by": ("id", "desc")}])
    with pytest.raises(turbopuffer.BadRequestError, match=r"queries\[0\]\.rank_by is required"):
        ns.multi_query(queries=[{"filters": ("color", "Eq", "red"), "top_k": 2}])

    assert ns.query(aggregate_by={"n": ("Count",)}).aggregations == {"n": 12}
    groups = ns.query(aggregate_by={"n": ("Count",)}, group_by=["color"]).aggregation_groups
    assert sorted((g["color"], g["n"]) for g in groups or []) == [("blue", 6), ("red", 6)]
    multi = ns.multi_query(
        queries=[{"aggregate_by": {"n": ("Count",)}}, {"rank_by": ("id", "asc"), "limit": 11}]
    )
    assert multi.results[0].aggregations == {"n": 12}
    assert len(multi.results[1].rows or []) == 11  # the limit given, not a default of 10


# ---------------------------------------------------------------------------------------------- #9


@pytest.mark.parity("ScoreExpression.Attribute")
def test_signed_attribute_ranks_must_be_clamped_and_zero_scores_are_dropped(tpuf, unique_ns):
    """Parity #9: ``["Attribute", x]`` ranking a signed attribute (int, float) is a 400 unless it is
    wrapped so it cannot go negative (``Max`` with a non-negative operand, ``Saturate``, ``Decay``,
    ``Dist``); uint needs no wrapper; documents scoring 0 are not returned."""
    ns = tpuf.namespace(unique_ns)
    ns.write(
        upsert_rows=[
            {"id": 1, "votes": 5, "ratio": 0.5, "clicks": 7},
            {"id": 2, "votes": -3, "ratio": -1.5, "clicks": 0},
            {"id": 3, "votes": 0, "ratio": 2.0, "clicks": 2},
            {"id": 4, "votes": 2, "ratio": 0.0, "clicks": 9},
        ],
        schema={"clicks": "uint", "ratio": "float"},
    )

    def ranked(rank_by: Any) -> list[tuple[Any, float]]:
        rows = ns.query(rank_by=rank_by, top_k=10).rows or []
        return [(row.id, row.to_dict()["$dist"]) for row in rows]

    for attr in ("votes", "ratio"):
        with pytest.raises(turbopuffer.BadRequestError, match="signed attribute"):
            ranked(("Attribute", attr))
        with pytest.raises(turbopuffer.BadRequestError, match="signed attribute"):
            ranked(("Sum", [("Attribute", attr), ("Product", 2, ("Attribute", attr))]))
        with pytest.raises(turbopuffer.BadRequestError, match="signed attribute"):
            ranked(("Max", [("Attribute", attr), -1]))  # a negative operand clamps nothing
    assert ranked(("Max", 0, ("Attribute", "votes"))) == [(1, 5.0), (4, 2.0)]  # -3 -> 0 and 0: dropped
    assert ranked(("Max", [("Attribute", "ratio"), 0])) == [(3, 2.0), (1, 0.5)]
    both = ranked(("Sum", [("Max", 0, ("Attribute", "votes")), ("Max", 0, ("Attribute", "ratio"))]))
    assert both[0] == (1, 5.5) and sorted(both[1:]) == [(3, 2.0), (4, 2.0)]  # 3 and 4 tie
    assert [i for i, _ in ranked(("Saturate", ("Attribute", "votes"), {"midpoint": 1}))] == [1, 4]
    assert [i for i, _ in ranked(("Dist", ("Attribute", "votes"), 0))] == [1, 2, 4]  # |x|
    assert ranked(("Attribute", "clicks")) == [(4, 9.0), (1, 7.0), (3, 2.0)]  # uint: fine; 0 dropped
    # The same rule holds in a sub-query of a multi-query.
    with pytest.raises(turbopuffer.BadRequestError, match=r"queries\[0\]\.rank_by"):
        ns.multi_query(queries=[{"rank_by": ("Attribute", "votes"), "top_k": 3}])


# ---------------------------------------------------------------------------------------------- #10


@pytest.mark.parity("write-schema-only-needs-namespace", "write.schema")
def test_a_schema_only_write_needs_an_existing_namespace(tpuf, unique_ns):
    """Parity #10: a write carrying only ``schema`` to a namespace that does not exist is a 404 (and
    creates nothing), like the schema endpoint; on an existing namespace it updates the schema."""
    ns = tpuf.namespace(unique_ns)
    with pytest.raises(turbopuffer.NotFoundError):
        ns.write(schema={"title": {"type": "string", "full_text_search": True}})
    assert ns.exists() is False
    with pytest.raises(turbopuffer.NotFoundError):
        ns.update_schema(schema={"title": "string"})
    assert ns.exists() is False

    ns.write(upsert_rows=[{"id": 1, "title": "hello"}])
    ns.write(schema={"label": "string"})
    assert "label" in ns.schema()


# ---------------------------------------------------------------------------------------------- #11


@pytest.mark.parity("write-long-strings")
def test_long_strings_without_a_schema_are_stored_as_the_sdk_benchmark_writes_them(tpuf, unique_ns):
    """Parity #11: turbopuffer's own SDK benchmark upserts 8,096-character ``content`` strings with no
    schema and reads them back; the 4 KiB "filterable value" limit bounds filter operands only."""
    ns = tpuf.namespace(unique_ns)
    long_text = "x" * 8_096
    ns.write(
        upsert_rows=[
            {"id": "a", "vector": [0.1, 0.2], "content": long_text},
            {"id": "b", "vector": [0.2, 0.1], "content": "short"},
        ],
        distance_metric="cosine_distance",
    )
    rows = ns.query(rank_by=("vector", "ANN", [0.1, 0.2]), top_k=10, include_attributes=True).rows or []
    assert {row.id: row.to_dict()["content"] for row in rows} == {"a": long_text, "b": "short"}
    assert ns.schema()["content"].to_dict()["filterable"] is True  # inferred as usual
    # The attribute stays filterable for values within the limit...
    rows = ns.query(filters=("content", "Eq", "short"), rank_by=("id", "asc"), top_k=10).rows
    assert _ids(rows) == ["b"]
    # ...and a filter operand beyond 4 KiB is refused: no filterable value can be that long.
    with pytest.raises(turbopuffer.BadRequestError, match="limited to 4096 bytes"):
        ns.query(filters=("content", "Eq", long_text), rank_by=("id", "asc"), top_k=10)
