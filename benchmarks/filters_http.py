"""Filtered queries over HTTP, before/after ``columns/masks.py``: filtered ANN and a broad filter + order-by.

``python -m benchmarks.filters_http [--docs 90000] [--before DIR]`` (``DIR``: an older checkout's
``emulator/``, e.g. ``git archive <commit> emulator | tar -x -C DIR``). Each emulator, one after the
other, holds ``vec`` (the cached real-text embeddings, ``build/bench-corpus/embeddings-*.npy``,
21k x 384, cosine, ``bucket`` uniform in 0..99) and ``passages`` (``columns_http.passages``: ``source``,
``length``). Prints p50 per query, the HTTP floor, numpy exact on the filtered rows, recall@10 of
the filtered ANN against it, and whether every emulator returned identical rows. Figures recorded
in ``emulator/tpuf_emulator/columns/README.md``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from tpuf_emulator.config import DEV_API_KEY

from benchmarks.columns_http import BATCH, ROOT, passages, start

REPEATS = 40
K = 10
FILTERS = {"ANN 1% (bucket Lt 1)": 1, "ANN 10% (bucket Lt 10)": 10}
ORDERED = {
    "length Gt 100, order length desc top10": {
        "filters": ["length", "Gt", 100], "rank_by": ["length", "desc"], "top_k": 10,
    },
    "source NotEq x, order source asc top10": {
        "filters": ["source", "NotEq", "x"], "rank_by": ["source", "asc"], "top_k": 10,
    },
    "Or(length Lt 300, source Gte m), order length desc top10": {
        "filters": ["Or", [["length", "Lt", 300], ["source", "Gte", "m"]]],
        "rank_by": ["length", "desc"], "top_k": 10,
    },
}  # fmt: skip


def times_ms(fn: Any) -> list[float]:
    out = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def p50(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def vectors() -> np.ndarray:
    path = sorted((ROOT / "build" / "bench-corpus").glob("embeddings-*.npy"))[0]
    return np.ascontiguousarray(np.load(path), dtype=np.float32)


def measure(label: str, root: Path, rows: list[dict[str, Any]], matrix: np.ndarray, buckets: np.ndarray,
            queries: np.ndarray) -> dict[str, Any]:  # fmt: skip
    emulator = start(root)
    out: dict[str, Any] = {"label": label}
    results: dict[str, Any] = {}
    try:
        with httpx.Client(
            base_url=emulator.base_url, headers={"Authorization": f"Bearer {DEV_API_KEY}"}, timeout=600
        ) as http:
            http.post(
                "/v2/namespaces/floor", json={"upsert_rows": [{"id": 1, "length": 1}]}
            ).raise_for_status()
            vec = "/v2/namespaces/vec"
            for i in range(0, len(matrix), BATCH):
                block = [{"id": j, "vector": matrix[j].tolist(), "bucket": int(buckets[j])}
                         for j in range(i, min(i + BATCH, len(matrix)))]  # fmt: skip
                http.post(
                    vec, json={"upsert_rows": block, "distance_metric": "cosine_distance"}
                ).raise_for_status()
            for i in range(0, len(rows), BATCH):
                http.post(
                    "/v2/namespaces/passages", json={"upsert_rows": rows[i : i + BATCH]}
                ).raise_for_status()
            http.post(vec + "/query", json={"rank_by": ["vector", "ANN", queries[0].tolist()], "top_k": 1})
            for _ in range(600):  # wait until the ANN graph holds every vector
                index = http.get("/v1/namespaces/vec/metadata").json().get("index", {})
                if index.get("status") == "up-to-date":
                    break
                time.sleep(1)
            floor = {"rank_by": ["length", "asc"], "top_k": 1}
            out["http_floor_p50_ms"] = p50(
                times_ms(lambda: http.post("/v2/namespaces/floor/query", json=floor))
            )
            p50s: dict[str, float] = {}
            for name, below in FILTERS.items():
                bodies = [{"rank_by": ["vector", "ANN", q.tolist()], "top_k": K, "filters": ["bucket", "Lt", below]}
                          for q in queries]  # fmt: skip
                got = [[r["id"] for r in http.post(vec + "/query", json=b).json()["rows"]] for b in bodies]
                results[name] = got
                timings: list[float] = []
                for body in bodies:
                    started = time.perf_counter()
                    http.post(vec + "/query", json=body).raise_for_status()
                    timings.append((time.perf_counter() - started) * 1000)
                p50s[name] = p50(timings)
            for name, body in ORDERED.items():
                results[name] = http.post("/v2/namespaces/passages/query", json=body).json()["rows"]
                p50s[name] = p50(
                    times_ms(lambda body=body: http.post("/v2/namespaces/passages/query", json=body))
                )
            out["p50_ms"] = p50s
    finally:
        emulator.stop(30)
        emulator.cleanup()
    out["results"] = results
    return out


def numpy_exact(matrix: np.ndarray, buckets: np.ndarray, queries: np.ndarray) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, below in FILTERS.items():
        timings, truth = [], []
        for q in queries:
            started = time.perf_counter()
            rows = np.flatnonzero(buckets < below)
            scores = matrix[rows] @ (q / np.linalg.norm(q))
            top = rows[np.argsort(-scores, kind="stable")[:K]]
            timings.append((time.perf_counter() - started) * 1000)
            truth.append(top.tolist())
        out[name] = {"p50_ms": p50(timings), "truth": truth}
    return out


def recall(got: list[list[int]], truth: list[list[int]]) -> float:
    return round(float(np.mean([len(set(g) & set(t)) / K for g, t in zip(got, truth, strict=True)])), 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=90_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--before", type=Path)
    args = parser.parse_args()
    matrix = vectors()
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    rng = np.random.default_rng(7)
    buckets = rng.integers(0, 100, len(matrix))
    queries = matrix[rng.choice(len(matrix), args.queries, replace=False)] + rng.normal(0, 0.02, (args.queries, matrix.shape[1])).astype(np.float32)  # fmt: skip
    rows = passages(args.docs)
    print(f"{len(rows)} passages, {len(matrix)} vectors", file=sys.stderr)
    exact = numpy_exact(matrix, buckets, queries)
    runs = [measure("after", ROOT, rows, matrix, buckets, queries)]
    if args.before is not None:
        runs.append(measure("before", args.before, rows, matrix, buckets, queries))
    for run in runs:
        results = run.pop("results")
        run["recall_at_10"] = {name: recall(results[name], exact[name]["truth"]) for name in FILTERS}
        run["results"] = results
    same = all(run["results"] == runs[0]["results"] for run in runs)
    for run in runs:
        del run["results"]
    numpy_p50 = {name: figures["p50_ms"] for name, figures in exact.items()}
    print(json.dumps({"numpy_exact_p50_ms": numpy_p50, "identical_rows": same, "runs": runs}, indent=1))


if __name__ == "__main__":
    main()
