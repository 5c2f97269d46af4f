"""Namespace endpoints over HTTP: list, delete, metadata, schema, cache hint, export, org isolation."""

from __future__ import annotations

import base64

import pytest

from tests.support.api import docs, write
from tests.support.server import start_emulator


@pytest.mark.parity(
    "GET /v1/namespaces", "listNamespaces.prefix", "listNamespaces.cursor", "listNamespaces.page_size"
)
def test_listing_with_prefix_pages_and_stable_cursors(api, unique_ns):
    names = [f"{unique_ns}-{i:02d}" for i in range(7)]
    for name in reversed(names):
        write(api, name, {"upsert_rows": [{"id": 1}]})
    page = api.get("/v1/namespaces", params={"prefix": unique_ns, "page_size": 3}).json()
    assert [n["id"] for n in page["namespaces"]] == names[:3]
    # A namespace created between pages (sorting before the cursor) shifts nothing.
    write(api, f"{unique_ns}-00a", {"upsert_rows": [{"id": 1}]})
    seen = [n["id"] for n in page["namespaces"]]
    while page.get("next_cursor"):
        page = api.get(
            "/v1/namespaces", params={"prefix": unique_ns, "page_size": 3, "cursor": page["next_cursor"]}
        ).json()
        seen += [n["id"] for n in page["namespaces"]]
    assert seen == names
    assert api.get("/v1/namespaces", params={"page_size": 0}).status_code == 400
    assert api.get("/v1/namespaces", params={"page_size": 1001}).status_code == 400
    assert api.get("/v1/namespaces", params={"cursor": "%%%"}).status_code == 400


@pytest.mark.parity("DELETE /v2/namespaces/{namespace}")
def test_delete_namespace_then_reuse_the_name(api, unique_ns):
    write(api, unique_ns, {"upsert_rows": [{"id": 1, "a": "x"}]})
    assert api.delete(f"/v2/namespaces/{unique_ns}").json() == {"status": "OK"}
    for method, path in (
        ("DELETE", f"/v2/namespaces/{unique_ns}"),
        ("GET", f"/v1/namespaces/{unique_ns}/schema"),
        ("GET", f"/v2/namespaces/{unique_ns}/metadata"),
        ("POST", f"/v2/namespaces/{unique_ns}/query"),
        ("GET", f"/v1/namespaces/{unique_ns}/hint_cache_warm"),
    ):
        response = api.request(method, path, json={"rank_by": ["id", "asc"]} if method == "POST" else None)
        assert response.status_code == 404, (method, path)
        assert unique_ns in response.json()["error"]
    assert unique_ns not in [
        n["id"] for n in api.get("/v1/namespaces", params={"prefix": unique_ns}).json()["namespaces"]
    ]
    write(api, unique_ns, {"upsert_rows": [{"id": "new"}]})  # a fresh namespace: the id type may differ
    assert list(docs(api, unique_ns)) == ["new"]


@pytest.mark.parity(
    "GET /v2/namespaces/{namespace}/metadata",
    "GET /v1/namespaces/{namespace}/metadata",
    "PATCH /v1/namespaces/{namespace}/metadata",
    "updateMetadata.pinning",
    "updateMetadata.read_only",
)
def test_metadata_v1_and_v2_and_patch(api, unique_ns):
    write(api, unique_ns, {"upsert_rows": [{"id": i, "text": "abc"} for i in range(3)]})
    v2 = api.get(f"/v2/namespaces/{unique_ns}/metadata").json()
    v1 = api.get(f"/v1/namespaces/{unique_ns}/metadata").json()
    assert v1 == v2
    assert v2["approx_row_count"] == 3
    assert v2["approx_logical_bytes"] == 3 * (8 + 3)
    assert v2["index"] == {"status": "up-to-date"}
    assert v2["encryption"] == {"mode": "default"}
    assert v2["schema"]["text"]["type"] == "string"
    assert v2["created_at"].endswith("Z") and v2["updated_at"] >= v2["created_at"]
    assert "pinning" not in v2 and "read_only" not in v2
    patched = api.patch(f"/v1/namespaces/{unique_ns}/metadata", json={"pinning": {"replicas": 2}}).json()
    assert patched["pinning"]["replicas"] == 2 and patched["pinning"]["status"]["ready_replicas"] == 2
    patched = api.patch(f"/v1/namespaces/{unique_ns}/metadata", json={"read_only": True}).json()
    assert patched["pinning"]["replicas"] == 2 and patched["read_only"] is True  # absent fields unchanged
    patched = api.patch(
        f"/v1/namespaces/{unique_ns}/metadata", json={"pinning": None, "read_only": False}
    ).json()
    assert "pinning" not in patched and "read_only" not in patched
    assert api.patch(f"/v1/namespaces/{unique_ns}/metadata", json={"pinning": "yes"}).status_code == 422
    assert (
        api.patch(f"/v1/namespaces/{unique_ns}/metadata", json={"pinning": {"replicas": 0}}).status_code
        == 400
    )
    assert api.patch(f"/v1/namespaces/{unique_ns}-missing/metadata", json={}).status_code == 404


@pytest.mark.parity(
    "GET /v1/namespaces/{namespace}/schema", "POST /v1/namespaces/{namespace}/schema", "updateSchema.*"
)
def test_schema_endpoints(api, unique_ns):
    assert api.post(f"/v1/namespaces/{unique_ns}/schema", json={"a": "int"}).status_code == 404
    write(api, unique_ns, {"upsert_rows": [{"id": 1, "title": "hello"}]})
    response = api.post(
        f"/v1/namespaces/{unique_ns}/schema",
        json={"title": {"type": "string", "full_text_search": {"language": "german"}}, "n": "uint"},
    )
    assert response.status_code == 200, response.text
    schema = response.json()
    assert schema["title"]["full_text_search"]["language"] == "german"
    assert schema["n"] == {"type": "uint", "filterable": True}
    assert api.get(f"/v1/namespaces/{unique_ns}/schema").json() == schema
    # The echoed schema is accepted back unchanged.
    assert api.post(f"/v1/namespaces/{unique_ns}/schema", json=schema).json() == schema
    response = api.post(f"/v1/namespaces/{unique_ns}/schema", json={"title": "int"})
    assert response.status_code == 400 and "title" in response.json()["error"]
    response = api.post(f"/v1/namespaces/{unique_ns}/schema", json={"x": {"type": "string", "bogus": 1}})
    assert response.status_code == 422 and "bogus" in response.json()["error"]


@pytest.mark.parity("GET /v1/namespaces/{namespace}/hint_cache_warm")
def test_hint_cache_warm_is_202_accepted(api, unique_ns):
    write(api, unique_ns, {"upsert_rows": [{"id": 1}]})
    response = api.get(f"/v1/namespaces/{unique_ns}/hint_cache_warm")
    assert response.status_code == 202
    assert response.json()["status"] == "ACCEPTED"


@pytest.mark.parity("GET /v1/namespaces/{namespace}", "exportNamespace.cursor")
def test_legacy_export_pages_with_a_cursor(api, unique_ns):
    rows = [{"id": i, "vector": [float(i), 1.0], "name": f"n{i}"} for i in range(10_050)]
    write(api, unique_ns, {"upsert_rows": rows, "distance_metric": "euclidean_squared"})
    first = api.get(f"/v1/namespaces/{unique_ns}").json()
    assert len(first["ids"]) == 10_000 and first["ids"][:3] == [0, 1, 2]
    assert first["vectors"][2] == [2.0, 1.0]
    assert first["attributes"]["name"][2] == "n2"
    second = api.get(f"/v1/namespaces/{unique_ns}", params={"cursor": first["next_cursor"]}).json()
    assert second["ids"] == list(range(10_000, 10_050))
    assert second["next_cursor"] is None


@pytest.mark.parity(
    "POST /v1/namespaces/{namespace}/_debug/recall", "POST /v2/namespaces/{namespace}/explain_query"
)
def test_recall_and_explain_are_served(api, unique_ns):
    rows = [{"id": i, "vector": [float(i % 7), float(i % 5), 1.0]} for i in range(60)]
    write(api, unique_ns, {"upsert_rows": rows, "distance_metric": "cosine_distance"})
    recall = api.post(f"/v1/namespaces/{unique_ns}/_debug/recall", json={"num": 3, "top_k": 5})
    assert recall.status_code == 200, recall.text
    assert 0.0 <= recall.json()["avg_recall"] <= 1.0
    plan = api.post(
        f"/v2/namespaces/{unique_ns}/explain_query",
        json={"rank_by": ["vector", "ANN", [1, 0, 0]], "limit": 5},
    )
    assert plan.status_code == 200 and plan.json()["plan_text"]


@pytest.mark.parity(
    "POST /v2/namespaces/{namespace}/async",
    "GET /v1/namespaces/{namespace}/operations/{token}",
    "startCopyFrom.copy_from_namespace",
)
def test_async_copy_and_operation_polling(api, unique_ns):
    write(api, unique_ns, {"upsert_rows": [{"id": 1, "a": 1}]})
    dest = f"{unique_ns}-copy"
    response = api.post(
        f"/v2/namespaces/{dest}/async", json={"copy_from_namespace": {"source_namespace": unique_ns}}
    )
    assert response.status_code == 202, response.text  # Parity #4: 202 Accepted, as the hosted service
    token = response.json()["token"]
    state = api.get(f"/v1/namespaces/{dest}/operations/{token}").json()
    assert state["status"] == "finished" and state["result"]["success"]["rows_affected"] == 1
    # A failing copy is reported through the operation, not lost.
    token = api.post(f"/v2/namespaces/{dest}/async", json={"copy_from_namespace": unique_ns}).json()["token"]
    error = api.get(f"/v1/namespaces/{dest}/operations/{token}").json()["result"]["error"]
    assert error["status_code"] == 400 and "not empty" in error["detail"]["error"]
    assert api.get(f"/v1/namespaces/{dest}/operations/tpuf-op-unknown").status_code == 404


@pytest.mark.parity("organisation-isolation")
def test_namespaces_are_private_to_their_organisation():
    args = ("--api-key", "acme:key-a", "--api-key", "globex:key-b", "--api-key", "acme:key-a2")
    with start_emulator(extra_args=args, api_key="key-a") as server:
        with server.client("key-a") as a, server.client("key-b") as b, server.client("key-a2") as a2:
            write(a, "shared-name", {"upsert_rows": [{"id": 1, "owner": "acme"}]})
            assert b.get("/v1/namespaces/shared-name/schema").status_code == 404
            assert b.get("/v1/namespaces").json()["namespaces"] == []
            write(b, "shared-name", {"upsert_rows": [{"id": 1, "owner": "globex"}]})
            assert docs(a2, "shared-name")[1]["owner"] == "acme"  # same organisation, other key
            assert docs(b, "shared-name")[1]["owner"] == "globex"
            # Copy across organisations needs the source organisation's key.
            body = {"copy_from_namespace": {"source_namespace": "shared-name", "source_api_key": "key-a"}}
            write(b, "from-acme", body)
            assert docs(b, "from-acme")[1]["owner"] == "acme"
        assert server.client("tpuf-emulator-dev-key").get("/v1/namespaces").status_code == 401


def test_cursor_is_opaque_base64_of_a_name(api, unique_ns):
    for i in range(2):
        write(api, f"{unique_ns}-{i}", {"upsert_rows": [{"id": 1}]})
    page = api.get("/v1/namespaces", params={"prefix": unique_ns, "page_size": 1}).json()
    padded = page["next_cursor"] + "=" * (-len(page["next_cursor"]) % 4)
    assert base64.urlsafe_b64decode(padded).decode() == f"{unique_ns}-0"
