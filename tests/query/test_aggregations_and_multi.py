"""aggregate_by / group_by (§5.5) and multi-queries with RRF (§4.3, §5.2.6)."""

from __future__ import annotations

import pytest
from tpuf_emulator.errors import ApiError

from .fake_view import FakeView

SCHEMA = {
    "vector": "[2]f32",
    "color": "string",
    "price": "float",
    "qty": "int",
    "tags": "[]string",
    "status": "string",
    "title": {"type": "string", "full_text_search": True},
    "day": "datetime",
}
ROWS = [
    {
        "id": 1,
        "vector": [1.0, 0.0],
        "color": "red",
        "price": 10.5,
        "qty": 1,
        "tags": ["new", "sale"],
        "status": "active",
        "title": "red shoe",
        "day": "2024-01-01",
    },
    {
        "id": 2,
        "vector": [0.9, 0.1],
        "color": "blue",
        "price": 20.0,
        "qty": 2,
        "tags": ["sale"],
        "status": "active",
        "title": "blue shoe",
        "day": "2024-01-02",
    },
    {
        "id": 3,
        "vector": [0.0, 1.0],
        "color": "red",
        "price": 1.5,
        "qty": 3,
        "tags": ["new"],
        "status": "active",
        "title": "red hat",
        "day": "2024-01-01",
    },
    {"id": 4, "vector": [0.5, 0.5], "color": "blue", "qty": 4, "status": "archived", "title": "blue hat"},
    {
        "id": 5,
        "vector": [0.2, 0.8],
        "price": 7.0,
        "tags": ["new", "new"],
        "status": "active",
        "title": "scarf",
    },
]


@pytest.fixture(scope="module")
def view() -> FakeView:
    return FakeView(SCHEMA, ROWS)


@pytest.mark.parity("query.aggregate_by", "AggregateBy.Count", "AggregateBy.Sum")
def test_count_and_sum(view):
    result = view.query(
        aggregate_by={
            "n": ["Count"],
            "revenue": ["Sum", "price"],
            "units": ["Sum", "qty"],
            "priced": ["Count", "price"],
        },
        filters=["status", "Eq", "active"],
    )
    assert result["aggregations"] == {"n": 4, "revenue": 39.0, "units": 6, "priced": 4}
    assert isinstance(result["aggregations"]["units"], int)
    assert "rows" not in result


@pytest.mark.parity("query.group_by", "GroupBy.AttributeName", "aggregation-groups")
def test_group_by_attributes_sorted_by_key(view):
    groups = view.query(aggregate_by={"n": ["Count"], "revenue": ["Sum", "price"]}, group_by=["color"])
    assert groups["aggregation_groups"] == [
        {"color": None, "n": 1, "revenue": 7.0},
        {"color": "blue", "n": 2, "revenue": 20.0},
        {"color": "red", "n": 2, "revenue": 12.0},
    ]
    limited = view.query(aggregate_by={"n": ["Count"]}, group_by=["color"], limit=2)
    assert [g["color"] for g in limited["aggregation_groups"]] == [None, "blue"]
    dated = view.query(aggregate_by={"n": ["Count"]}, group_by=["day"], filters=["day", "NotEq", None])
    assert dated["aggregation_groups"] == [
        {"day": "2024-01-01T00:00:00.000Z", "n": 2},
        {"day": "2024-01-02T00:00:00.000Z", "n": 1},
    ]


@pytest.mark.parity("GroupBy.ForEachUnique")
def test_group_by_for_each_unique_and_two_keys(view):
    groups = view.query(
        aggregate_by={"n": ["Count"], "revenue": ["Sum", "price"]},
        group_by=["color", {"tag": ["ForEachUnique", "tags"]}],
        filters=["status", "Eq", "active"],
    )["aggregation_groups"]
    assert groups == [
        {"color": None, "tag": "new", "n": 1, "revenue": 7.0},  # duplicate elements count once
        {"color": "blue", "tag": "sale", "n": 1, "revenue": 20.0},
        {"color": "red", "tag": "new", "n": 2, "revenue": 12.0},
        {"color": "red", "tag": "sale", "n": 1, "revenue": 10.5},
    ]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (
            {"aggregate_by": {"n": ["Count"]}, "rank_by": ["id", "asc"]},
            "cannot be combined with aggregate_by",
        ),
        ({"aggregate_by": {"n": ["Count"]}, "include_attributes": True}, "cannot be combined"),
        ({"aggregate_by": {"n": ["Count"]}, "offset": 1}, "cannot be combined"),
        ({"aggregate_by": {"s": ["Sum", "color"]}}, "Sum needs an int, uint or float"),
        ({"aggregate_by": {"s": ["Avg", "price"]}}, "unknown variant `Avg`, expected `Count` or `Sum`"),
        ({"aggregate_by": {f"a{i}": ["Count"] for i in range(9)}}, "at most 8"),
        ({"group_by": ["color"], "rank_by": ["id", "asc"]}, "group_by requires aggregate_by"),
        ({"aggregate_by": {"n": ["Count"]}, "group_by": ["tags"]}, "ForEachUnique"),
    ],
)
def test_aggregation_errors(view, body, fragment):
    with pytest.raises(ApiError) as info:
        view.query(**body)
    assert info.value.status in (400, 422)
    assert fragment in info.value.message


@pytest.mark.parity("query.queries")
def test_multi_query_returns_one_result_per_query(view):
    result = view.query(
        queries=[
            {"rank_by": ["vector", "ANN", [1.0, 0.0]], "top_k": 2},
            {"aggregate_by": {"n": ["Count"]}},
            {
                "filters": ["color", "Eq", "red"],
                "include_attributes": ["title"],
                "rank_by": ["id", "asc"],
                "limit": 10,
            },
        ]
    )
    first, second, third = result["results"]
    assert [r["id"] for r in first["rows"]] == [1, 2]
    assert second == {"aggregations": {"n": 5}}
    assert third["rows"] == [{"id": 1, "title": "red shoe"}, {"id": 3, "title": "red hat"}]
    assert result["performance"]["approx_namespace_size"] == 5
    assert result["billing"]["billable_logical_bytes_queried"] > 0


@pytest.mark.parity("query.rerank_by", "RerankBy.RRF", "rrf-fusion")
def test_rrf_fusion_scores_and_weights(view):
    vector = {"rank_by": ["vector", "ANN", [1.0, 0.0]], "top_k": 3, "include_attributes": ["color"]}
    text = {"rank_by": ["title", "BM25", "hat"], "top_k": 3}
    vector_ids = view.ids(**vector)
    text_ids = view.ids(**text)
    assert vector_ids == [1, 2, 4] and set(text_ids) == {3, 4}
    fused = view.query(queries=[vector, text], rerank_by=["RRF"], limit=10)["results"]
    assert len(fused) == 1
    rows = fused[0]["rows"]
    expected: dict[int, float] = {}
    for ranked in (vector_ids, text_ids):
        for rank, doc_id in enumerate(ranked, start=1):
            expected[doc_id] = expected.get(doc_id, 0) + 1 / (60 + rank)
    assert {r["id"]: r["$dist"] for r in rows} == pytest.approx(expected)
    assert rows[0]["id"] == 4  # the only document found by both
    assert rows[0]["color"] == "blue"  # attributes requested by a sub-query are carried over
    # Without a multi-query limit the fused list is as long as the longest sub-query limit.
    assert len(view.query(queries=[vector, text], rerank_by=["RRF"])["results"][0]["rows"]) == 3
    weighted = view.query(
        queries=[vector, text], rerank_by=["RRF", {"rank_constant": 1, "weights": [3, 1]}], limit=2
    )["results"][0]["rows"]
    assert [r["id"] for r in weighted] == [1, 4]
    assert weighted[0]["$dist"] == pytest.approx(3 / 2)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"queries": []}, "1 to 16"),
        ({"queries": [{"rank_by": ["id", "asc"], "top_k": 1}] * 17}, "1 to 16"),
        ({"queries": [{"rank_by": ["id", "asc"], "top_k": 1}], "rerank_by": ["RRF"]}, "at least 2 queries"),
        (
            {
                "queries": [{"rank_by": ["id", "asc"], "top_k": 1}, {"rank_by": ["id", "asc"], "top_k": 1}],
                "rerank_by": ["RRF", {"weights": [1]}],
            },
            "one weight per query",
        ),
        (
            {
                "queries": [{"aggregate_by": {"n": ["Count"]}}, {"rank_by": ["id", "asc"], "top_k": 1}],
                "rerank_by": ["RRF"],
            },
            "cannot be reranked",
        ),
        (
            {"queries": [{"rank_by": ["id", "asc"], "top_k": 1, "vector_encoding": "base64"}]},
            "unknown field `vector_encoding`",
        ),
        (
            {
                "queries": [{"rank_by": ["id", "asc"], "top_k": 1}, {"rank_by": ["id", "asc"], "top_k": 1}],
                "limit": 3,
            },
            "requires rerank_by",
        ),
        ({"rank_by": ["id", "asc"], "rerank_by": ["RRF"]}, "send it with `queries`"),
        (
            {"rank_by": ["id", "asc"], "rerank_by": {"attribute": "a", "model": "m", "query": "q"}},
            "not supported",
        ),
    ],
)
@pytest.mark.parity("RerankBy.Model")
def test_multi_query_errors(view, body, fragment):
    with pytest.raises(ApiError) as info:
        view.query(**body)
    assert fragment in info.value.message
