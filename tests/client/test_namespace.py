"""The namespace handle against the emulator: every method, IDs kept as given, numpy and base64
vectors, pagination, and the async client giving the same answers as the sync one."""

from __future__ import annotations

import asyncio
import base64
import json

import numpy as np
import pytest
from turbopuffer_openapi_client import AsyncTurbopuffer, Turbopuffer, decode_vector, encode_vector
from turbopuffer_openapi_client.api.query import query as query_endpoint
from turbopuffer_openapi_client.lang import filter as f
from turbopuffer_openapi_client.lang import rank_by as r
from turbopuffer_openapi_client.lang import score_expression as s
from turbopuffer_openapi_client.models import QueryRequest, RowModel

from .conftest import Reply

UUID_LIKE = "0190C8F7-AbCd-7000-8000-00000000000A"  # mixed case: a UUID parser would rewrite it
DOCS = [
    {"id": UUID_LIKE, "vector": [1.0, 0.0, 0.0], "title": "alpha", "n": 1},
    {"id": "plain-string-id", "vector": [0.0, 1.0, 0.0], "title": "beta", "n": 2},
    {"id": "{not-a-uuid}", "vector": [0.0, 0.0, 1.0], "title": "gamma", "n": 3},
]


def _seed(tpuf: Turbopuffer, name: str):
    ns = tpuf.namespace(name)
    ns.write(upsert_rows=DOCS, distance_metric="euclidean_squared")
    return ns


def test_write_query_round_trip_keeps_ids_exactly(tpuf: Turbopuffer, unique_ns: str) -> None:
    ns = _seed(tpuf, unique_ns)
    result = ns.query(rank_by=r.ANN("vector", [1.0, 0.0, 0.0]), top_k=3, include_attributes=["title"])
    assert result.ids[0] == UUID_LIKE
    assert set(result.ids) == {d["id"] for d in DOCS}
    assert result.rows[0].dist == pytest.approx(0.0)
    assert result.rows[0]["title"] == result.rows[0].title == "alpha"
    looked_up = ns.query(rank_by=("id", "asc"), filters=f.Eq("id", UUID_LIKE), top_k=1)
    assert looked_up.ids == [UUID_LIKE]


def test_low_level_generated_endpoint_keeps_ids_too(tpuf: Turbopuffer, unique_ns: str) -> None:
    _seed(tpuf, unique_ns)
    body = QueryRequest.from_dict({"rank_by": ["id", "asc"], "filters": ["id", "Eq", UUID_LIKE], "top_k": 1})
    assert body.to_dict()["filters"][2] == UUID_LIKE
    answer = query_endpoint.sync(namespace=unique_ns, client=tpuf, body=body)
    assert answer.to_dict()["rows"][0]["id"] == UUID_LIKE


def test_numpy_vectors_in_rows_columns_and_queries(tpuf: Turbopuffer, unique_ns: str) -> None:
    ns = tpuf.namespace(unique_ns)
    matrix = np.random.default_rng(7).random((6, 4), dtype=np.float32)
    ns.write(upsert_columns={"id": list(range(6)), "vector": matrix}, distance_metric="cosine_distance")
    ns.write(upsert_rows=[{"id": 6, "vector": matrix[0] * 2}])  # float32 row vector
    result = ns.query(rank_by=r.ANN("vector", matrix[3]), top_k=1, include_attributes=True)
    assert result.ids == [3]
    np.testing.assert_allclose(result.rows[0].vector, matrix[3], rtol=1e-6)
    stacked = ns.query(rank_by=("id", "asc"), top_k=10, include_attributes=["vector"]).vectors()
    assert stacked.shape == (7, 4) and stacked.dtype == np.float32
    np.testing.assert_allclose(stacked[:6], matrix, rtol=1e-6)


def test_vectors_go_out_as_base64_float32(scripted_server) -> None:
    ok = json.dumps(
        {"status": "OK", "message": "", "rows_affected": 2, "billing": {"billable_logical_bytes_written": 1}}
    )
    server = scripted_server(Reply(body=ok.encode()))
    ns = Turbopuffer(api_key="k", base_url=server.base_url).namespace("b64")
    ns.write(
        upsert_rows=[{"id": 1, "vector": [1.0, 0.0]}, {"id": 2, "vector": np.array([0.1, 0.2, 0.3])}],
        upsert_columns={"id": [3], "vector": np.array([[1.0, 0.0]]), "tags": [["x"]]},
        patch_rows=[{"id": 4, "counts": [1, 2]}],
    )
    sent = json.loads(server.requests[0].body)
    assert sent["upsert_rows"][0]["vector"] == "AACAPwAAAAA="
    assert sent["upsert_rows"][1]["vector"] == "zczMPc3MTD6amZk+"
    assert sent["upsert_columns"]["vector"] == ["AACAPwAAAAA="]
    assert sent["upsert_columns"]["tags"] == [["x"]]
    assert sent["patch_rows"][0]["counts"] == [1, 2]  # integer lists stay JSON arrays


def test_base64_round_trip(tpuf: Turbopuffer, unique_ns: str) -> None:
    ns = _seed(tpuf, unique_ns)
    as_float = ns.query(rank_by=("n", "asc"), top_k=3, include_attributes=["vector"])
    as_b64 = ns.query(rank_by=("n", "asc"), top_k=3, include_attributes=["vector"], vector_encoding="base64")
    assert isinstance(as_b64.rows[0]["vector"], str)
    assert isinstance(as_float.rows[0]["vector"], list)
    np.testing.assert_array_equal(as_b64.vectors(), as_float.vectors())
    np.testing.assert_array_equal(as_b64.rows[1].vector, np.array([0.0, 1.0, 0.0], dtype=np.float32))
    vector = np.array([0.5, -1.25, 3.0], dtype=np.float32)
    assert base64.b64decode(encode_vector(vector)) == vector.astype("<f4").tobytes()
    np.testing.assert_array_equal(decode_vector(encode_vector(vector)), vector)


def test_every_handle_method(tpuf: Turbopuffer, unique_ns: str) -> None:
    ns = tpuf.namespace(unique_ns)
    assert ns.exists() is False
    written = ns.write(upsert_rows=DOCS, distance_metric="euclidean_squared", return_affected_ids=True)
    assert written.rows_affected == 3 and set(written.upserted_ids) == {d["id"] for d in DOCS}
    assert ns.exists() is True
    schema = ns.schema().to_dict()
    assert schema["title"]["type"] == "string"
    updated = ns.update_schema({"title": {"type": "string", "full_text_search": True}})
    assert updated.to_dict()["title"]["full_text_search"]
    assert ns.metadata().approx_row_count == 3
    assert ns.update_metadata(read_only=False).approx_row_count == 3
    assert ns.hint_cache_warm().status == "ACCEPTED"
    assert isinstance(ns.explain_query(rank_by=("n", "desc"), top_k=1).plan_text, str)
    assert 0.0 <= ns.recall(num=2, top_k=2).avg_recall <= 1.0
    counted = ns.query(aggregate_by={"count": ("Count",)})
    assert counted.aggregations == {"count": 3}
    fused = ns.multi_query(
        queries=[
            {"rank_by": r.ANN("vector", [0.0, 0.0, 1.0]), "top_k": 3},
            {"rank_by": ("n", "desc"), "top_k": 3},
        ],
        rerank_by=("RRF",),
    )
    assert fused.results[0].ids[0] == "{not-a-uuid}"
    assert ns.delete_all().status == "OK"
    assert ns.exists() is False


def test_namespaces_are_listed_across_pages(tpuf: Turbopuffer, unique_ns: str) -> None:
    names = [f"{unique_ns}-{i}" for i in range(5)]
    for name in names:
        tpuf.namespace(name).write(upsert_rows=[{"id": 1}])
    pages = list(tpuf.namespace_pages(prefix=unique_ns, page_size=2))
    assert [len(p.namespaces) for p in pages] == [2, 2, 1]
    assert pages[-1].next_cursor is None
    assert [s.id for s in tpuf.namespaces(prefix=unique_ns, page_size=2)] == names
    assert [s.id for s in tpuf.namespaces(prefix=unique_ns)] == names


def test_async_client_has_the_same_surface_and_answers(emulator, tpuf: Turbopuffer, unique_ns: str) -> None:
    sync_methods = {m for m in dir(tpuf.namespace("x")) if not m.startswith("_")}
    async_client = AsyncTurbopuffer(api_key=emulator.api_key, base_url=emulator.base_url)
    assert sync_methods == {m for m in dir(async_client.namespace("x")) if not m.startswith("_")}
    ns = _seed(tpuf, unique_ns)
    expected = ns.query(rank_by=r.ANN("vector", [0.0, 1.0, 0.0]), top_k=3, include_attributes=True)

    async def run() -> tuple:
        async with async_client:
            ans = async_client.namespace(unique_ns)
            result = await ans.query(
                rank_by=r.ANN("vector", [0.0, 1.0, 0.0]), top_k=3, include_attributes=True
            )
            exists = await ans.exists()
            metadata = await ans.metadata()
            await async_client.namespace(f"{unique_ns}-async").write(
                upsert_rows=[{"id": 1, "vector": [1.0, 0.0]}], distance_metric="cosine_distance"
            )
            listed = [s.id async for s in async_client.namespaces(prefix=unique_ns, page_size=1)]
            return result, exists, listed, metadata

    result, exists, listed, metadata = asyncio.run(run())
    assert [row.to_dict() for row in result] == [row.to_dict() for row in expected]
    assert exists is True
    assert listed == [unique_ns, f"{unique_ns}-async"]
    assert metadata.approx_row_count == 3


RICH_DOCS = [
    {
        "id": "doc-1",
        "vector": [0.5, 0.25, 1.0],
        "tags": ["blue", "light"],
        "sizes": [38, 39, 40],
        "weights": [0.5, 1.5],
        "embedding": [1.0, 0.0, 0.5, 0.25],
        "sparse": {"fox": 0.5, "city": 1.25},
        "title": "the quick fox crosses the city",
        "price": 80,
        "note": None,
    },
    {
        "id": "doc-2",
        "vector": [0.0, 1.0, 0.0],
        "tags": [],
        "sizes": [41],
        "embedding": [0.0, 1.0, 0.0, 0.0],
        "sparse": {"lake": 1.0},
        "title": "a quiet lake",
        "price": 12,
    },
]


def test_rows_with_list_vector_and_nested_values_round_trip(tpuf: Turbopuffer, unique_ns: str) -> None:
    """Every attribute kind comes back unchanged, through the fast handle AND the generated attrs model:
    lists of strings/numbers, vectors (JSON and base64), a sparse-vector object, highlight fragments,
    null. (Regression: the attrs Row read every list as highlight fragments and crashed on ``tags``.)"""
    ns = tpuf.namespace(unique_ns)
    ns.write(
        upsert_rows=RICH_DOCS,
        distance_metric="euclidean_squared",
        schema={
            "title": {"type": "string", "full_text_search": True},
            "embedding": {"type": "[4]f32"},
            "sparse": {"type": "{}f16"},
        },
    )
    body = {
        "rank_by": ["title", "BM25", "fox"],
        "top_k": 2,
        "include_attributes": True,
        "compute_attributes": {"hl": ["Highlight", "title"]},
    }
    raw = query_endpoint.sync_detailed(namespace=unique_ns, client=tpuf, body=QueryRequest.from_dict(body))
    wire = json.loads(raw.content)
    row = wire["rows"][0]
    assert row["tags"] == ["blue", "light"] and row["sizes"] == [38, 39, 40]
    assert row["sparse"] == {"fox": 0.5, "city": 1.25}
    assert isinstance(row["hl"], list) and isinstance(row["hl"][0], dict) and "fox" in row["hl"][0]["text"]
    assert raw.parsed is not None
    # the attrs models give back exactly the rows the server sent (datetimes elsewhere are re-serialised)
    assert raw.parsed.to_dict()["rows"] == wire["rows"]
    assert raw.parsed.to_dict()["rows"][0]["embedding"] == [1.0, 0.0, 0.5, 0.25]

    handle_row = ns.query(**{**body, "rank_by": s.BM25("title", "fox")}).rows[0]
    assert handle_row.to_dict() == row
    assert handle_row["tags"] == ["blue", "light"]
    np.testing.assert_array_equal(
        handle_row.vector_of("embedding"), np.array([1.0, 0.0, 0.5, 0.25], np.float32)
    )

    encoded = query_endpoint.sync_detailed(
        namespace=unique_ns,
        client=tpuf,
        body=QueryRequest.from_dict({**body, "vector_encoding": "base64"}),
    )
    assert encoded.parsed is not None
    assert encoded.parsed.to_dict()["rows"] == json.loads(encoded.content)["rows"]

    # Every JSON shape a row value may take survives the attrs model both ways, whatever the server sent.
    shapes = {
        "id": 7,
        "$dist": 0.5,
        "vector": "AACAPwAAAAA=",
        "tags": ["blue", "light"],
        "numbers": [1, 2.5],
        "multi": [[1.0, 2.0], [3.0, 4.0]],
        "sparse": {"a": 1.0},
        "hl": [{"text": "a fox", "fragment_range": [0, 5], "match_ranges": [[2, 5]]}],
        "flag": True,
        "nothing": None,
    }
    assert RowModel.from_dict(shapes).to_dict() == shapes


def test_numpy_views_and_scalars_are_accepted_wherever_vectors_go(tpuf: Turbopuffer, unique_ns: str) -> None:
    """Column slices and transposes (not C-contiguous), float16 arrays and lists of numpy scalars:
    all go out as the same vectors as plain lists would."""
    stored = np.random.default_rng(11).random((4, 3), dtype=np.float32)
    by_column = np.asfortranarray(stored)  # every row is a strided view
    ns = tpuf.namespace(unique_ns)
    ns.write(
        upsert_rows=[
            {"id": i, "vector": by_column[i], "embedding": stored.T[:, i], "scores": list(stored[i])}
            for i in range(4)
        ],
        distance_metric="euclidean_squared",
        schema={"embedding": {"type": "[3]f32", "ann": True}},
    )
    result = ns.query(rank_by=r.ANN("vector", by_column[2]), top_k=1, include_attributes=True)
    assert result.ids == [2]
    np.testing.assert_allclose(result.rows[0].vector, stored[2], rtol=1e-6)
    np.testing.assert_allclose(result.rows[0].vector_of("embedding"), stored[2], rtol=1e-6)
    assert result.rows[0]["scores"] == pytest.approx(stored[2].tolist(), rel=1e-6)
    half = ns.query(rank_by=r.ANN("embedding", stored[1].astype(np.float16)), top_k=1)
    assert half.ids == [1]
    transposed = ns.query(rank_by=r.ANN("vector", stored.T[:, 3]), top_k=1)
    assert transposed.ids == [3]


def test_lists_of_numpy_scalars_are_written_as_base64_vectors(scripted_server) -> None:
    ok = {"status": "OK", "message": "", "rows_affected": 1, "billing": {"billable_logical_bytes_written": 1}}
    server = scripted_server(Reply(body=json.dumps(ok).encode()))
    client = Turbopuffer(api_key="k", base_url=server.base_url)
    vector = [np.float32(0.5), np.float32(1.0)]
    client.namespace("scalars").write(upsert_rows=[{"id": 1, "vector": vector}])
    sent = json.loads(server.requests[0].body)["upsert_rows"][0]["vector"]
    assert sent == encode_vector([0.5, 1.0])
