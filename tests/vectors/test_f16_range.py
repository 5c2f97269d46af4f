"""``[N]f16`` columns refuse values float16 cannot hold (beyond ±65504) with a 400 naming the value,
the attribute and the document, instead of storing infinity and serving a ``null`` vector and a
``null`` ``$dist``: JSON float arrays, base64 float32 (which can also carry inf/NaN bit patterns),
multi-vectors, sparse ``{}f16`` weights, and query vectors against f16 columns."""

from __future__ import annotations

import base64
import math

import numpy as np
import pytest
import turbopuffer

SCHEMA = {"vector": {"type": "[2]f16", "ann": True}}


@pytest.fixture
def ns(emulator, unique_ns):
    client = turbopuffer.Turbopuffer(api_key=emulator.api_key, base_url=emulator.base_url, telemetry=False)
    return client.namespace(unique_ns)


@pytest.fixture
def http(emulator):
    with emulator.client() as client:
        yield client


def b64(values: list[float]) -> str:
    return base64.b64encode(np.asarray(values, dtype="<f4").tobytes()).decode()


def _write(http, namespace: str, rows: list[dict], schema: dict = SCHEMA):
    body = {"upsert_rows": rows, "distance_metric": "euclidean_squared", "schema": schema}
    return http.post(f"/v2/namespaces/{namespace}", json=body)


def _assert_refused(response, *needles: str) -> None:
    assert response.status_code == 400, response.text
    assert response.json()["status"] == "error"
    message = response.json()["error"]
    for needle in needles:
        assert needle in message, message


def test_the_official_client_gets_a_400_naming_the_value(ns):
    with pytest.raises(turbopuffer.BadRequestError) as info:
        ns.write(
            upsert_rows=[{"id": 1, "vector": [1.0, 2.0]}, {"id": 7, "vector": [70000.0, 1.0]}],
            distance_metric="euclidean_squared",
            schema=SCHEMA,
        )
    message = str(info.value)
    assert "70000.0" in message and "[2]f16" in message and "vector" in message and "id 7" in message


@pytest.mark.parametrize("value", [65520.0, -65520.0, 1e30, -3.4e38])
def test_json_and_base64_values_beyond_the_f16_range_are_refused(http, unique_ns, value):
    _assert_refused(
        _write(http, unique_ns, [{"id": 3, "vector": [0.5, value]}]), str(np.float32(value)), "[1]", "id 3"
    )
    _assert_refused(_write(http, unique_ns, [{"id": 4, "vector": b64([value, 0.5])}]), "[0]", "id 4")
    rows = [{"id": i, "vector": [0.5, 1.0]} for i in range(5)] + [{"id": 5, "vector": [value, 0.5]}]
    _assert_refused(_write(http, unique_ns, rows), "upsert_rows[5].vector[0]", "id 5")  # the column path
    assert http.get(f"/v1/namespaces/{unique_ns}/schema").status_code == 404  # nothing was written


@pytest.mark.parametrize("bits", [0x7F800000, 0xFF800000, 0x7FC00000])  # +inf, -inf, NaN as float32
def test_base64_inf_and_nan_bit_patterns_are_refused(http, unique_ns, bits):
    raw = base64.b64encode(np.array([bits, 0], dtype="<u4").tobytes()).decode()
    _assert_refused(_write(http, unique_ns, [{"id": 1, "vector": raw}]), "non-finite")


def test_the_largest_f16_values_are_kept_and_distances_stay_numbers(ns):
    ns.write(
        upsert_rows=[{"id": 1, "vector": [65504.0, -65504.0]}, {"id": 2, "vector": [65519.0, 1.0]}],
        distance_metric="euclidean_squared",
        schema=SCHEMA,
    )
    rows = ns.query(rank_by=("vector", "ANN", [0.0, 0.0]), top_k=2, include_attributes=["vector"]).rows
    assert {row.id: list(row.vector) for row in rows} == {1: [65504.0, -65504.0], 2: [65504.0, 1.0]}
    assert all(isinstance(row["$dist"], float) and math.isfinite(row["$dist"]) for row in rows)


def test_a_query_vector_beyond_the_f16_range_is_refused(ns, http):
    ns.write(
        upsert_rows=[{"id": 1, "vector": [1.0, 2.0]}], distance_metric="euclidean_squared", schema=SCHEMA
    )
    for query in ([1.0, 70000.0], b64([1.0, -1e20])):
        response = http.post(
            f"/v2/namespaces/{ns.id}/query", json={"rank_by": ["vector", "ANN", query], "top_k": 1}
        )
        _assert_refused(response, "[2]f16", "[1]")
    with pytest.raises(turbopuffer.BadRequestError, match="70000"):
        ns.query(rank_by=("vector", "kNN", [70000.0, 0.0]), top_k=1)


def test_multi_vectors_and_sparse_weights_beyond_the_f16_range_are_refused(http, unique_ns):
    multi = {"mv": {"type": "[][2]f16"}}
    _assert_refused(_write(http, unique_ns, [{"id": 1, "mv": [[1.0, 2.0], [3.0, 1e6]]}], multi), "mv[1][1]")
    sparse = {"sp": {"type": "{}f16"}}
    _assert_refused(
        _write(http, unique_ns, [{"id": 1, "sp": {"a": 1.0, "b": -70000}}], sparse), "'b'", "-70000"
    )
