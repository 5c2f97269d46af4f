"""Client cost: (a) one write of 10,000 rows x 768-d float32 + 2 attributes, (b) decoding a query
result of 1,000 rows with vectors, (c) small queries in sequence and with async concurrency.

Every client runs against an in-process mock transport (client cost alone: the mock answers
with prerecorded bodies) and against a started emulator, with compression on and off. The
``floor`` client (raw httpx + orjson) is the baseline each figure is divided by.
"""

from __future__ import annotations

import asyncio
import gzip
import statistics
import time
from typing import Any

import orjson
from tqdm import tqdm

from benchmarks.clients import CLIENTS, b64_rows
from benchmarks.measure import NotMeasured
from benchmarks.server import running
from benchmarks.workload import attributes, embedding_like

DIMS = 768
WRITE_ROWS = 10_000
DECODE_ROWS = 1_000
CONCURRENCY = 16
NS = "bench"


def _query_body_1000() -> bytes:
    vectors = embedding_like(DECODE_ROWS, DIMS, seed=3)
    attrs = attributes(DECODE_ROWS)
    rows = [
        {"id": i, "vector": v, "category": attrs["category"][i], "price": attrs["price"][i]}
        for i, v in enumerate(b64_rows(vectors))
    ]
    return orjson.dumps({"rows": rows, **_query_meta()})


def _query_meta() -> dict:
    return {
        "billing": {"billable_logical_bytes_queried": 1, "billable_logical_bytes_returned": 1},
        "performance": {
            "cache_hit_ratio": 1.0,
            "cache_temperature": "hot",
            "server_total_ms": 1,
            "query_execution_ms": 1,
            "exhaustive_search_count": 0,
            "approx_namespace_size": 10_000,
        },
    }


class MockServer:
    """Prerecorded answers: a write acknowledgement, a 1,000-row result, a 10-row result."""

    def __init__(self) -> None:
        self.write = orjson.dumps(
            {
                "status": "OK",
                "message": "documents committed successfully",
                "rows_affected": WRITE_ROWS,
                "rows_upserted": WRITE_ROWS,
                "billing": {"billable_logical_bytes_written": WRITE_ROWS * DIMS * 4},
            }
        )
        self.big = _query_body_1000()
        self.small = orjson.dumps({"rows": [{"id": i} for i in range(10)], **_query_meta()})
        self._gz = {
            key: gzip.compress(body, 1)
            for key, body in (("w", self.write), ("b", self.big), ("s", self.small))
        }

    def __call__(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, bytes, dict]:
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        if path.endswith("/query"):
            key = "b" if b'"limit":1000' in body or b'"limit": 1000' in body else "s"
        else:
            key = "w"
        plain = {"w": self.write, "b": self.big, "s": self.small}[key]
        out = {"content-type": "application/json"}
        if "gzip" in headers.get("accept-encoding", ""):
            out["content-encoding"] = "gzip"
            return 200, self._gz[key], out
        return 200, plain, out


def _scenarios(counts: dict) -> list[tuple[str, int, Any]]:
    """(figure name, repetitions, fn(client) -> seconds per unit) for the three scenarios."""
    matrix = embedding_like(WRITE_ROWS, DIMS, seed=4)
    attrs = attributes(WRITE_ROWS)
    ids = list(range(WRITE_ROWS))
    cats = [i % 100 for i in range(counts["small"])]

    def write(client: Any) -> float:
        t = time.perf_counter()
        client.write(NS, ids, matrix, attrs)
        return time.perf_counter() - t

    def decode(client: Any) -> float:
        t = time.perf_counter()
        vectors = client.query_vectors(NS, DECODE_ROWS)
        elapsed = time.perf_counter() - t
        assert len(vectors) == DECODE_ROWS and vectors[0].shape == (DIMS,), "1,000 vectors of 768 expected"
        return elapsed

    def sequential(client: Any) -> float:
        t = time.perf_counter()
        for c in cats:
            client.small_query(NS, c)
        return (time.perf_counter() - t) / len(cats)

    def concurrent(client: Any) -> float:
        runner = client.async_runner()
        t = time.perf_counter()
        asyncio.run(runner(NS, cats, CONCURRENCY))
        return (time.perf_counter() - t) / len(cats)

    return [
        ("write_10k_s", counts["write"], write),
        ("decode_1k_s", counts["decode"], decode),
        ("small_sequential_per_query_s", 1, sequential),
        ("small_async_per_query_s", 1, concurrent),
    ]


def _measure_setting(
    base_url: str, api_key: str, compression: bool, handler: Any, counts: dict, bar: Any
) -> dict:
    """All clients of one setting, interleaved repetition by repetition, so a change in machine load
    during the run affects every client alike (the machine is shared; medians are reported)."""
    clients: dict[str, Any] = {}
    out: dict[str, dict] = {}
    for key, cls in zip(("floor", "official", "generated"), CLIENTS, strict=True):
        try:
            clients[key] = cls(base_url, api_key, compression, handler)
            out[key] = {}
        except NotMeasured as exc:
            out[key] = {"not_measured": str(exc)}
    for figure, repeat, fn in _scenarios(counts):
        samples: dict[str, list[float]] = {key: [] for key in clients}
        for rep in range(repeat + 1):  # the first round warms up (imports, pools, caches)
            for key, client in clients.items():
                if "error" in out[key]:
                    continue
                try:
                    elapsed = fn(client)
                except Exception as exc:  # a client failing one scenario is reported, not fatal
                    out[key]["error"] = f"{figure}: {type(exc).__name__}: {exc}"[:300]
                    continue
                if rep > 0 or repeat == 1 and figure.startswith("small"):
                    samples[key].append(elapsed)
        for key, values in samples.items():
            if values:
                out[key][figure] = round(statistics.median(values), 6)
        bar.update()
    for client in clients.values():
        client.close()
    return out


def _with_ratios(results: dict) -> dict:
    """Each client's figures divided by the floor's from the same transport and compression setting."""
    for setting in results.values():
        floor = setting.get("floor", {})
        for name, figures in setting.items():
            ratios = {}
            for key, value in list(figures.items()):
                if key.endswith("_s") and isinstance(floor.get(key), float) and floor[key] > 0:
                    ratios[key.removesuffix("_s") + "_vs_floor"] = round(value / floor[key], 3)
            if name != "floor":
                figures.update(ratios)
    return results


def run(quick: bool) -> dict:
    counts = {"write": 2, "decode": 5, "small": 100} if quick else {"write": 5, "decode": 20, "small": 1_000}
    results: dict = {}
    mock = MockServer()
    combos = [(t, c) for t in ("mock", "emulator") for c in (True, False)]
    with running() as emulator, tqdm(total=len(combos) * 4, desc="client benchmarks", leave=False) as bar:
        seed = embedding_like(WRITE_ROWS, DIMS, seed=4)
        setup = CLIENTS[0](emulator.base_url, emulator.api_key, False, None)
        setup.write(NS, list(range(WRITE_ROWS)), seed, attributes(WRITE_ROWS))
        setup.close()
        for transport, compression in combos:
            key = f"{transport}, compression {'on' if compression else 'off'}"
            handler = mock if transport == "mock" else None
            base = "http://mock.invalid" if transport == "mock" else emulator.base_url
            results[key] = _measure_setting(base, emulator.api_key, compression, handler, counts, bar)
    return {"counts": counts, "concurrency": CONCURRENCY, "results": _with_ratios(results)}


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run("--quick" in sys.argv), indent=2))
