"""``--rate-limit`` hints that let the official client's own retries succeed: several callers refused
together are told different waits (their turn), not all the time of the one next token, and
``Retry-After`` agrees with ``retry-after-ms`` (rounded up to whole seconds)."""

from __future__ import annotations

import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import turbopuffer

KEY = "rate-key"
THREADS = 8
OPS_PER_THREAD = 10


def test_eight_threads_with_the_official_clients_default_retries_lose_almost_nothing(launch):
    server = launch("--api-key", f"org:{KEY}", "--rate-limit", "20", api_key=KEY)
    client = turbopuffer.Turbopuffer(
        api_key=KEY, base_url=server.base_url, telemetry=False
    )  # default retries
    ns = client.namespace("shared")
    lost: list[str] = []
    lock = threading.Lock()

    def worker(t: int) -> int:
        done = 0
        for i in range(OPS_PER_THREAD):
            try:
                if i % 2:
                    ns.query(rank_by=("id", "asc"), top_k=1)
                else:
                    ns.write(upsert_rows=[{"id": t * 100 + i, "thread": t}])
                done += 1
            except turbopuffer.RateLimitError as exc:
                with lock:
                    lost.append(str(exc))
        return done

    with ThreadPoolExecutor(THREADS) as pool:
        succeeded = sum(pool.map(worker, range(THREADS)))
    total = THREADS * OPS_PER_THREAD
    assert succeeded >= 0.95 * total, f"{len(lost)} of {total} operations lost to 429: {lost[:3]}"


def test_callers_refused_together_are_told_their_turn_and_both_headers_agree(launch):
    server = launch("--api-key", f"org:{KEY}", "--rate-limit", "20", api_key=KEY)
    headers = {"Authorization": f"Bearer {KEY}"}
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=30) as http:
        answered = []  # the burst of 20, then about 8 refused
        for _ in range(28):
            response = http.get("/v1/namespaces")
            answered.append((time.monotonic(), response))
    refused = [(at, r) for at, r in answered if r.status_code == 429]
    assert len(refused) >= 6
    for _, response in refused:
        hint_ms = int(response.headers["retry-after-ms"])
        assert response.headers["retry-after"] == str(max(1, math.ceil(hint_ms / 1000)))
    # Each refused caller is told when ITS token comes: one token interval (50 ms) after the previous
    # caller's, not all the same next token.
    turns_ms = [at * 1000 + int(r.headers["retry-after-ms"]) for at, r in refused]
    gaps = [later - earlier for earlier, later in zip(turns_ms, turns_ms[1:], strict=False)]
    assert all(40 <= gap <= 60 for gap in gaps), gaps
