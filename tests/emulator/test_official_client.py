"""The official ``turbopuffer`` client, unchanged, against the emulator: proof we speak the wire format.

The client sends ``prefer: respond-async`` on every request, ``?stainless_overload=...`` on some,
and turns float lists under a ``vector`` key into base64 strings.
"""

from __future__ import annotations

import pytest
import turbopuffer


@pytest.mark.parity(
    "POST /v2/namespaces/{namespace}",
    "POST /v2/namespaces/{namespace}/query",
    "write.upsert_rows",
    "write.upsert_columns",
    "write.deletes",
    "consistency-read-your-writes",
)
def test_rows_columns_vectors_queries_and_deletes(tpuf, unique_ns):
    ns = tpuf.namespace(unique_ns)
    assert ns.exists() is False
    result = ns.write(
        upsert_rows=[
            {"id": 1, "vector": [0.1, 0.2, 0.3], "title": "red running shoe", "size": 42},
            {"id": 2, "vector": [0.3, 0.2, 0.1], "title": "blue sandal", "size": 38},
        ],
        distance_metric="cosine_distance",
        schema={"title": {"type": "string", "full_text_search": True}},
    )
    assert result.status == "OK" and result.rows_upserted == 2
    result = ns.write(upsert_columns={"id": [3, 4], "vector": [[1.0, 0.0, 0.0], [0, 1, 0]], "title": ["green", None],
                                      "size": [40, 41]})  # fmt: skip
    assert result.rows_upserted == 2
    assert ns.exists() is True

    rows = ns.query(rank_by=("vector", "ANN", [0.1, 0.2, 0.3]), top_k=2, include_attributes=["title"]).rows
    assert [row.id for row in rows] == [1, 2]
    assert rows[0].title == "red running shoe"
    rows = ns.query(rank_by=("title", "BM25", "shoe"), top_k=5).rows
    assert [row.id for row in rows] == [1]
    rows = ns.query(rank_by=("size", "desc"), filters=("size", "Lt", 42), top_k=10).rows
    assert [row.id for row in rows] == [4, 3, 2]
    rows = ns.query(rank_by=("id", "asc"), top_k=10, include_attributes=["vector"]).rows
    assert rows[2].vector == [1.0, 0.0, 0.0]

    result = ns.write(deletes=[2, 3], return_affected_ids=True)
    assert result.rows_deleted == 2 and sorted(result.deleted_ids) == [2, 3]
    result = ns.write(patch_rows=[{"id": 1, "size": 43}])
    assert result.rows_patched == 1
    rows = ns.query(rank_by=("id", "asc"), top_k=10, include_attributes=["size"]).rows
    assert [(row.id, row.size) for row in rows] == [(1, 43), (4, 41)]


@pytest.mark.parity(
    "GET /v1/namespaces/{namespace}/schema",
    "GET /v2/namespaces/{namespace}/metadata",
    "GET /v1/namespaces",
    "DELETE /v2/namespaces/{namespace}",
)
def test_schema_metadata_list_and_delete(tpuf, unique_ns):
    ns = tpuf.namespace(unique_ns)
    ns.write(upsert_rows=[{"id": "a", "n": 1}])
    schema = ns.update_schema(schema={"label": {"type": "string", "regex": True}})
    assert schema["label"].regex is True and schema["label"].filterable is False
    assert ns.schema()["n"].type == "int"
    metadata = ns.metadata()
    assert metadata.approx_row_count == 1 and metadata.index.status == "up-to-date"
    metadata = ns.update_metadata(pinning={"replicas": 1}, read_only=False)
    assert metadata.pinning.replicas == 1
    assert ns.hint_cache_warm().status == "ACCEPTED"
    listed = [summary.id for summary in tpuf.namespaces(prefix=unique_ns, page_size=1)]
    assert listed == [unique_ns]
    assert ns.delete_all().status == "OK"
    assert ns.exists() is False
    with pytest.raises(turbopuffer.NotFoundError):
        ns.delete_all()


@pytest.mark.parity("error-shape")
def test_errors_map_to_the_client_exceptions(tpuf, unique_ns):
    ns = tpuf.namespace(unique_ns)
    with pytest.raises(turbopuffer.BadRequestError, match="duplicate id"):
        ns.write(upsert_rows=[{"id": 1}, {"id": 1}])
    with pytest.raises(turbopuffer.NotFoundError):
        ns.query(rank_by=("id", "asc"), top_k=1)
    with pytest.raises(turbopuffer.AuthenticationError):
        turbopuffer.Turbopuffer(api_key="wrong", base_url=tpuf.base_url, max_retries=0).namespace(
            "x"
        ).schema()


@pytest.mark.parity("write.upsert_condition", "write.delete_by_filter", "write.patch_by_filter")
def test_conditional_writes_and_writes_by_filter(tpuf, unique_ns):
    ns = tpuf.namespace(unique_ns)
    ns.write(upsert_rows=[{"id": i, "version": 1, "status": "draft"} for i in range(1, 5)])
    result = ns.write(
        upsert_rows=[{"id": 1, "version": 2, "status": "draft"}, {"id": 2, "version": 0, "status": "draft"}],
        upsert_condition=("version", "Lt", {"$ref_new": "version"}),
    )
    assert result.rows_upserted == 1
    result = ns.write(patch_by_filter={"filters": ("status", "Eq", "draft"), "patch": {"status": "archived"}})
    assert result.rows_patched == 4 and result.rows_remaining is False
    result = ns.write(delete_by_filter=("version", "Eq", 2))
    assert result.rows_deleted == 1
    rows = ns.query(rank_by=("id", "asc"), top_k=10, include_attributes=["status"]).rows
    assert [(row.id, row.status) for row in rows] == [(2, "archived"), (3, "archived"), (4, "archived")]


@pytest.mark.parity("write.copy_from_namespace", "write.branch_from_namespace", "copy-and-branch")
def test_copy_and_branch(tpuf, unique_ns):
    source = tpuf.namespace(unique_ns)
    source.write(upsert_rows=[{"id": 1, "vector": [1.0, 0.0], "t": "x"}], distance_metric="euclidean_squared")
    copy = tpuf.namespace(f"{unique_ns}-copy")
    assert copy.copy_from(source_namespace=unique_ns).rows_affected == 1
    branch = tpuf.namespace(f"{unique_ns}-branch")
    assert branch.branch_from(source_namespace=unique_ns).status == "OK"
    for ns in (copy, branch):
        (row,) = ns.query(rank_by=("vector", "ANN", [1.0, 0.0]), top_k=5, include_attributes=True).rows
        assert row.id == 1 and row.t == "x"
    started = tpuf.namespace(f"{unique_ns}-async").start_copy_from(source_namespace=unique_ns)
    state = tpuf.namespace(f"{unique_ns}-async").poll_copy_from(started.token)
    assert state.status == "finished" and state.result.success.rows_affected == 1
    with pytest.raises(turbopuffer.BadRequestError, match="not empty"):
        copy.copy_from(source_namespace=unique_ns)


@pytest.mark.parity("query.queries", "gzip-requests", "gzip-responses")
def test_multi_query_and_compression(emulator, unique_ns, monkeypatch):
    monkeypatch.delenv("TURBOPUFFER_REGION", raising=False)
    with turbopuffer.Turbopuffer(
        api_key=emulator.api_key, base_url=emulator.base_url, compression=True
    ) as tpuf:
        ns = tpuf.namespace(unique_ns)
        rows = [{"id": i, "vector": [float(i), 1.0], "text": f"word{i % 3} filler " * 10} for i in range(300)]
        ns.write(upsert_rows=rows, distance_metric="euclidean_squared")  # gzipped request body
        result = ns.multi_query(queries=[
            {"rank_by": ("vector", "ANN", [5.0, 1.0]), "top_k": 3},
            {"rank_by": ("id", "asc"), "top_k": 200, "include_attributes": ["text"]},  # > 1 KiB: gzipped back
        ])  # fmt: skip
        first = [row.id for row in result.results[0].rows]
        assert first[0] == 5 and sorted(first[1:]) == [4, 6]
        assert len(result.results[1].rows) == 200
