"""The ANN index in process (no HTTP): build throughput, memory, ANN and filtered-ANN latency + recall.

The exact scan over the same rows is the baseline measured in the same run (the "floor" an
index has to beat), and exact results are the ground truth for recall@10.
"""

from __future__ import annotations

import gc
import time

import numpy as np
from tpuf_emulator.vectors import COSINE, VectorIndex
from tqdm import tqdm

from benchmarks.datasets import embedding_like
from benchmarks.measure import percentiles_ms, recall_at, rss_bytes

DIMS = 768
K = 10


def run(n: int, queries: int, filtered_selectivity: float = 0.01) -> dict:
    data = embedding_like(n, DIMS, seed=1)
    qs = embedding_like(queries, DIMS, seed=2)
    gc.collect()
    rss_before = rss_bytes()
    index = VectorIndex(DIMS, COSINE)
    t0 = time.perf_counter()
    chunk = 10_000
    for start in tqdm(range(0, n, chunk), desc=f"index {n:,}: upsert", unit="batch", leave=False):
        index.upsert(range(start, min(n, start + chunk)), data[start : start + chunk])
    upsert_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    index.flush()
    fold_s = time.perf_counter() - t1
    gc.collect()
    resident = rss_bytes() - rss_before
    out: dict = {
        "n": n,
        "dims": DIMS,
        "metric": COSINE,
        "graph_codes": index._graph.codes,  # b1 (sign bits) / i8 / f16: vectors/graph.py
        "upsert_rows_per_second": round(n / upsert_s),
        "index_build_rows_per_second": round(n / (upsert_s + fold_s)),
        "resident_bytes": resident,
        "raw_vector_bytes": data.nbytes,
        "resident_to_raw": round(resident / data.nbytes, 3),
        "index_memory_bytes_reported": index.memory_bytes(),
    }
    truth_queries = qs[: min(queries, 100)]
    exact_times, truth = [], []
    for q in tqdm(truth_queries, desc=f"index {n:,}: exact floor", leave=False):
        t = time.perf_counter()
        truth.append([i for i, _ in index.exact_search(q, K)])
        exact_times.append(time.perf_counter() - t)
    out["exact_scan"] = percentiles_ms(exact_times)
    ann_times, found = [], []
    for q in tqdm(qs, desc=f"index {n:,}: ANN", leave=False):
        t = time.perf_counter()
        found.append([i for i, _ in index.search(q, K)])
        ann_times.append(time.perf_counter() - t)
    out["ann"] = {**percentiles_ms(ann_times), "recall_at_10": recall_at(found[: len(truth)], truth, K)}
    out["ann"]["speedup_vs_exact_p50"] = round(out["exact_scan"]["p50_ms"] / out["ann"]["p50_ms"], 1)

    rng = np.random.default_rng(3)
    allowed = set(rng.choice(n, max(1, int(n * filtered_selectivity)), replace=False).tolist())
    f_times, f_found, f_truth = [], [], []
    for q in tqdm(qs[:100], desc=f"index {n:,}: filtered ANN", leave=False):
        t = time.perf_counter()
        f_found.append([i for i, _ in index.search(q, K, allowed=allowed)])
        f_times.append(time.perf_counter() - t)
        f_truth.append([i for i, _ in index.exact_search(q, K, allowed=allowed)])
    out["filtered_ann"] = {
        "selectivity": filtered_selectivity,
        **percentiles_ms(f_times),
        "recall_at_10": recall_at(f_found, f_truth, K),
    }
    del index
    gc.collect()
    return out


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 200), indent=2))
