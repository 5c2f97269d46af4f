"""copy_from_namespace and branch_from_namespace (reference 3.5) over HTTP."""

from __future__ import annotations

import pytest

from tests.support.api import docs, write, write_error


def _source(api, ns):
    write(api, ns, {
        "upsert_rows": [{"id": i, "vector": [1.0, float(i)], "title": f"doc {i}"} for i in range(4)],
        "distance_metric": "euclidean_squared",
        "schema": {"title": {"type": "string", "full_text_search": True}},
    })  # fmt: skip


@pytest.mark.parity("write.copy_from_namespace", "copy-and-branch")
def test_copy_string_and_object_forms(api, unique_ns):
    _source(api, unique_ns)
    result = write(api, f"{unique_ns}-a", {"copy_from_namespace": unique_ns})
    assert result["status"] == "OK" and result["rows_affected"] == 4
    result = write(api, f"{unique_ns}-b", {"copy_from_namespace": {"source_namespace": unique_ns}})
    assert result["rows_affected"] == 4
    original = docs(api, unique_ns)
    assert docs(api, f"{unique_ns}-a") == original == docs(api, f"{unique_ns}-b")
    schema = api.get(f"/v1/namespaces/{unique_ns}-a/schema").json()
    assert schema == api.get(f"/v1/namespaces/{unique_ns}/schema").json()
    # The copy is searchable like the source (vector and full-text indexes are rebuilt).
    query = {"rank_by": ["title", "BM25", "doc 2"], "top_k": 1}
    assert api.post(f"/v2/namespaces/{unique_ns}-a/query", json=query).json()["rows"][0]["id"] == 2
    query = {"rank_by": ["vector", "ANN", [1.0, 3.0]], "top_k": 1}
    assert api.post(f"/v2/namespaces/{unique_ns}-a/query", json=query).json()["rows"][0]["id"] == 3


@pytest.mark.parity("write.branch_from_namespace", "copy-and-branch")
def test_branch_is_an_independent_point_in_time_copy(api, unique_ns):
    _source(api, unique_ns)
    branch = f"{unique_ns}-branch"
    write(api, branch, {"branch_from_namespace": unique_ns})
    assert api.get(f"/v2/namespaces/{branch}/metadata").json()["branching"] == {"parent": unique_ns}
    write(api, unique_ns, {"deletes": [0], "patch_rows": [{"id": 1, "title": "changed in source"}]})
    write(api, branch, {"upsert_rows": [{"id": 9, "vector": [0, 0], "title": "only in branch"}]})
    source, copy = docs(api, unique_ns), docs(api, branch)
    assert sorted(source) == [1, 2, 3] and sorted(copy) == [0, 1, 2, 3, 9]
    assert copy[1]["title"] == "doc 1"
    api.delete(f"/v2/namespaces/{unique_ns}")
    assert len(docs(api, branch)) == 5


def test_copy_errors(api, unique_ns):
    _source(api, unique_ns)
    message = write_error(api, f"{unique_ns}-x", {"copy_from_namespace": "no-such-source"}, status=404)
    assert "no-such-source" in message
    assert api.get(f"/v1/namespaces/{unique_ns}-x/schema").status_code == 404  # nothing created
    write(api, f"{unique_ns}-full", {"upsert_rows": [{"id": 1}]})
    message = write_error(api, f"{unique_ns}-full", {"branch_from_namespace": unique_ns})
    assert "not empty" in message
    message = write_error(
        api, f"{unique_ns}-y", {"copy_from_namespace": unique_ns, "upsert_rows": [{"id": 5}]}
    )
    assert "cannot be combined" in message
    message = write_error(api, unique_ns, {"copy_from_namespace": unique_ns})
    assert "itself" in message
    body = {"copy_from_namespace": {"source_namespace": unique_ns, "source_api_key": "nope"}}
    write_error(api, f"{unique_ns}-z", body, status=403)


@pytest.mark.parity("write.sharding")
def test_sharding_is_set_on_creation_and_inherited_by_copies(api, unique_ns):
    write(api, unique_ns, {"upsert_rows": [{"id": 1}], "sharding": {"num_shards": 4}})
    assert api.get(f"/v2/namespaces/{unique_ns}/metadata").json()["sharding"] == {"num_shards": 4}
    assert "first write" in write_error(
        api, unique_ns, {"upsert_rows": [{"id": 2}], "sharding": {"num_shards": 8}}
    )
    write(api, f"{unique_ns}-copy", {"copy_from_namespace": unique_ns})
    assert api.get(f"/v2/namespaces/{unique_ns}-copy/metadata").json()["sharding"] == {"num_shards": 4}
    assert "sharded" in write_error(api, f"{unique_ns}-branch", {"branch_from_namespace": unique_ns})
    assert write_error(api, unique_ns, {"sharding": {"num_shards": 0}})
