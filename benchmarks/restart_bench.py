"""Restart to the first full-speed ANN query, over HTTP (``python -m benchmarks.restart_bench``).

``--prepare`` fills ``--data-dir`` once: ``n`` x ``dims`` embedding-like vectors, the ANN graph
built (first query, then waiting for the fold), a clean shutdown (final snapshot). Each run then
restarts the emulator on that directory and measures, from the process start:

* ``seconds_until_serving``: the server answers HTTP (recovery done);
* ``first_ann``: latency and ``exhaustive_search_count`` of the first ANN query;
* ``seconds_until_full_speed_ann``: until an ANN query is served by the graph, i.e. scans at most
  a fold threshold's worth of unfolded rows (2,048) instead of the whole namespace;
* ``steady_ann_p50_ms`` afterwards.

The emulator code is whatever ``PYTHONPATH`` points at, so the same directory can be measured with
two versions (before/after). Runs do not write (a restart with nothing new to log takes no snapshot).
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from tqdm import tqdm

from benchmarks.datasets import embedding_like
from benchmarks.emulator_bench import BATCH, Http
from benchmarks.measure import percentiles_ms
from benchmarks.server import Emulator
from benchmarks.workload import vector_columns

FULL_SPEED_SCANNED = 2_048  # the fold threshold (vectors/index.py): smaller tails are just scanned


def prepare(data_dir: Path, n: int, dims: int) -> None:
    data = embedding_like(n, dims, seed=1)
    emulator = Emulator(data_dir)
    try:
        emulator.start()
        http = Http(emulator)
        for start in tqdm(range(0, n, BATCH), desc="ingest", unit="req"):
            body = {"upsert_columns": vector_columns(start, data[start : start + BATCH]),
                    "distance_metric": "cosine_distance"}  # fmt: skip
            http.post("/v2/namespaces/vec", body)
        http.post("/v2/namespaces/vec/query", {"rank_by": ["vector", "ANN", data[0].tolist()], "limit": 1})
        t0 = time.perf_counter()
        with tqdm(desc="waiting for the ANN graph") as bar:
            while http.get("/v1/namespaces/vec/metadata").get("index", {}).get("status") != "up-to-date":
                bar.update()
                time.sleep(1)
        print(f"graph built in {time.perf_counter() - t0:.1f} s")
        http.close()
    finally:
        emulator.close()  # clean shutdown: the final snapshot (and, where supported, the saved graph)


def measure(data_dir: Path, dims: int, budget_s: float) -> dict:
    queries = embedding_like(200, dims, seed=2)
    emulator = Emulator(data_dir)
    out: dict = {}
    try:
        t0 = time.perf_counter()
        out["seconds_until_serving"] = round(emulator.start(timeout=budget_s), 2)
        http = Http(emulator)
        trace = []
        full_speed = None
        for i in range(10_000):
            q = queries[i % len(queries)]
            started = time.perf_counter()
            response = http.post(
                "/v2/namespaces/vec/query", {"rank_by": ["vector", "ANN", q.tolist()], "limit": 10}
            )
            latency = time.perf_counter() - started
            scanned = response["performance"]["exhaustive_search_count"]
            trace.append((round(time.perf_counter() - t0, 2), round(latency * 1000, 1), scanned))
            if scanned <= FULL_SPEED_SCANNED:
                full_speed = time.perf_counter() - t0
                break
            if time.perf_counter() - t0 > budget_s:
                break
        out["first_ann"] = {"ms": trace[0][1], "exhaustive_search_count": trace[0][2]}
        out["ann_queries_until_full_speed"] = len(trace)
        out["seconds_until_full_speed_ann"] = round(full_speed, 2) if full_speed else f"> {budget_s}"
        times, _ = http.timed_queries(
            "vec", [{"rank_by": ["vector", "ANN", q.tolist()], "limit": 10} for q in queries[:50]]
        )
        out["steady_ann"] = percentiles_ms(times)
        out["trace_first"] = trace[:5]
        http.close()
    finally:
        emulator.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--prepare", action="store_true", help="(re)create the data directory first")
    parser.add_argument("--budget", type=float, default=900.0, help="seconds before giving up")
    args = parser.parse_args()
    if args.prepare:
        shutil.rmtree(args.data_dir, ignore_errors=True)
        prepare(args.data_dir, args.n, args.dims)
    print(json.dumps(measure(args.data_dir, args.dims, args.budget), indent=1))


if __name__ == "__main__":
    main()
