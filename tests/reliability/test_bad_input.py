"""Bad input never crashes the emulator or corrupts a namespace: each gets a clear 4xx, over real HTTP.

Expected statuses follow the project rule: 400 for malformed JSON and semantic errors, 413 for
oversized bodies, 422 for a JSON value of the wrong type (both name the offending field).
"""

from __future__ import annotations

import gzip
import socket
import zlib

import pytest


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from .conftest import ServerProcess

    log = tmp_path_factory.mktemp("bad-input") / "server.log"
    process = ServerProcess(
        log, None, ("--max-body-bytes", str(1024 * 1024)), "tpuf-emulator-dev-key"
    ).start()
    yield process
    process.kill()


@pytest.fixture
def client(server):
    with server.client() as c:
        yield c


def assert_rejected(response, *, statuses=(400,), mentions: tuple[str, ...] = ()) -> str:
    assert response.status_code in statuses, (response.status_code, response.text)
    body = response.json()
    assert body["status"] == "error", body
    for word in mentions:
        assert word in body["error"], (word, body["error"])
    return body["error"]


def post_raw(client, path: str, raw: bytes, **headers):
    return client.post(path, content=raw, headers={"content-type": "application/json", **headers})


# ---- JSON that is not JSON --------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b'{"upsert_rows": [{"id": 1, "x": NaN}]}',
        b'{"upsert_rows": [{"id": 1, "x": Infinity}]}',
        b'{"upsert_rows": [{"id": 1, "x": -Infinity}]}',
        b'{"upsert_rows": [{"id": 1, "x": 1e999}]}',
        b'{"upsert_rows": [{"id": 1, "x": "\xff\xfe"}]}',
        b'{"upsert_rows": [{"id": 1, "x": "\xed\xa0\x80"}]}',
        b'{"upsert_rows": [{"id": 1,}]}',
        b'{"upsert_rows": ',
        b"",
        b"[" * 5000 + b"]" * 5000,
    ],
    ids=[
        "nan",
        "inf",
        "-inf",
        "overflow",
        "bad-utf8",
        "surrogate",
        "trailing-comma",
        "truncated",
        "empty",
        "deep",
    ],
)
def test_malformed_json_is_a_400(client, raw):
    assert_rejected(post_raw(client, "/v2/namespaces/bad-json", raw))


@pytest.mark.parametrize(
    "raw, key",
    [
        (b'{"upsert_rows": [{"id": 1, "id": 2}]}', "id"),
        (b'{"upsert_rows": [{"id": 1, "color": "a", "color": "b"}]}', "color"),
        (b'{"upsert_rows": [{"id": 1}], "upsert_rows": [{"id": 2}]}', "upsert_rows"),
    ],
)
def test_duplicate_json_keys_are_a_400_naming_the_key(client, raw, key):
    assert_rejected(post_raw(client, "/v2/namespaces/dup-keys", raw), mentions=("duplicate", key))
    assert client.get("/v1/namespaces/dup-keys/schema").status_code == 404  # nothing was written


# ---- values of the wrong type or out of range -------------------------------------------------


@pytest.mark.parametrize(
    "doc_id",
    [True, 1.5, -1, 2**64, {"a": 1}, [1], None, "", "x" * 65],
    ids=["bool", "float", "negative", "u64-overflow", "object", "array", "null", "empty-string", "too-long"],
)
def test_ids_of_the_wrong_type_or_range_name_the_id(client, doc_id):
    response = client.post("/v2/namespaces/bad-ids", json={"upsert_rows": [{"id": doc_id}]})
    assert_rejected(response, statuses=(400, 422), mentions=("id",))


def test_huge_integer_for_an_int_attribute_names_the_attribute(client):
    body = {"upsert_rows": [{"id": 1, "count": 2**70}], "schema": {"count": {"type": "int"}}}
    assert_rejected(client.post("/v2/namespaces/huge", json=body), statuses=(400, 422), mentions=("count",))


def test_wrong_vector_dimensions_name_the_attribute(client):
    first = {"upsert_rows": [{"id": 1, "vector": [0.1, 0.2, 0.3]}], "distance_metric": "cosine_distance"}
    assert client.post("/v2/namespaces/dims", json=first).status_code == 200
    second = {"upsert_rows": [{"id": 2, "vector": [0.1, 0.2]}]}
    assert_rejected(
        client.post("/v2/namespaces/dims", json=second), statuses=(400, 422), mentions=("vector",)
    )
    query = {"rank_by": ["vector", "ANN", [1.0, 0.0]], "top_k": 1}
    assert_rejected(
        client.post("/v2/namespaces/dims/query", json=query), statuses=(400, 422), mentions=("vector",)
    )
    ids = [
        r["id"]
        for r in client.post(
            "/v2/namespaces/dims/query", json={"rank_by": ["id", "asc"], "top_k": 10}
        ).json()["rows"]
    ]
    assert ids == [1]  # the rejected write left nothing behind


@pytest.mark.parametrize(
    "name",
    ["$dist", "$custom", "", "a" * 129],
    ids=["reserved-dist", "dollar", "empty", "too-long"],
)
def test_invalid_attribute_names_are_rejected(client, name):
    response = client.post("/v2/namespaces/attr-names", json={"upsert_rows": [{"id": 1, name: 1}]})
    assert_rejected(response, statuses=(400, 422), mentions=("attribute",) if name else ())


@pytest.mark.parametrize("name", ["has space", "semi;colon", "a" * 129, "ümlaut", "..", "."])
def test_invalid_namespace_names_are_rejected(server, name):
    # a raw request line, so no client normalises ".." or percent-encoding away
    from urllib.parse import quote

    path = f"/v2/namespaces/{quote(name, safe='.')}"
    status, body = raw_http(server, f"POST {path} HTTP/1.1", b'{"upsert_rows": [{"id": 1}]}')
    assert status in (400, 404), (status, body)
    assert b'"status":"error"' in body.replace(b" ", b"")


# ---- nesting ------------------------------------------------------------------------------------


def nested_filter(depth: int):
    tree = ["id", "Eq", 1]
    for i in range(depth):
        tree = ["Not", tree] if i % 2 else ["And", [tree]]
    return tree


def nested_sum(depth: int):
    expr = ["text", "BM25", "hello"]
    for _ in range(depth):
        expr = ["Sum", [expr]]
    return expr


@pytest.mark.parametrize("depth", [200, 480])
def test_deeply_nested_filters_are_bounded(client, depth):
    client.post("/v2/namespaces/nested", json={"upsert_rows": [{"id": 1, "text": "hello"}]})
    response = client.post(
        "/v2/namespaces/nested/query",
        json={"filters": nested_filter(depth), "rank_by": ["id", "asc"], "top_k": 1},
    )
    assert_rejected(response, statuses=(400,), mentions=("nest",))


def test_deeply_nested_rank_by_expressions_are_bounded(client):
    schema = {"text": {"type": "string", "full_text_search": True}}
    client.post(
        "/v2/namespaces/nested-fts", json={"upsert_rows": [{"id": 1, "text": "hello"}], "schema": schema}
    )
    response = client.post("/v2/namespaces/nested-fts/query", json={"rank_by": nested_sum(300), "top_k": 1})
    assert_rejected(response, statuses=(400,), mentions=("nest",))


def test_moderate_nesting_still_works(client):
    client.post("/v2/namespaces/nested-ok", json={"upsert_rows": [{"id": 1}]})
    response = client.post(
        "/v2/namespaces/nested-ok/query",
        json={"filters": nested_filter(20), "rank_by": ["id", "asc"], "top_k": 1},
    )
    assert response.status_code == 200, response.text


# ---- size caps -----------------------------------------------------------------------------------


def raw_http(server, request_line: str, body: bytes, *, declared: int | None = None, send_body: bool = True):
    """Send one request over a raw socket; returns (status, body)."""
    head = (
        f"{request_line}\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {server.api_key}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {declared if declared is not None else len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(head + (body if send_body else b""))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status_line, _, rest = data.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


def test_oversized_body_is_a_413(client):
    rows = [{"id": i, "text": "x" * 1000} for i in range(2000)]  # ~2 MB > the 1 MB cap of this server
    assert_rejected(client.post("/v2/namespaces/big", json={"upsert_rows": rows}), statuses=(413,))


def test_413_arrives_before_the_body_is_sent(server):
    """A client announcing 1 GB gets its 413 without uploading anything."""
    status, body = raw_http(server, "POST /v2/namespaces/big HTTP/1.1", b"{", declared=10**9)
    assert status == 413 and b"limit" in body


def test_gzip_bomb_is_a_413_by_decompressed_size(client, server):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = b"".join(compressor.compress(b"\0" * (1 << 20)) for _ in range(64)) + compressor.flush()
    assert len(bomb) < 1024 * 1024  # small on the wire, 64 MB inflated
    response = post_raw(client, "/v2/namespaces/bomb", bomb, **{"content-encoding": "gzip"})
    assert_rejected(response, statuses=(413,))
    ok = gzip.compress(b'{"upsert_rows": [{"id": 1}]}')
    assert post_raw(client, "/v2/namespaces/bomb", ok, **{"content-encoding": "gzip"}).status_code == 200


def test_gzip_bomb_against_the_default_512_mb_cap_does_not_blow_up_memory(launch):
    server = launch()
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
    chunk = b"\0" * (8 << 20)
    bomb = b"".join(compressor.compress(chunk) for _ in range(66)) + compressor.flush()  # 528 MB inflated
    with server.client() as c:
        response = post_raw(c, "/v2/namespaces/bomb", bomb, **{"content-encoding": "gzip"})
    assert_rejected(response, statuses=(413,))
    peak_kb = next(
        int(line.split()[1])
        for line in open(f"/proc/{server.process.pid}/status")
        if line.startswith("VmHWM:")
    )
    # the cap itself allows 512 MB of decompressed body; the point is never much more than that
    assert peak_kb < 1_200_000, f"server peaked at {peak_kb // 1024} MB"


def test_server_survives_all_of_the_above(client):
    response = client.post("/v2/namespaces/alive", json={"upsert_rows": [{"id": 1}]})
    assert response.status_code == 200, response.text
