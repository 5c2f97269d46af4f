"""One namespace in process (no HTTP): ingest, resident memory, exact kNN against a plain numpy scan
of the same matrix, filtered ANN at 1% and 10%. Runs against whatever emulator code is on the path,
so the same script measures before and after a change (vectors/README.md records both).

    python -m benchmarks.vector_matrix_bench --n 200000 --dims 768
"""

from __future__ import annotations

import argparse
import gc
import json
import time

import numpy as np
import psutil

from benchmarks.datasets import embedding_like

K = 10
BATCH = 5_000


def _p50_ms(times: list[float]) -> float:
    return round(float(np.percentile(times, 50)) * 1000, 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--dims", type=int, default=768)
    parser.add_argument("--queries", type=int, default=20)
    args = parser.parse_args()
    from tpuf_emulator.namespaces.namespace import Namespace
    from tpuf_emulator.schema.model import AttributeSchema, AttributeType, Schema

    n, dims = args.n, args.dims
    data = embedding_like(n, dims, seed=1)
    qs = embedding_like(args.queries, dims, seed=2)
    category = np.random.default_rng(3).integers(0, 100, n)
    process = psutil.Process()
    gc.collect()
    rss0 = process.memory_info().rss

    ns = Namespace("bench", "vm")
    ns.set_schema(
        Schema(
            {
                "vector": AttributeSchema(AttributeType.parse(f"[{dims}]f32")),
                "category": AttributeSchema(AttributeType.parse("int")),
            }
        )
    )
    ns.distance_metric = "cosine_distance"
    started = time.perf_counter()
    for begin in range(0, n, BATCH):
        end = min(n, begin + BATCH)
        # each document its own array, as parsing a request produces
        ns.replace_documents(
            {i: {"id": i, "vector": data[i].copy(), "category": int(category[i])} for i in range(begin, end)}
        )
    ingest_s = time.perf_counter() - started
    gc.collect()
    rss_docs = process.memory_info().rss
    index = ns.vector_index("vector")
    index.flush()
    gc.collect()
    rss_indexed = process.memory_info().rss
    out: dict = {
        "n": n,
        "dims": dims,
        "ingest_rows_per_second": round(n / ingest_s),
        "resident_documents_to_raw": round((rss_docs - rss0) / data.nbytes, 3),
        "resident_with_index_to_raw": round((rss_indexed - rss0) / data.nbytes, 3),
    }

    norms = np.linalg.norm(data, axis=1)
    numpy_times, knn_times = [], []
    for q in qs:
        t = time.perf_counter()
        d = 1.0 - (data @ q) / (norms * np.linalg.norm(q))
        part = np.argpartition(d, K)[:K]
        part[np.argsort(d[part])]
        numpy_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        index.exact_search(q, K)
        knn_times.append(time.perf_counter() - t)
    out["numpy_scan_p50_ms"] = _p50_ms(numpy_times)
    out["exact_knn_p50_ms"] = _p50_ms(knn_times)
    out["exact_knn_to_numpy"] = round(out["exact_knn_p50_ms"] / out["numpy_scan_p50_ms"], 2)

    for label, keep in (("1%", category == 7), ("10%", category < 10)):
        allowed_ids = np.flatnonzero(keep)
        allowed = set(allowed_ids.tolist())
        sub = data[allowed_ids]
        sub_norms = norms[allowed_ids]
        times, floor, hits = [], [], 0
        for q in qs:
            t = time.perf_counter()
            found = index.search(q, K, allowed=allowed)
            times.append(time.perf_counter() - t)
            t = time.perf_counter()
            d = 1.0 - (sub @ q) / (sub_norms * np.linalg.norm(q))
            truth = allowed_ids[np.argsort(d)[:K]]
            floor.append(time.perf_counter() - t)
            hits += len({i for i, _ in found} & set(truth.tolist()))
        out[f"filtered_ann_{label}_p50_ms"] = _p50_ms(times)
        out[f"numpy_exact_on_filtered_rows_{label}_p50_ms"] = _p50_ms(floor)
        out[f"filtered_ann_{label}_recall_at_10"] = round(hits / (K * len(qs)), 3)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
