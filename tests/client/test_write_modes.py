"""`write()` returns a `WriteResult` (typed, no narrowing); `write_async_start()` asks for a background write."""

from __future__ import annotations

import asyncio

import orjson
import pytest
from turbopuffer_openapi_client import APIResponseValidationError, AsyncTurbopuffer, Turbopuffer
from turbopuffer_openapi_client.models import AsyncAccepted, WriteResult

from .conftest import Reply

OK_WRITE = orjson.dumps(
    {"status": "OK", "message": "ok", "rows_affected": 2, "billing": {"billable_logical_bytes_written": 9}}
)
ACCEPTED = Reply(
    status=202,
    body=orjson.dumps({"token": "tpuf-op-1"}),
    headers={
        "Content-Type": "application/json",
        "Preference-Applied": "respond-async",
        "Location": "/v1/namespaces/ns/operations/tpuf-op-1",
    },
)


def test_write_returns_the_write_result_and_sends_no_prefer_header(scripted_server) -> None:
    server = scripted_server(Reply(body=OK_WRITE))
    result = Turbopuffer(api_key="k", base_url=server.base_url).namespace("ns").write(upsert_rows=[{"id": 1}])
    assert isinstance(result, WriteResult)
    assert result.rows_affected == 2
    assert "prefer" not in server.requests[0].headers


def test_write_refuses_an_unasked_background_answer(scripted_server) -> None:
    server = scripted_server(ACCEPTED)
    ns = Turbopuffer(api_key="k", base_url=server.base_url).namespace("ns")
    with pytest.raises(APIResponseValidationError, match="expected WriteResult, got AsyncAccepted"):
        ns.write(upsert_rows=[{"id": 1}])


def test_write_async_start_asks_for_the_background_and_returns_the_token(scripted_server) -> None:
    server = scripted_server(ACCEPTED)
    started = (
        Turbopuffer(api_key="k", base_url=server.base_url)
        .namespace("ns")
        .write_async_start(upsert_rows=[{"id": 1}])
    )
    assert isinstance(started, AsyncAccepted)
    assert started.token == "tpuf-op-1"
    (request,) = server.requests
    assert request.headers["prefer"] == "respond-async"
    assert request.headers["content-type"] == "application/json"
    assert orjson.loads(request.body) == {"upsert_rows": [{"id": 1}]}


def test_async_client_has_the_same_split(scripted_server) -> None:
    server = scripted_server(Reply(body=OK_WRITE), ACCEPTED)

    async def run() -> tuple[object, object]:
        ns = AsyncTurbopuffer(api_key="k", base_url=server.base_url).namespace("ns")
        return await ns.write(upsert_rows=[{"id": 1}]), await ns.write_async_start(upsert_rows=[{"id": 2}])

    written, started = asyncio.run(run())
    assert isinstance(written, WriteResult) and isinstance(started, AsyncAccepted)
    assert [r.headers.get("prefer") for r in server.requests] == [None, "respond-async"]


def test_write_async_start_accepts_a_synchronous_answer(tpuf, unique_ns) -> None:
    """The emulator (like the service, which may) answers synchronously: a WriteResult, and the rows are there."""
    ns = tpuf.namespace(unique_ns)
    answer = ns.write_async_start(upsert_rows=[{"id": 1, "title": "a"}], distance_metric="cosine_distance")
    assert isinstance(answer, WriteResult) and answer.rows_affected == 1
    assert ns.query(rank_by=("id", "asc"), top_k=5, include_attributes=["title"]).ids == [1]
