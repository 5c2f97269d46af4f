"""Hostile connections and bodies, over real HTTP against real emulator processes (issue 15, #2 #3 #8).

No body and no connection may stall another organisation's requests, exhaust the server's memory
or descriptors, or flood its log: a gzip bomb is refused at the cap without being held in memory,
big bodies are decoded off the event loop, half-sent requests are closed after the configured
timeouts, connections above the cap get a 503 in the error shape, and each condition is logged
once, not per attempt.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import random
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from tests.support.server import free_port

KEY_A = "edges-key-of-org-a"
KEY_B = "edges-key-of-org-b"
TWO_ORGS = ("--api-key", f"orgA:{KEY_A}", "--api-key", f"orgB:{KEY_B}")
MIB = 1024 * 1024


@functools.cache
def gzip_bomb(inflated_mib: int) -> bytes:
    """``inflated_mib`` MiB of zeros as gzip members of 64 MiB each (about 64 KiB compressed apiece)."""
    member = gzip.compress(bytes(64 * MIB), compresslevel=6)
    return member * (inflated_mib // 64)


def peak_rss_bytes(pid: int) -> int:
    """The process's peak resident set size so far (``VmHWM``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc status")


def post_bomb(base_url: str, bomb: bytes) -> httpx.Response:
    headers = {
        "Authorization": f"Bearer {KEY_A}",
        "Content-Encoding": "gzip",
        "Content-Type": "application/json",
    }
    return httpx.post(f"{base_url}/v2/namespaces/bombed", content=bomb, headers=headers, timeout=60)


def raw_connection(port: int, timeout: float = 10) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    return sock


def read_until_closed(sock: socket.socket) -> tuple[bytes, float]:
    """Everything the server sends until it closes the connection, and how long that took."""
    started, received = time.monotonic(), b""
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        received += chunk
    return received, time.monotonic() - started


def error_body(response: bytes) -> dict:
    head, _, body = response.partition(b"\r\n\r\n")
    assert b"application/json" in head.lower(), response
    return json.loads(body)


# ---- #2: bodies --------------------------------------------------------------------------------


def test_gzip_bomb_is_refused_at_the_cap_without_holding_it_in_memory(launch):
    server = launch(*TWO_ORGS, api_key=KEY_A)
    bomb = gzip_bomb(1024)  # ~1 MB that inflates to 1 GiB, twice the default 512 MiB cap
    baseline = peak_rss_bytes(server.process.pid)
    started = time.monotonic()
    response = post_bomb(server.base_url, bomb)
    elapsed = time.monotonic() - started
    assert response.status_code == 413, response.text
    assert response.json()["status"] == "error" and "limit" in response.json()["error"]
    assert elapsed < 15, elapsed
    grew = peak_rss_bytes(server.process.pid) - baseline
    assert grew < 128 * MIB, f"peak RSS grew by {grew / MIB:.0f} MiB for a {len(bomb) / MIB:.1f} MiB request"
    with server.client(KEY_A) as a:  # and a real gzip body still works
        ok = a.post(
            "/v2/namespaces/fine",
            content=gzip.compress(orjson.dumps({"upsert_rows": [{"id": 1, "text": "x" * 1000}]})),
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        )
        assert ok.status_code == 200, ok.text
        # as does one that compresses as well as a bomb but fits the cap (inflated twice, see inflate.py)
        text = "a" * (40 * MIB)
        compressible = gzip.compress(orjson.dumps({"rank_by": ["id", "asc"], "filters": ["t", "Eq", text]}))
        assert len(compressible) < MIB
        parsed = a.post(
            "/v2/namespaces/missing/query",
            content=compressible,
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        )
        assert parsed.status_code == 404, parsed.text  # decoded fine; the namespace does not exist


def big_query_body(mib: int) -> bytes:
    """A valid query body of about ``mib`` MiB: a huge query vector (parsing it is the work)."""
    rng = random.Random(7)
    vector = [rng.random() for _ in range(mib * MIB // 20)]
    return orjson.dumps({"rank_by": ["vector", "ANN", vector], "top_k": 1})


def test_hostile_bodies_in_flight_do_not_delay_another_organisation(launch):
    server = launch(*TWO_ORGS, "--max-body-bytes", str(256 * MIB), api_key=KEY_A)
    bomb, big = gzip_bomb(1024), big_query_body(30)
    with server.client(KEY_B) as b:
        assert b.post("/v2/namespaces/b-ns", json={"upsert_rows": [{"id": 1}]}).status_code == 200
        statuses: list[int] = []

        def send(kind: str) -> None:
            if kind == "bomb":
                statuses.append(post_bomb(server.base_url, bomb).status_code)
            else:
                statuses.append(
                    httpx.post(
                        f"{server.base_url}/v2/namespaces/missing/query",
                        content=big,
                        headers={"Authorization": f"Bearer {KEY_A}", "Content-Type": "application/json"},
                        timeout=120,
                    ).status_code
                )

        hostile = [threading.Thread(target=send, args=(kind,)) for kind in ("bomb", "bomb", "bomb", "json")]
        for thread in hostile:
            thread.start()
        waits = []
        while any(thread.is_alive() for thread in hostile):
            started = time.monotonic()
            assert b.get("/v2/namespaces/b-ns/metadata").status_code == 200
            waits.append(time.monotonic() - started)
            time.sleep(0.02)
        for thread in hostile:
            thread.join()
    assert sorted(statuses) == [404, 413, 413, 413], statuses
    assert len(waits) >= 5, waits  # the hostile requests really were in flight while we measured
    assert max(waits) < 1.0, f"another organisation waited {max(waits):.2f} s (all: {sorted(waits)[-5:]})"


# ---- #3: read timeouts and the connection cap ---------------------------------------------------

HALF_SENT = {
    "partial-headers": b"POST /v2/namespaces/x HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
    + KEY_A.encode(),
    "short-content-length": (
        b"POST /v2/namespaces/x HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY_A.encode() + b"\r\n"
        b'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"upsert_rows": '
    ),
    "unfinished-chunked": (
        b"POST /v2/namespaces/x HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY_A.encode() + b"\r\n"
        b'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"ups\r\n'
    ),
}


def test_half_sent_requests_are_closed_after_the_configured_timeouts(launch):
    server = launch(*TWO_ORGS, "--header-timeout", "1", "--body-timeout", "1", api_key=KEY_A)
    sockets = {name: raw_connection(server.port) for name in [*HALF_SENT, "idle"]}
    for name, data in HALF_SENT.items():
        sockets[name].sendall(data)
    for name, sock in sockets.items():
        with sock:
            received, elapsed = read_until_closed(sock)
        assert elapsed < 5, (name, elapsed)
        if name == "idle":
            assert received == b"", received
            continue
        assert received.startswith(b"HTTP/1.1 408 "), (name, received)
        error = error_body(received)
        assert error["status"] == "error", error
        assert "not complete within 1 s" in error["error"] or "without a byte for 1 s" in error["error"], (
            error
        )
    with server.client(KEY_B) as b:  # and the server is fine
        assert b.get("/v1/namespaces").status_code == 200


def test_a_slow_but_steady_body_is_not_cut_off(launch):
    """The body timeout is an idle timeout: a body that keeps arriving may take longer than it."""
    server = launch(*TWO_ORGS, "--body-timeout", "1", api_key=KEY_A)
    body = orjson.dumps({"upsert_rows": [{"id": i} for i in range(40)]})
    with raw_connection(server.port) as sock:
        sock.sendall(
            b"POST /v2/namespaces/slow HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + KEY_A.encode()
            + b"\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: %d\r\n\r\n"
            % len(body)
        )
        for start in range(0, len(body), len(body) // 5 + 1):
            sock.sendall(body[start : start + len(body) // 5 + 1])
            time.sleep(0.4)  # 2 s in all, never 1 s idle
        received, _ = read_until_closed(sock)
    assert received.startswith(b"HTTP/1.1 200 "), received


def test_idle_and_half_sent_connections_make_room_for_new_ones_at_the_cap(launch):
    """A flood of connections that send nothing (or half their headers) cannot lock others out:
    at the cap the longest-waiting of them are closed to make room."""
    server = launch(*TWO_ORGS, "--max-connections", "20", api_key=KEY_A)
    flood = [raw_connection(server.port) for _ in range(40)]
    for sock in flood[::2]:
        sock.sendall(HALF_SENT["partial-headers"])
    try:
        time.sleep(0.3)
        with server.client(KEY_B) as b:
            for _ in range(5):
                assert b.get("/v1/namespaces").status_code == 200
        closed = sum(1 for sock in flood if _closed_by_server(sock))
        assert closed >= 20, closed
    finally:
        for sock in flood:
            sock.close()
    assert 1 <= server.output().count("to make room") <= 2, server.output()[-2000:]


def _closed_by_server(sock: socket.socket) -> bool:
    sock.settimeout(2)
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def test_connections_above_the_cap_get_a_503_when_all_are_busy_and_the_server_recovers(launch):
    server = launch(*TWO_ORGS, "--max-connections", "20", api_key=KEY_A)
    busy = [raw_connection(server.port) for _ in range(20)]
    for sock in busy:  # each sending a body (slowly): busy, not to be closed to make room
        sock.sendall(HALF_SENT["short-content-length"])
    time.sleep(0.3)
    try:
        for _ in range(5):
            with raw_connection(server.port) as extra:
                received, _ = read_until_closed(extra)
            assert received.startswith(b"HTTP/1.1 503 "), received
            assert b"retry-after: 1" in received.lower()
            error = error_body(received)
            assert error["status"] == "error" and "limit is 20" in error["error"], error
    finally:
        for sock in busy:
            sock.close()
    time.sleep(0.3)
    with server.client(KEY_B) as b:
        assert b.get("/v1/namespaces").status_code == 200
    assert server.output().count("refused a connection") == 1, server.output()[-2000:]


@contextlib.contextmanager
def open_file_limit(soft: int) -> Iterator[None]:
    """Lower this process's soft descriptor limit (inherited by servers started meanwhile)."""
    old_soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (old_soft, hard))


def test_a_connection_flood_under_a_low_descriptor_limit_is_refused_and_logged_once(launch):
    """The audit's scenario: more idle connections than descriptors. At the default cap (3/4 of
    the limit) the longest-idle connections are closed before descriptors run out, so another
    organisation is still served; the log gains a line per condition, not a traceback per accept."""
    with open_file_limit(256):
        server = launch(*TWO_ORGS, api_key=KEY_A)
    flood = [raw_connection(server.port) for _ in range(400)]
    try:
        time.sleep(1.0)
        with server.client(KEY_B) as b:  # served during the flood, not locked out
            assert b.get("/v1/namespaces").status_code == 200
    finally:
        for sock in flood:
            sock.close()
    time.sleep(0.5)
    with server.client(KEY_B) as b:
        assert b.get("/v1/namespaces").status_code == 200
    output = server.output()
    assert "Traceback" not in output, output[-3000:]
    assert len(output.splitlines()) < 30, output[-3000:]
    assert 1 <= output.count("to make room") <= 2, output[-3000:]


def test_a_flood_of_timed_out_requests_is_logged_once(launch):
    server = launch(*TWO_ORGS, "--header-timeout", "0.5", api_key=KEY_A)
    flood = [raw_connection(server.port) for _ in range(100)]
    for sock in flood:
        sock.sendall(HALF_SENT["partial-headers"])
    for sock in flood:
        with sock:
            received, _ = read_until_closed(sock)
        assert received.startswith(b"HTTP/1.1 408 ")
    output = server.output()
    assert output.count("timed out a connection") == 1, output[-3000:]


# ---- #8: a client leaving mid-body; one key for two organisations ------------------------------


def test_a_client_leaving_mid_body_is_one_log_line_without_a_traceback(launch):
    server = launch(*TWO_ORGS, api_key=KEY_A)
    with raw_connection(server.port) as sock:
        sock.sendall(HALF_SENT["short-content-length"])
        time.sleep(0.3)
    time.sleep(0.5)
    with server.client(KEY_B) as b:
        assert b.get("/v1/namespaces").status_code == 200
    output = server.output()
    assert "Traceback" not in output and "ERROR" not in output, output
    assert output.count("client went away") == 1, output


def test_one_api_key_for_two_organisations_is_refused_at_start_up():
    command = [sys.executable, "-m", "tpuf_emulator", "--port", str(free_port())]
    command += ["--api-key", "orgA:same-key", "--api-key", "orgB:same-key"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("the emulator started with one key for two organisations")
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert "one key is given for two organisations ('orgA' and 'orgB')" in message, result.stderr
    assert "same-key" not in result.stderr  # the key itself is not echoed
