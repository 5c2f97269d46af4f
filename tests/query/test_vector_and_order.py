"""Vector ranking (ANN / kNN, both metrics, late interaction), attribute order, lookups, limits."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from tpuf_emulator.errors import ApiError

from .fake_view import FakeView

ROWS = [
    {"id": 1, "vector": [1.0, 0.0], "category": "a", "score": 3, "title": "east"},
    {"id": 2, "vector": [0.0, 1.0], "category": "b", "score": 1, "title": "north"},
    {"id": 3, "vector": [0.7, 0.7], "category": "a", "score": None, "title": "north-east"},
    {"id": 4, "vector": [-1.0, 0.0], "category": "b", "score": 2, "title": "west"},
    {"id": 5, "vector": [0.6, 0.8], "category": None, "score": 3, "title": "nne"},
]
SCHEMA = {"vector": "[2]f32", "category": "string", "score": "int", "title": "string"}


@pytest.fixture(scope="module")
def cosine() -> FakeView:
    return FakeView(SCHEMA, ROWS, metric="cosine_distance")


@pytest.fixture(scope="module")
def euclid() -> FakeView:
    return FakeView(SCHEMA, ROWS, metric="euclidean_squared")


@pytest.mark.parity("RankBy.ANN", "distances")
def test_ann_cosine_distances_and_order(cosine):
    rows = cosine.query(rank_by=["vector", "ANN", [1.0, 0.0]], top_k=5)["rows"]
    assert [r["id"] for r in rows] == [1, 3, 5, 2, 4]
    dists = {r["id"]: r["$dist"] for r in rows}
    assert dists[1] == pytest.approx(0.0, abs=1e-7)
    assert dists[2] == pytest.approx(1.0)
    assert dists[4] == pytest.approx(2.0)
    assert dists[5] == pytest.approx(1 - 0.6, abs=1e-6)


@pytest.mark.parity("distances")
def test_euclidean_squared(euclid):
    rows = euclid.query(rank_by=["vector", "ANN", [1.0, 0.0]], top_k=2)["rows"]
    assert [r["id"] for r in rows] == [1, 3]
    assert rows[1]["$dist"] == pytest.approx(0.3**2 + 0.7**2, rel=1e-6)


@pytest.mark.parity("RankBy.kNN")
def test_knn_needs_filters_and_applies_them(cosine):
    with pytest.raises(ApiError) as info:
        cosine.query(rank_by=["vector", "kNN", [1.0, 0.0]], top_k=3)
    assert info.value.status == 400 and "requires filters" in info.value.message
    rows = cosine.query(rank_by=["vector", "kNN", [1.0, 0.0]], filters=["category", "Eq", "b"], top_k=3)[
        "rows"
    ]
    assert [r["id"] for r in rows] == [2, 4]


def test_query_dimension_mismatch_is_400(cosine):
    with pytest.raises(ApiError) as info:
        cosine.query(rank_by=["vector", "ANN", [1.0, 0.0, 0.0]], top_k=1)
    assert (
        info.value.status == 400 and "3 dimensions" in info.value.message and "[2]f32" in info.value.message
    )


def test_base64_query_vector_is_accepted(cosine):
    encoded = base64.b64encode(np.array([0.0, 1.0], dtype="<f4").tobytes()).decode()
    assert cosine.ids(rank_by=["vector", "ANN", encoded], top_k=1) == [2]


def test_late_interaction_multi_vector():
    view = FakeView(
        {"tokens": {"type": "[][2]f32", "ann": {"late_interaction": True}}},
        [
            {"id": "a", "tokens": [[1.0, 0.0], [0.0, 1.0]]},
            {"id": "b", "tokens": [[1.0, 0.0]]},
            {"id": "c", "tokens": [[-1.0, 0.0], [0.0, -1.0]]},
        ],
        metric="euclidean_squared",
    )
    rows = view.query(rank_by=["tokens", "ANN", [[1.0, 0.0], [0.0, 1.0]]], top_k=3)["rows"]
    # a: 0 + 0; b: 0 + 2; c: 2 + 2 (sum over query vectors of the closest document vector)
    assert [(r["id"], r["$dist"]) for r in rows] == [("a", 0.0), ("b", 2.0), ("c", 4.0)]


@pytest.mark.parity("RankBy.asc", "RankBy.desc", "order-by-attribute-nulls")
def test_order_by_attribute_nulls_first_ascending_last_descending(cosine):
    asc = cosine.query(rank_by=["score", "asc"], top_k=10, include_attributes=["score"])["rows"]
    assert [r["id"] for r in asc] == [3, 2, 4, 1, 5]
    assert "$dist" not in asc[0]
    desc = cosine.ids(rank_by=["score", "desc"], top_k=10)
    assert desc == [1, 5, 4, 2, 3]


@pytest.mark.parity("RankBy.Attributes")
def test_multi_attribute_order(cosine):
    order = [["category", "asc"], ["score", "desc"]]
    assert cosine.ids(rank_by=order, top_k=10) == [5, 1, 3, 4, 2]
    with pytest.raises(ApiError) as info:
        cosine.query(rank_by=[["score", "asc"]] * 9, top_k=1)
    assert "at most 8" in info.value.message


def test_lookup_by_ids_is_ordered_by_id(cosine):
    assert cosine.ids(filters=["id", "In", [4, 2, 5]], rank_by=["id", "asc"], top_k=10) == [2, 4, 5]
    assert cosine.ids(rank_by=["id", "desc"], top_k=2) == [5, 4]


@pytest.mark.parity("query.limit", "query.top_k", "query.offset", "limit-offset-per")
def test_limit_forms_offset_and_per(cosine):
    assert cosine.ids(rank_by=["id", "asc"], limit=2) == [1, 2]
    assert cosine.ids(rank_by=["id", "asc"], limit={"total": 2}) == [1, 2]
    assert cosine.ids(rank_by=["id", "asc"], limit=2, offset=2) == [3, 4]
    per = {"total": 10, "per": {"attributes": ["category"], "limit": 1}}
    assert cosine.ids(rank_by=["vector", "ANN", [1.0, 0.0]], limit=per) == [1, 5, 2]
    with pytest.raises(ApiError) as info:
        cosine.query(rank_by=["id", "asc"], limit=9000, offset=1000)
    assert "below 10000" in info.value.message
    with pytest.raises(ApiError) as info:
        cosine.query(rank_by=["id", "asc"], top_k=10001)
    assert info.value.status == 400
    with pytest.raises(ApiError):
        cosine.query(rank_by=["id", "asc"], top_k=1, limit=1)


@pytest.mark.parity(
    "query.include_attributes", "query.exclude_attributes", "query.vector_encoding", "vector-encodings"
)
def test_attribute_selection_and_vector_encoding(cosine):
    row = cosine.query(rank_by=["id", "asc"], top_k=1, include_attributes=True)["rows"][0]
    assert row == {"id": 1, "vector": [1.0, 0.0], "category": "a", "score": 3, "title": "east"}
    row = cosine.query(rank_by=["id", "asc"], top_k=1, exclude_attributes=["vector", "nope"])["rows"][0]
    assert row == {"id": 1, "category": "a", "score": 3, "title": "east"}
    row = cosine.query(
        rank_by=["id", "asc"], top_k=1, include_attributes=["vector"], vector_encoding="base64"
    )
    encoded = row["rows"][0]["vector"]
    assert np.frombuffer(base64.b64decode(encoded), dtype="<f4").tolist() == [1.0, 0.0]
    with pytest.raises(ApiError) as info:
        cosine.query(rank_by=["id", "asc"], include_attributes=["nope"])
    assert info.value.status == 400 and "'nope'" in info.value.message
    with pytest.raises(ApiError):
        cosine.query(rank_by=["id", "asc"], include_attributes=["title"], exclude_attributes=["score"])


def test_vectors_render_shortest_float32():
    view = FakeView({"vector": "[3]f32"}, [{"id": 1, "vector": [0.7, 0.1, 1 / 3]}])
    row = view.query(rank_by=["id", "asc"], top_k=1, include_attributes=["vector"])["rows"][0]
    assert row["vector"] == [0.7, 0.1, 0.33333334]


def test_response_objects_are_complete(cosine):
    response = cosine.query(rank_by=["vector", "ANN", [1.0, 0.0]], top_k=1)
    assert set(response["billing"]) == {"billable_logical_bytes_queried", "billable_logical_bytes_returned"}
    assert response["billing"]["billable_logical_bytes_queried"] > 0
    perf = response["performance"]
    assert perf["approx_namespace_size"] == 5
    assert perf["exhaustive_search_count"] == 5  # exact search scanned every vector
    assert {"cache_hit_ratio", "cache_temperature", "server_total_ms", "query_execution_ms"} <= set(perf)


def test_exhaustive_nearest_matches_brute_force():
    from tpuf_emulator.ranking import distances, nearest

    rng = np.random.default_rng(3)
    matrix = rng.normal(size=(500, 16)).astype(np.float32)
    query = rng.normal(size=16).astype(np.float32)
    for metric in ("cosine_distance", "euclidean_squared"):
        brute = distances(metric, matrix, query)
        positions, exact = nearest(metric, matrix, query, 7)
        assert positions.tolist() == np.argsort(brute, kind="stable")[:7].tolist()
        assert exact == pytest.approx(np.sort(brute)[:7].tolist(), rel=1e-12)


def test_ann_and_knn_use_the_namespace_vector_index(monkeypatch):
    from tpuf_emulator.vectors import VectorIndex

    rng = np.random.default_rng(5)
    rows = [{"id": i, "vector": rng.normal(size=8).tolist(), "even": i % 2 == 0} for i in range(300)]
    view = FakeView({"vector": "[8]f32", "even": "bool"}, rows, metric="euclidean_squared")
    index = VectorIndex(8, "euclidean_squared")
    index.upsert(list(view.docs), np.stack([d["vector"] for d in view.docs.values()]))
    monkeypatch.setattr(view, "vector_index", lambda attr: index)
    query = rng.normal(size=8).tolist()
    exact = FakeView({"vector": "[8]f32", "even": "bool"}, rows, metric="euclidean_squared")
    truth = exact.query(rank_by=["vector", "kNN", query], filters=["even", "Eq", True], top_k=10)["rows"]
    via_index = view.query(rank_by=["vector", "kNN", query], filters=["even", "Eq", True], top_k=10)["rows"]
    assert [r["id"] for r in via_index] == [r["id"] for r in truth]
    assert [r["$dist"] for r in via_index] == pytest.approx([r["$dist"] for r in truth], rel=1e-5)
    ann = view.query(rank_by=["vector", "ANN", query], filters=["even", "Eq", True], top_k=10)["rows"]
    assert all(r["id"] % 2 == 0 for r in ann) and len(ann) == 10
