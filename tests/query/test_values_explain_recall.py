"""The JSON <-> internal value codec, explain_query and recall."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from tpuf_emulator.errors import ApiError
from tpuf_emulator.query import explain_query, recall
from tpuf_emulator.schema.model import AttributeType
from tpuf_emulator.schema.values import decode_value, encode_value, format_datetime, parse_datetime

from .fake_view import FakeView


def t(text: str) -> AttributeType:
    return AttributeType.parse(text)


@pytest.mark.parametrize(
    ("type_text", "json_value", "internal", "rendered"),
    [
        ("string", "héllo", "héllo", "héllo"),
        ("int", -5, -5, -5),
        ("uint", 2**64 - 1, 2**64 - 1, 2**64 - 1),
        ("float", 3, 3.0, 3.0),
        ("bool", True, True, True),
        (
            "uuid",
            "6F1C1E4A-0000-4000-8000-00000000000A",
            "6f1c1e4a-0000-4000-8000-00000000000a",
            "6f1c1e4a-0000-4000-8000-00000000000a",
        ),
        ("datetime", "2024-03-02T01:02:03.456+01:00", 1709337723456, "2024-03-02T00:02:03.456Z"),
        ("datetime", "2015-01-20", 1421712000000, "2015-01-20T00:00:00.000Z"),
        ("bytes", "AAEC", b"\x00\x01\x02", "AAEC"),
        ("[]int", [1, 2], [1, 2], [1, 2]),
        ("[]datetime", ["1970-01-01T00:00:01Z"], [1000], ["1970-01-01T00:00:01.000Z"]),
        ("{}f16", {"a": 0.1}, {"a": float(np.float16(0.1))}, {"a": 0.099975586}),
    ],
)
def test_scalar_round_trip(type_text, json_value, internal, rendered):
    decoded = decode_value(t(type_text), json_value, "row.x")
    assert decoded == internal
    assert encode_value(t(type_text), decoded) == rendered


@pytest.mark.parity("vector-encodings")
def test_vectors_float_base64_f16_and_i8():
    vec = decode_value(t("[3]f32"), [0.7, 0.1, -2.5], "v")
    assert vec.dtype == np.float32
    assert encode_value(t("[3]f32"), vec) == [0.7, 0.1, -2.5]
    b64 = base64.b64encode(np.array([0.7, 0.1, -2.5], dtype="<f4").tobytes()).decode()
    assert np.array_equal(decode_value(t("[3]f32"), b64, "v"), vec)
    assert encode_value(t("[3]f32"), vec, "base64") == b64
    half = decode_value(t("[2]f16"), [0.1, 1.0], "v")
    assert encode_value(t("[2]f16"), half) == [0.099975586, 1.0]  # stored at f16 precision
    assert decode_value(t("[2]i8"), [-128, 127], "v").tolist() == [-128.0, 127.0]
    multi = decode_value(t("[][2]f32"), [[1, 0], [0.5, 0.25]], "v")
    assert multi.shape == (2, 2)
    assert encode_value(t("[][2]f32"), multi) == [[1.0, 0.0], [0.5, 0.25]]


@pytest.mark.parametrize(
    ("type_text", "value", "fragment"),
    [
        ("int", "5", "expected a value of type int, found string"),
        ("int", True, "found boolean"),
        ("uint", -1, "out of range for type uint"),
        ("float", "nan", "found string"),
        ("string", 5, "expected a value of type string"),
        ("datetime", "03/02/2024", "ISO 8601"),
        ("datetime", 10**18, "outside the years 1..9999"),
        ("datetime", "0001-01-01T00:00:00+01:00", "datetime"),
        ("[]string", "a", "expected a value of type []string"),
        ("[2]f32", [1.0], "1 dimensions, but [2]f32 expects 2"),
        ("[2]f32", "AAAA", "not a multiple of 4"),
        ("[2]i8", [1.5, 0], "integers between -128 and 127"),
        ("{}f16", [1], "{}f16"),
    ],
)
def test_decode_errors_name_where_and_type(type_text, value, fragment):
    with pytest.raises(ApiError) as info:
        decode_value(t(type_text), value, "upsert_rows[0].x")
    assert info.value.status == 400
    assert info.value.message.startswith("upsert_rows[0].x")
    assert fragment in info.value.message


def test_datetime_helpers_round_trip():
    assert format_datetime(parse_datetime("2026-02-03T12:13:14.5Z")) == "2026-02-03T12:13:14.500Z"
    assert format_datetime(-1) == "1969-12-31T23:59:59.999Z"
    assert format_datetime(parse_datetime("9999-12-31T23:59:59.999Z")) == "9999-12-31T23:59:59.999Z"
    assert format_datetime(parse_datetime("0001-01-01")) == "0001-01-01T00:00:00.000Z"


@pytest.fixture(scope="module")
def view() -> FakeView:
    rng = np.random.default_rng(7)
    rows = [
        {"id": i, "vector": rng.normal(size=4).tolist(), "group": "even" if i % 2 == 0 else "odd"}
        for i in range(60)
    ]
    return FakeView({"vector": "[4]f32", "group": "string"}, rows, metric="euclidean_squared")


@pytest.mark.parity("POST /v2/namespaces/{namespace}/explain_query")
def test_explain_describes_the_executed_plan(view):
    text = explain_query(
        view,
        {"rank_by": ["vector", "ANN", [0.0, 0.0, 0.0, 1.0]], "filters": ["group", "Eq", "even"], "top_k": 5},
    )["plan_text"]
    assert "60 documents" in text
    assert "filter: evaluate group Eq 'even'" in text
    assert "ANN on 'vector' by euclidean_squared" in text and "exhaustive" in text
    assert "skip 0, keep 5" in text
    multi = explain_query(
        view,
        {
            "queries": [{"rank_by": ["group", "asc"], "top_k": 10}, {"rank_by": ["id", "desc"], "top_k": 10}],
            "rerank_by": ["RRF"],
        },
    )["plan_text"]
    assert "sub-query 1" in multi and "RRF" in multi
    with pytest.raises(ApiError):
        explain_query(view, {"rank_by": ["vector", "ANN", [1.0]]})


@pytest.mark.parity(
    "POST /v1/namespaces/{namespace}/_debug/recall", "recall.filters", "recall.include_ground_truth"
)
def test_recall_with_exact_search_is_one(view):
    result = recall(view, {"num": 5, "top_k": 3})
    assert result == {"avg_recall": 1.0, "avg_exhaustive_count": 3.0, "avg_ann_count": 3.0}
    filtered = recall(
        view, {"num": 4, "top_k": 50, "filters": ["group", "Eq", "odd"], "include_ground_truth": True}
    )
    assert filtered["avg_exhaustive_count"] == 30.0  # only 30 documents match the filter
    assert len(filtered["ground_truth"]) == 4
    neighbours = filtered["ground_truth"][0]["nearest_neighbors"]
    assert all(n["id"] % 2 == 1 for n in neighbours)
    assert neighbours[0]["$dist"] == 0.0  # the sampled query vector is itself a stored vector
    one = recall(view, {"rank_by": ["vector", "ANN", [0.0, 0.0, 0.0, 0.0]], "top_k": 2})
    assert one["avg_ann_count"] == 2.0
    with pytest.raises(ApiError):
        recall(view, {"rank_by": ["vector", "ANN", [0.0, 0.0, 0.0, 0.0]], "num": 3})


class _HalfIndex:
    """An 'ANN index' (``seams.VectorSearchIndex``) that only ever finds even ids: recall must
    report the loss honestly. Its exact search is exact."""

    unindexed_count = 0

    def __init__(self, view: FakeView) -> None:
        self.view = view

    def _nearest(self, query, k, allowed, keep):
        docs = self.view.documents()
        found = sorted(
            ((i, float(((d["vector"] - query) ** 2).sum())) for i, d in docs.items() if keep(i)),
            key=lambda x: x[1],
        )
        return [(i, dist) for i, dist in found if allowed is None or i in allowed][:k]

    def search(self, query, k, allowed=None, allowed_rows=None):
        return self._nearest(query, k, allowed, lambda i: i % 2 == 0)

    def exact_search(self, query, k, allowed=None, allowed_rows=None):
        return self._nearest(query, k, allowed, lambda i: True)


def test_recall_measures_an_imperfect_index(view, monkeypatch):
    monkeypatch.setattr(view, "vector_index", lambda attr: _HalfIndex(view))
    result = recall(view, {"rank_by": ["vector", "ANN", [0.0, 0.0, 0.0, 0.0]], "top_k": 10})
    exact = [
        r["id"]
        for r in view.query(rank_by=["vector", "kNN", [0.0] * 4], filters=["id", "Gte", 0], top_k=10)["rows"]
    ]
    expected = sum(1 for i in exact if i % 2 == 0) / 10
    assert result["avg_recall"] == pytest.approx(expected)
    # And ANN queries go through the index when there is one.
    rows = view.query(rank_by=["vector", "ANN", [0.0] * 4], top_k=3)
    assert all(r["id"] % 2 == 0 for r in rows["rows"])
    assert rows["performance"]["exhaustive_search_count"] == 0
