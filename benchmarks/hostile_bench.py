"""How long another organisation waits while a hostile input is in flight (issue 15's done-when).

For each hostile input, a fresh emulator runs with two organisations. Organisation A keeps the
hostile input in flight (senders repeat it for the whole window); organisation B meanwhile sends
small reads (``GET .../metadata`` of its own namespace) one after another and records each
one's wall time. The same reads on the idle server are the baseline. Target: B's p99 under
250 ms while each input is in flight. A read that gets no answer within ``READ_TIMEOUT_S`` counts
as that long (a lower bound) and the input is marked as having stalled the server; that server is
then killed (it could not stop cleanly).

The inputs: a gzip bomb (three at once: 1 GiB of zeros in ~1 MB, against the 512 MiB cap); a
large JSON body (a query whose vector is 139 MB of JSON numbers, the audit's size; 40 MB in
``--quick``; sent to a namespace that does not exist, so the work is all decoding); a flood of
half-sent requests (1,000 connections that send half their headers and stop); a flood of idle
connections (1,100, the server started under ``ulimit -n 1024`` as in the audit); and the
backtracking-prone filters ``["tag", "Glob", "*a*a*a*a*a*b"]`` and ``["tag", "Regex", "(a+)+$"]``
against 200-character strings that do not match (199 `a` and a `!`).

``python -m benchmarks.hostile_bench [--quick]`` prints the figures as JSON; ``python -m benchmarks
--only hostile`` records them and puts them in ``BENCHMARKS.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import random
import resource
import socket
import time
from collections.abc import Callable
from typing import Any

import httpx
import orjson

from benchmarks.measure import percentiles_ms
from benchmarks.server import Emulator

TARGET_P99_MS = 250.0
READ_TIMEOUT_S = 5.0
KEY_A, KEY_B = "hostile-org-a", "hostile-org-b"
ARGS = ("--api-key", f"orgA:{KEY_A}", "--api-key", f"orgB:{KEY_B}")
MIB = 1024 * 1024

Sender = Callable[[Emulator, Any], None]  # (server, a multiprocessing Event: stop)


def _gzip_bomb(inflated_mib: int = 1024) -> bytes:
    return gzip.compress(bytes(64 * MIB), compresslevel=6) * (inflated_mib // 64)


def _big_query(mib: int) -> bytes:
    rng = random.Random(1)
    return orjson.dumps({"rank_by": ["vector", "ANN", [rng.random() for _ in range(mib * MIB // 20)]]})


def _post_until(emulator: Emulator, stop: Any, path: str, body: bytes, headers: dict) -> None:
    with httpx.Client(base_url=emulator.base_url, timeout=60) as client:
        while not stop.is_set():
            try:
                client.post(path, content=body, headers={"Authorization": f"Bearer {KEY_A}", **headers})
            except httpx.HTTPError:
                time.sleep(0.05)


def _bomb_sender(bomb: bytes) -> Sender:
    def send(emulator: Emulator, stop: Any) -> None:
        _post_until(emulator, stop, "/v2/namespaces/a-ns", bomb, {"Content-Encoding": "gzip"})

    return send


def _json_sender(body: bytes) -> Sender:
    def send(emulator: Emulator, stop: Any) -> None:
        _post_until(
            emulator, stop, "/v2/namespaces/missing/query", body, {"Content-Type": "application/json"}
        )

    return send


def _flood_sender(count: int, first_bytes: bytes) -> Sender:
    """Keep ``count`` connections open that send ``first_bytes`` (maybe nothing) and then stall;
    a connection the server closes is opened again."""

    def send(emulator: Emulator, stop: Any) -> None:
        open_sockets: list[socket.socket] = []
        try:
            while not stop.is_set():
                open_sockets = [s for s in open_sockets if _still_open(s)]
                while len(open_sockets) < count and not stop.is_set():
                    try:
                        sock = socket.create_connection(("127.0.0.1", emulator.port), timeout=2)
                        if first_bytes:
                            sock.sendall(first_bytes)
                        sock.setblocking(False)
                        open_sockets.append(sock)
                    except OSError:
                        break
                stop.wait(0.5)
        finally:
            for sock in open_sockets:
                sock.close()

    return send


def _still_open(sock: socket.socket) -> bool:
    try:
        return sock.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


def _filter_sender(filters: list) -> Sender:
    body = orjson.dumps({"rank_by": ["id", "asc"], "top_k": 10, "filters": filters})

    def send(emulator: Emulator, stop: Any) -> None:
        _post_until(emulator, stop, "/v2/namespaces/a-ns/query", body, {"Content-Type": "application/json"})

    return send


def _seed(emulator: Emulator, with_tags: bool) -> None:
    with httpx.Client(base_url=emulator.base_url, timeout=60) as client:
        b = client.post(
            "/v2/namespaces/b-ns",
            json={"upsert_rows": [{"id": i, "v": i} for i in range(10)]},
            headers={"Authorization": f"Bearer {KEY_B}"},
        )
        b.raise_for_status()
        if with_tags:
            rows = [{"id": i, "tag": "a" * 199 + "!"} for i in range(100)]  # no match, found the slow way
            client.post(
                "/v2/namespaces/a-ns",
                json={"upsert_rows": rows},
                headers={"Authorization": f"Bearer {KEY_A}"},
            ).raise_for_status()


def _reads(emulator: Emulator, seconds: float) -> tuple[list[float], int]:
    """Organisation B's sequential small reads for ``seconds``: wall times, and how many got no answer."""
    waits, unanswered = [], 0
    with httpx.Client(
        base_url=emulator.base_url, headers={"Authorization": f"Bearer {KEY_B}"}, timeout=READ_TIMEOUT_S
    ) as client:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            started = time.monotonic()
            try:
                ok = client.get("/v2/namespaces/b-ns/metadata").status_code == 200
            except httpx.HTTPError:
                ok = False
            waits.append(time.monotonic() - started)
            unanswered += not ok
            time.sleep(0.01)
    return waits, unanswered


def _measure(name: str, senders: list[Sender], seconds: float, open_files: int | None = None) -> dict:
    emulator = Emulator(extra_args=ARGS, open_files=open_files)
    emulator.start()
    stalled = False
    try:
        _seed(emulator, with_tags=name.startswith(("glob", "regex")))
        # Senders run in their own processes, so their work never competes with B's reads here.
        context = multiprocessing.get_context("fork")
        stop = context.Event()
        senders_running = [context.Process(target=s, args=(emulator, stop), daemon=True) for s in senders]
        for process in senders_running:
            process.start()
        time.sleep(0.5)  # let the hostile input get going
        waits, unanswered = _reads(emulator, seconds)
        stop.set()
        stalled = unanswered > 0
        for process in senders_running:
            process.join(timeout=5 if stalled else 120)
            if process.is_alive():
                process.kill()
                process.join()
        figures = percentiles_ms(waits)
        log_lines = len(emulator.output().splitlines())
        return {
            **figures,
            "max_ms": round(max(waits) * 1000, 3),
            "reads": len(waits),
            "unanswered": unanswered,
            "server_log_lines": log_lines,
            "target_met": figures["p99_ms"] < TARGET_P99_MS and not stalled,
        }
    finally:
        if stalled:
            emulator.kill()
        emulator.close()


def run(quick: bool) -> dict:
    seconds = 4.0 if quick else 15.0
    bomb = _gzip_bomb()
    json_mib = 40 if quick else 139
    half_headers = b"POST /v2/namespaces/a-ns HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY_A.encode()
    inputs: dict[str, tuple[list[Sender], int | None]] = {
        "gzip bomb x3 (1 MB -> 1 GiB)": ([_bomb_sender(bomb)] * 3, None),
        f"JSON body {json_mib} MB": ([_json_sender(_big_query(json_mib))], None),
        "half-sent requests x1000": ([_flood_sender(1000, half_headers)], None),
        "idle connections x1100 (ulimit -n 1024)": ([_flood_sender(1100, b"")], 1024),
        'glob ["tag","Glob","*a*a*a*a*a*b"]': ([_filter_sender(["tag", "Glob", "*a*a*a*a*a*b"])], None),
        'regex ["tag","Regex","(a+)+$"]': ([_filter_sender(["tag", "Regex", "(a+)+$"])], None),
    }
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4096)), hard))  # room for the floods
    idle = _measure("idle", [], seconds)
    results: dict[str, dict] = {}
    for name, (senders, open_files) in inputs.items():
        print(f"   hostile: {name}", flush=True)
        figures = _measure(name, senders, seconds, open_files)
        figures["p99_vs_idle"] = round(figures["p99_ms"] / max(idle["p99_ms"], 1e-3), 1)
        results[name] = figures
    return {
        "target_p99_ms": TARGET_P99_MS,
        "seconds_per_input": seconds,
        "read": "GET /v2/namespaces/{ns}/metadata of another organisation, sequential",
        "idle": idle,
        "inputs": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile_bench")
    parser.add_argument("--quick", action="store_true")
    print(json.dumps(run(parser.parse_args().quick), indent=2))


if __name__ == "__main__":
    main()
