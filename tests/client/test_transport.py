"""The transport on the wire: gzip, retries honouring Retry-After, timeouts, connection errors."""

from __future__ import annotations

import asyncio
import gzip
import json
import socket

import httpx
import orjson
import pytest
from turbopuffer_openapi_client import (
    APIConnectionError,
    APITimeoutError,
    AsyncTurbopuffer,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    Turbopuffer,
)
from turbopuffer_openapi_client._transport import RetryPolicy, retry_after_seconds
from turbopuffer_openapi_client.api.namespaces import list_namespaces

from .conftest import Reply

OK_WRITE = orjson.dumps(
    {"status": "OK", "message": "ok", "rows_affected": 1, "billing": {"billable_logical_bytes_written": 1}}
)


def _client(base_url: str, **options) -> Turbopuffer:
    return Turbopuffer(api_key="test-key", base_url=base_url, **options)


def test_large_bodies_are_gzipped_and_small_ones_are_not(scripted_server) -> None:
    server = scripted_server(Reply(body=OK_WRITE))
    ns = _client(server.base_url).namespace("gz")
    rows = [{"id": i, "text": "lorem ipsum " * 20} for i in range(20)]
    ns.write(upsert_rows=rows)
    ns.write(upsert_rows=[{"id": 1}])
    big, small = server.requests
    assert big.headers["content-encoding"] == "gzip"
    assert int(big.headers["content-length"]) == len(big.raw_body) < len(big.body)
    assert json.loads(big.body)["upsert_rows"] == rows
    assert "content-encoding" not in small.headers
    assert json.loads(small.raw_body) == {"upsert_rows": [{"id": 1}]}
    assert big.headers["accept-encoding"] == "gzip"
    assert big.headers["authorization"] == "Bearer test-key"


def test_compression_can_be_turned_off(scripted_server) -> None:
    server = scripted_server(Reply(body=OK_WRITE))
    _client(server.base_url, compression=False).namespace("gz").write(
        upsert_rows=[{"id": i} for i in range(500)]
    )
    (request,) = server.requests
    assert "content-encoding" not in request.headers
    assert request.headers["accept-encoding"] == "identity"
    assert len(json.loads(request.raw_body)["upsert_rows"]) == 500


def test_gzip_responses_are_decoded(scripted_server) -> None:
    body = gzip.compress(orjson.dumps({"rows": [{"id": 7, "$dist": 0.5}], "billing": {}, "performance": {}}))
    server = scripted_server(
        Reply(body=body, headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
    )
    result = _client(server.base_url).namespace("ns").query(rank_by=("id", "asc"))
    assert result.ids == [7]


def test_429_with_retry_after_is_retried_then_succeeds(scripted_server) -> None:
    server = scripted_server(
        Reply(
            429,
            b'{"status":"error","error":"slow down"}',
            {"Retry-After": "0", "Content-Type": "application/json"},
        ),
        Reply(429, b'{"status":"error","error":"slow down"}', {"retry-after-ms": "20"}),
        Reply(body=OK_WRITE),
    )
    result = _client(server.base_url).namespace("retry").write(upsert_rows=[{"id": 1}])
    assert result.rows_affected == 1
    assert len(server.requests) == 3
    assert [r.headers.get("x-retry-count") for r in server.requests] == [None, "1", "2"]
    assert server.requests[0].raw_body == server.requests[2].raw_body


@pytest.mark.parametrize("status", [408, 409, 500, 502, 503])
def test_retryable_statuses_are_retried(scripted_server, status: int) -> None:
    server = scripted_server(Reply(status, b"oops", {"Retry-After": "0"}), Reply(body=OK_WRITE))
    _client(server.base_url).namespace("retry").write(upsert_rows=[{"id": 1}])
    assert len(server.requests) == 2


def test_retries_stop_at_max_retries_and_raise_the_typed_error(scripted_server) -> None:
    server = scripted_server(Reply(429, b'{"status":"error","error":"too many"}', {"Retry-After": "0"}))
    with pytest.raises(RateLimitError) as caught:
        _client(server.base_url, max_retries=2).namespace("retry").write(upsert_rows=[{"id": 1}])
    assert len(server.requests) == 3
    assert caught.value.status_code == 429
    assert caught.value.message == "too many"
    assert caught.value.response.headers["retry-after"] == "0"


def test_non_retryable_statuses_and_x_should_retry(scripted_server) -> None:
    server = scripted_server(Reply(400, b'{"status":"error","error":"bad"}'))
    with pytest.raises(BadRequestError):
        _client(server.base_url).namespace("x").write(upsert_rows=[{"id": 1}])
    assert len(server.requests) == 1
    server = scripted_server(Reply(503, b"{}", {"x-should-retry": "false"}))
    with pytest.raises(InternalServerError):
        _client(server.base_url).namespace("x").write(upsert_rows=[{"id": 1}])
    assert len(server.requests) == 1


def test_backoff_is_exponential_with_jitter_and_honours_server_delays() -> None:
    no_jitter = RetryPolicy(rng=lambda: 0.0)
    assert [no_jitter.backoff(k) for k in range(7)] == [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    full_jitter = RetryPolicy(rng=lambda: 1.0)
    assert full_jitter.backoff(0) == pytest.approx(0.1875)
    assert retry_after_seconds(httpx.Response(429, headers={"retry-after-ms": "1500"})) == 1.5
    assert retry_after_seconds(httpx.Response(429, headers={"Retry-After": "3"})) == 3.0
    date = retry_after_seconds(httpx.Response(429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}))
    assert date == 0.0  # a date in the past means "now"
    assert retry_after_seconds(httpx.Response(429, headers={"Retry-After": "soon"})) is None
    assert no_jitter.delay(0, httpx.Response(429, headers={"Retry-After": "2"})) == 2.0
    assert (
        no_jitter.delay(0, httpx.Response(429, headers={"Retry-After": "99999"})) == 0.25
    )  # absurd: backoff


def test_read_timeout_raises_api_timeout_error(scripted_server) -> None:
    server = scripted_server(Reply(body=OK_WRITE, delay=1.5))
    client = _client(server.base_url, timeout=0.2, max_retries=0)
    with pytest.raises(APITimeoutError) as caught:
        client.namespace("slow").write(upsert_rows=[{"id": 1}])
    assert isinstance(caught.value, APIConnectionError)
    assert caught.value.request is not None


def test_connection_refused_is_retried_then_raises_api_connection_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once the socket is closed
    client = _client(f"http://127.0.0.1:{port}", max_retries=1)
    with pytest.raises(APIConnectionError) as caught:
        client.namespace("down").metadata()
    assert not isinstance(caught.value, APITimeoutError)


def test_the_async_client_gzips_retries_and_raises_like_the_sync_one(scripted_server) -> None:
    """Async parity on the wire: the same gzip threshold, Retry-After retries and typed errors."""
    server = scripted_server(
        Reply(429, b'{"status":"error","error":"slow down"}', {"retry-after-ms": "10"}),
        Reply(body=OK_WRITE),
    )
    rows = [{"id": i, "text": "lorem ipsum " * 20} for i in range(20)]

    async def run() -> tuple:
        async with AsyncTurbopuffer(api_key="test-key", base_url=server.base_url) as client:
            written = await client.namespace("gz").write(upsert_rows=rows)
        refused = scripted_server(Reply(404, b'{"status":"error","error":"namespace gone not found"}'))
        async with AsyncTurbopuffer(api_key="test-key", base_url=refused.base_url, max_retries=0) as client:
            with pytest.raises(NotFoundError) as missing:
                await client.namespace("gone").metadata()
        slow = scripted_server(Reply(body=OK_WRITE, delay=1.5))
        async with AsyncTurbopuffer(
            api_key="test-key", base_url=slow.base_url, timeout=0.2, max_retries=0
        ) as client:
            with pytest.raises(APITimeoutError):
                await client.namespace("slow").write(upsert_rows=[{"id": 1}])
        return written, missing.value

    written, missing = asyncio.run(run())
    assert written.rows_affected == 1
    first, retried = server.requests
    assert first.headers["content-encoding"] == retried.headers["content-encoding"] == "gzip"
    assert json.loads(retried.body)["upsert_rows"] == rows
    assert retried.headers.get("x-retry-count") == "1"
    assert missing.status_code == 404 and missing.message == "namespace gone not found"
    assert missing.response.status_code == 404


def test_the_low_level_endpoints_ask_for_gzip_and_send_no_unasked_parameters(scripted_server) -> None:
    """Optional parameters' defaults are the server's: the generated endpoints send only what they are
    given, so the client's ``Accept-Encoding: gzip`` is not overridden by the spec's ``identity``."""
    listing = orjson.dumps({"namespaces": [{"id": "a"}], "next_cursor": None})
    server = scripted_server(Reply(body=listing))
    client = _client(server.base_url)
    assert list_namespaces.sync(client=client).namespaces[0].id == "a"
    (listed,) = server.requests
    assert listed.path == "/v1/namespaces"  # no page_size=100 added
    assert listed.headers["accept-encoding"] == "gzip"
    list_namespaces.sync(client=client, page_size=5, accept_encoding="identity")
    assert server.requests[-1].path == "/v1/namespaces?page_size=5"
    assert server.requests[-1].headers["accept-encoding"] == "identity"
    assert list_namespaces.sync(client=_client(server.base_url, compression=False)) is not None
    assert server.requests[-1].headers["accept-encoding"] == "identity"
