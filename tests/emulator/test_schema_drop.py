"""Schema changes with ``{"drop": true}`` (spec ``AttributeSchemaDrop``, official client 3.1.0
``AttributeSchemaDropParam``): the attribute leaves the schema and every document, atomically and
durably; ``id`` and attributes the schema lacks cannot be dropped (400); ``drop`` must be exactly
``true`` and alone (422, the wrong JSON shape).
"""

from __future__ import annotations

import pytest
import turbopuffer

from tests.support.api import docs, write, write_error
from tests.support.server import start_emulator


def _seed(client, ns):
    write(client, ns, {
        "upsert_rows": [{"id": i, "vector": [float(i), 1.0], "title": f"red shoe {i}", "n": i, "tag": "t"}
                        for i in range(1, 6)],
        "distance_metric": "euclidean_squared",
        "schema": {"title": {"type": "string", "full_text_search": True}},
    })  # fmt: skip


def _schema(client, ns):
    return client.get(f"/v1/namespaces/{ns}/schema").json()


def _drop(client, ns, *names):
    return client.post(f"/v1/namespaces/{ns}/schema", json={name: {"drop": True} for name in names})


@pytest.mark.parity("schema-drop")
def test_drop_removes_the_attribute_from_schema_documents_and_indexes(api, unique_ns):
    _seed(api, unique_ns)
    # Warm every index, so the drop has to take the dropped attributes out of them too.
    assert (
        api.post(
            f"/v2/namespaces/{unique_ns}/query",
            json={"rank_by": ["title", "BM25", "shoe"], "filters": ["n", "Eq", 2], "limit": 10},
        ).status_code
        == 200
    )
    assert (
        api.post(
            f"/v2/namespaces/{unique_ns}/query", json={"rank_by": ["vector", "ANN", [1.0, 1.0]], "top_k": 1}
        ).status_code
        == 200
    )

    response = _drop(api, unique_ns, "title", "n", "vector")
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"id", "tag"}
    assert set(_schema(api, unique_ns)) == {"id", "tag"}
    assert all(set(row) == {"id", "tag"} for row in docs(api, unique_ns).values())

    for body in (
        {"rank_by": ["title", "BM25", "shoe"], "limit": 10},
        {"rank_by": ["vector", "ANN", [1.0, 1.0]], "limit": 10},
    ):
        response = api.post(f"/v2/namespaces/{unique_ns}/query", json=body)
        assert response.status_code == 400, (body, response.text)
    assert docs(api, unique_ns, filters=["n", "Eq", 2]) == {}  # an attribute no document has: null
    hits = docs(api, unique_ns, filters=["tag", "Eq", "t"])
    assert sorted(hits) == [1, 2, 3, 4, 5]

    # The name is free again, with any type.
    write(api, unique_ns, {"upsert_rows": [{"id": 9, "n": "nine"}]})
    assert _schema(api, unique_ns)["n"]["type"] == "string"
    assert [row["id"] for row in docs(api, unique_ns, filters=["n", "Eq", "nine"]).values()] == [9]


def test_drop_in_a_write_applies_before_the_documents_of_that_write(api, unique_ns):
    _seed(api, unique_ns)
    write(api, unique_ns, {"schema": {"tag": {"drop": True}}, "patch_rows": [{"id": 1, "n": 100}]})
    rows = docs(api, unique_ns)
    assert rows[1]["n"] == 100 and "tag" not in rows[1]  # the patch did not carry the old value forward
    assert all("tag" not in row for row in rows.values())


def test_a_rejected_request_drops_nothing(api, unique_ns):
    _seed(api, unique_ns)
    before = docs(api, unique_ns)
    error = write_error(
        api, unique_ns, {"schema": {"tag": {"drop": True}}, "upsert_rows": [{"id": 7, "n": "x"}]}
    )
    assert "upsert_rows[0].n" in error
    assert "tag" in _schema(api, unique_ns)
    assert docs(api, unique_ns) == before


def test_dropping_id_or_an_unknown_attribute_is_400(api, unique_ns):
    _seed(api, unique_ns)
    for name, needle in (("id", "id attribute cannot be dropped"), ("missing", "no such attribute")):
        response = _drop(api, unique_ns, "tag", name)
        assert response.status_code == 400, response.text
        assert needle in response.json()["error"] and f"schema.{name}" in response.json()["error"]
    assert "tag" in _schema(api, unique_ns)  # the whole request was rejected


def test_drop_must_be_exactly_true_and_alone(api, unique_ns):
    _seed(api, unique_ns)
    for value, needle in (({"drop": False}, "expected true"), ({"drop": "yes"}, "expected true"),
                          ({"drop": True, "type": "string"}, "unknown field `type`, expected `drop`")):  # fmt: skip
        response = api.post(f"/v1/namespaces/{unique_ns}/schema", json={"tag": value})
        assert response.status_code == 422, response.text
        assert needle in response.json()["error"] and "schema.tag" in response.json()["error"]


@pytest.mark.parity("schema-drop", "POST /v1/namespaces/{namespace}/schema")
def test_official_client_drops_an_attribute(emulator, unique_ns, monkeypatch):
    monkeypatch.delenv("TURBOPUFFER_REGION", raising=False)
    with turbopuffer.Turbopuffer(api_key=emulator.api_key, base_url=emulator.base_url, max_retries=0) as tpuf:
        ns = tpuf.namespace(unique_ns)
        ns.write(upsert_rows=[{"id": 1, "a": 1, "b": "x"}])
        schema = ns.update_schema(schema={"a": {"drop": True}})
        assert set(schema) == {"id", "b"}
        (row,) = ns.query(rank_by=("id", "asc"), top_k=5, include_attributes=True).rows
        assert row.to_dict() == {"id": 1, "b": "x"}


def test_drop_survives_a_restart_from_the_log_and_from_a_snapshot(tmp_path):
    data_dir = tmp_path / "data"
    with start_emulator(data_dir=data_dir) as server, server.client() as client:
        _seed(client, "ns")
        assert _drop(client, "ns", "title", "n").status_code == 200
        server.process.kill()  # no clean shutdown: the log alone must carry the drop
        server.process.wait()
    with start_emulator(data_dir=data_dir) as server, server.client() as client:
        assert set(_schema(client, "ns")) == {"id", "vector", "tag"}
        assert all(set(row) == {"id", "vector", "tag"} for row in docs(client, "ns").values())
    with start_emulator(data_dir=data_dir) as server, server.client() as client:  # after the close snapshot
        assert all(set(row) == {"id", "vector", "tag"} for row in docs(client, "ns").values())
