"""The query language over real HTTP with the official ``turbopuffer`` client against the emulator."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import numpy as np
import pytest
import turbopuffer


@pytest.fixture(scope="module")
def tpuf(emulator):
    with turbopuffer.Turbopuffer(
        api_key=emulator.api_key, base_url=emulator.base_url, max_retries=0
    ) as client:
        yield client


@pytest.fixture(scope="module")
def catalog(tpuf, request):
    ns = tpuf.namespace(f"query-catalog-{request.node.name[:20]}-{id(request) % 100000}")
    ns.write(
        upsert_rows=[
            {
                "id": 1,
                "vector": [1.0, 0.0],
                "title": "red running shoe",
                "color": "red",
                "price": 49.5,
                "tags": ["sale", "shoes"],
                "added": datetime(2026, 2, 1, tzinfo=UTC),
            },
            {
                "id": 2,
                "vector": [0.8, 0.6],
                "title": "blue running shoe",
                "color": "blue",
                "price": 59.0,
                "tags": ["shoes"],
                "added": datetime(2026, 2, 2, tzinfo=UTC),
            },
            {
                "id": 3,
                "vector": [0.0, 1.0],
                "title": "red winter hat",
                "color": "red",
                "price": 15.0,
                "tags": ["sale", "hats"],
                "added": datetime(2026, 1, 1, tzinfo=UTC),
            },
            {
                "id": 4,
                "vector": [-1.0, 0.0],
                "title": "green scarf",
                "price": 20.0,
                "tags": [],
                "added": datetime(2025, 12, 24, tzinfo=UTC),
            },
        ],
        distance_metric="cosine_distance",
        schema={
            "title": {"type": "string", "full_text_search": {"stemming": True}},
            "added": "datetime",
            "price": "float",
        },
    )
    return ns


@pytest.mark.parity(
    "POST /v2/namespaces/{namespace}/query",
    "query.filters",
    "query.rank_by",
    "Filter.And",
    "Filter.Contains",
    "RankBy.Attributes",
)
def test_filters_and_order_over_http(catalog):
    rows = catalog.query(
        filters=("And", [("tags", "Contains", "sale"), ("added", "Gte", "2026-01-15")]),
        rank_by=("id", "asc"),
        top_k=10,
    ).rows
    assert [r.id for r in rows] == [1]
    rows = catalog.query(
        rank_by=[("color", "asc"), ("price", "desc")], top_k=10, include_attributes=["color"]
    ).rows
    assert [r.id for r in rows] == [4, 2, 1, 3]
    assert rows[0].model_extra.get("color") is None


@pytest.mark.parity("ScoreExpression.BM25", "ScoreExpression.Sum", "ScoreExpression.Product")
def test_bm25_score_expression_and_dates_rendered_iso(catalog):
    rows = catalog.query(
        rank_by=("Sum", [("title", "BM25", "run shoes"), ("Product", 0.5, ("color", "Eq", "blue"))]),
        top_k=10,
        include_attributes=["added"],
    ).rows
    assert [r.id for r in rows] == [2, 1]
    assert rows[0]["$dist"] > rows[1]["$dist"]
    assert rows[0]["added"] == "2026-02-02T00:00:00.000Z"
    performance = catalog.query(rank_by=("id", "asc"), top_k=1).performance
    assert performance.approx_namespace_size == 4
    assert performance.to_dict()["last_included_write_at"].endswith("Z")


@pytest.mark.parity("RankBy.ANN", "query.vector_encoding", "vector-encodings")
def test_vectors_in_float_and_base64(catalog):
    row = catalog.query(rank_by=("vector", "ANN", [0.8, 0.6]), top_k=1, include_attributes=["vector"]).rows[0]
    assert row.id == 2 and row.vector == [0.8, 0.6]
    raw = catalog.query(
        rank_by=("vector", "ANN", [0.8, 0.6]),
        top_k=1,
        include_attributes=["vector"],
        vector_encoding="base64",
    ).rows[0]
    assert np.frombuffer(base64.b64decode(raw.vector), dtype="<f4").tolist() == pytest.approx([0.8, 0.6])


@pytest.mark.parity(
    "query.aggregate_by", "query.group_by", "AggregateBy.Count", "AggregateBy.Sum", "aggregation-groups"
)
def test_aggregations_and_groups_over_http(catalog):
    result = catalog.query(aggregate_by={"n": ("Count",), "total": ("Sum", "price")}, group_by=["color"])
    groups = [g.model_dump() if hasattr(g, "model_dump") else g for g in result.aggregation_groups]
    assert groups == [
        {"color": None, "n": 1, "total": 20.0},
        {"color": "blue", "n": 1, "total": 59.0},
        {"color": "red", "n": 2, "total": 64.5},
    ]


@pytest.mark.parity("query.queries", "query.rerank_by", "RerankBy.RRF", "rrf-fusion")
def test_hybrid_multi_query_with_rrf(catalog):
    result = catalog.multi_query(
        queries=[
            {"rank_by": ("vector", "ANN", [1.0, 0.0]), "top_k": 3},
            {"rank_by": ("title", "BM25", "red"), "top_k": 3},
        ],
        rerank_by=("RRF", {"weights": [1, 2]}),
    )
    (fused,) = result.results
    assert fused.rows[0].id == 1  # first in the vector list and in the BM25 list
    assert fused.rows[0]["$dist"] == pytest.approx(1 / 61 + 2 / 61)


@pytest.mark.parity(
    "POST /v2/namespaces/{namespace}/explain_query",
    "POST /v1/namespaces/{namespace}/_debug/recall",
    "explainQuery.rank_by",
    "explainQuery.filters",
    "recall.num",
    "recall.top_k",
)
def test_explain_and_recall(catalog, tpuf):
    plan = catalog.explain_query(
        rank_by=("vector", "ANN", [1.0, 0.0]), top_k=2, filters=("color", "Eq", "red")
    )
    assert "color Eq 'red'" in plan.plan_text
    recall = catalog.recall(num=3, top_k=2)
    assert recall.avg_recall == 1.0
    assert recall.avg_exhaustive_count == 2.0


@pytest.mark.parity("error-shape")
def test_errors_name_the_problem(catalog):
    with pytest.raises(turbopuffer.BadRequestError) as info:
        catalog.query(rank_by=("vector", "ANN", [1.0, 0.0, 0.0]), top_k=1)
    assert "3 dimensions" in str(info.value)
    with pytest.raises(turbopuffer.BadRequestError) as info:
        catalog.query(filters=("price", "Eq", "cheap"), top_k=1)
    assert "price" in str(info.value) and "float" in str(info.value)
    with pytest.raises(turbopuffer.BadRequestError) as info:
        catalog.query(filters=("title", "Eq", "x"), top_k=1)
    assert "isn't filterable" in str(info.value)
    with pytest.raises(turbopuffer.UnprocessableEntityError) as info:
        catalog.query(filters=("price", "Bigger", 1), top_k=1)
    assert "Bigger" in str(info.value)
