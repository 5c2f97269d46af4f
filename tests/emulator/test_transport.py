"""Transport rules of the API over real HTTP: auth, error shape, status codes, gzip, unknown params."""

from __future__ import annotations

import gzip

import httpx
import orjson
import pytest


def _error(response: httpx.Response) -> str:
    body = response.json()
    assert body["status"] == "error"
    assert isinstance(body["error"], str) and body["error"]
    assert response.headers["content-type"].startswith("application/json")
    return body["error"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/namespaces"),
        ("POST", "/v2/namespaces/x"),
        ("POST", "/v2/namespaces/x/query"),
        ("GET", "/v1/namespaces/x/schema"),
        ("GET", "/no/such/route"),
        ("DELETE", "/v2/namespaces/x"),
    ],
)
@pytest.mark.parity("auth-bearer-key")
def test_every_route_requires_a_valid_key(emulator, method, path):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}):
        response = httpx.request(method, emulator.base_url + path, headers=headers, json={})
        assert response.status_code == 401
        assert "API key" in _error(response)


@pytest.mark.parity("error-shape")
def test_unknown_route_is_404_in_the_error_shape(emulator):
    with emulator.client() as client:
        response = client.get("/v3/nothing")
    assert response.status_code == 404
    assert "/v3/nothing" in _error(response)


def test_wrong_method_is_405_with_complete_allow(emulator):
    with emulator.client() as client:
        response = client.put("/v1/namespaces/x/schema", json={})
        assert response.status_code == 405
        assert {m.strip() for m in response.headers["allow"].split(",")} >= {"GET", "POST"}
        _error(response)
        response = client.get("/v2/namespaces/x/query")
        assert response.status_code == 405
        assert "POST" in response.headers["allow"]


@pytest.mark.parity("error-malformed-json")
def test_malformed_json_is_400_and_wrong_shape_is_422(emulator, unique_ns):
    with emulator.client() as client:
        response = client.post(f"/v2/namespaces/{unique_ns}", content=b'{"upsert_rows": [')
        assert response.status_code == 400
        assert "JSON" in _error(response)
        response = client.post(f"/v2/namespaces/{unique_ns}", json=[1, 2])
        assert response.status_code == 422
        message = _error(response)
        assert "invalid type: sequence, expected a map" in message
        response = client.post(f"/v2/namespaces/{unique_ns}", json={"upsert_rows": {"id": 1}})
        assert response.status_code == 422
        message = _error(response)
        assert "upsert_rows" in message and "invalid type: map, expected a sequence" in message
        response = client.post(f"/v2/namespaces/{unique_ns}", json={"distance_metric": "manhattan"})
        assert response.status_code == 422
        assert "cosine_distance" in _error(response)


@pytest.mark.parity("payload-too-large")
def test_oversized_body_is_413(tmp_path):
    from tests.support.server import start_emulator

    with start_emulator(extra_args=("--max-body-bytes", "2000")) as server, server.client() as client:
        big = {"upsert_rows": [{"id": i, "text": "x" * 50} for i in range(100)]}
        response = client.post("/v2/namespaces/big", json=big)
        assert response.status_code == 413
        _error(response)
        # The cap applies after decompression too: a small gzip body that inflates past it is refused.
        response = client.post(
            "/v2/namespaces/big",
            content=gzip.compress(orjson.dumps(big)),
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        )
        assert response.status_code == 413


@pytest.mark.parity("gzip-requests")
def test_gzip_request_bodies_are_accepted(emulator, unique_ns):
    body = orjson.dumps({"upsert_rows": [{"id": 1, "title": "gzipped"}]})
    with emulator.client() as client:
        response = client.post(
            f"/v2/namespaces/{unique_ns}",
            content=gzip.compress(body),
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        )
        assert response.status_code == 200, response.text
        assert response.json()["rows_upserted"] == 1
        response = client.post(
            f"/v2/namespaces/{unique_ns}", content=b"not gzip", headers={"Content-Encoding": "gzip"}
        )
        assert response.status_code == 400
        assert "gzip" in _error(response)


@pytest.mark.parity("gzip-responses")
def test_responses_are_gzipped_only_when_large_and_accepted(emulator, unique_ns):
    rows = [{"id": i, "title": f"document number {i} " * 4} for i in range(200)]
    with emulator.client() as client:
        assert client.post(f"/v2/namespaces/{unique_ns}", json={"upsert_rows": rows}).status_code == 200
    raw_headers = {"Authorization": f"Bearer {emulator.api_key}"}
    with httpx.Client(base_url=emulator.base_url, headers=raw_headers) as client:
        # A large body (legacy export of 200 rows) with gzip accepted: compressed.
        big = client.get(f"/v1/namespaces/{unique_ns}", headers={"Accept-Encoding": "gzip"})
        assert big.status_code == 200
        assert big.headers.get("content-encoding") == "gzip"
        assert len(big.json()["ids"]) == 200  # httpx inflates it transparently
        # identity, or a q=0 refusal: never compressed.
        for accept in ("identity", "gzip;q=0"):
            plain = client.get(f"/v1/namespaces/{unique_ns}", headers={"Accept-Encoding": accept})
            assert "content-encoding" not in plain.headers
            assert len(plain.json()["ids"]) == 200
        # A small body is never compressed, even when gzip is accepted.
        small = client.get(f"/v1/namespaces/{unique_ns}/schema", headers={"Accept-Encoding": "gzip"})
        assert small.status_code == 200
        assert "content-encoding" not in small.headers


@pytest.mark.parity("prefer-respond-async")
def test_unknown_query_params_and_prefer_async_are_answered_synchronously(emulator, unique_ns):
    with emulator.client() as client:
        response = client.post(
            f"/v2/namespaces/{unique_ns}?stainless_overload=copyFrom&whatever=1",
            json={"upsert_rows": [{"id": 1}]},
            headers={"Prefer": "respond-async"},
        )
        assert response.status_code == 200
        assert response.json()["status"] == "OK"
        response = client.get("/v1/namespaces?stainless_overload=x&page_size=5")
        assert response.status_code == 200


@pytest.mark.parity("namespace-names")
def test_invalid_namespace_names_are_rejected(emulator):
    with emulator.client() as client:
        response = client.post("/v2/namespaces/bad%20name", json={"upsert_rows": [{"id": 1}]})
        assert response.status_code == 400
        assert "namespace name" in _error(response)
        response = client.post("/v2/namespaces/" + "a" * 129, json={"upsert_rows": [{"id": 1}]})
        assert response.status_code == 400
