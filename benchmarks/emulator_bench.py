"""The emulator over HTTP at one size tier: ingest, ANN, filtered ANN, BM25, ordering, aggregation,
restart time and memory per document.

Baselines measured in the same run: the exact scan (kNN) for ANN, and the HTTP floor (the
cheapest possible query: one row of a one-document namespace) for every query latency.
Recall@10 is computed against exact nearest neighbours computed locally with numpy.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
import orjson
from threadpoolctl import threadpool_limits
from tqdm import tqdm

from benchmarks.datasets import exact_top_k
from benchmarks.measure import percentiles_ms, recall_at, rss_bytes
from benchmarks.server import Emulator
from benchmarks.workload import embedding_like, texts, vector_columns, words

DIMS = 768
K = 10
BATCH = 5_000  # rows per write request
INDEX_WAIT_S = 3_600


class Http:
    """A raw httpx + orjson caller (no client library in the way of the server's figures)."""

    def __init__(self, emulator: Emulator) -> None:
        self.client = httpx.Client(base_url=emulator.base_url, headers=emulator.headers, timeout=600)

    def post(self, path: str, body: dict) -> dict:
        response = self.client.post(
            path, content=orjson.dumps(body), headers={"content-type": "application/json"}
        )
        if response.status_code != 200:
            raise RuntimeError(f"POST {path}: {response.status_code} {response.text[:500]}")
        return orjson.loads(response.content)

    def get(self, path: str) -> dict:
        response = self.client.get(path)
        response.raise_for_status()
        return orjson.loads(response.content)

    def timed_queries(self, ns: str, bodies: list[dict]) -> tuple[list[float], list[dict]]:
        times, results = [], []
        for body in bodies:
            t = time.perf_counter()
            results.append(self.post(f"/v2/namespaces/{ns}/query", body))
            times.append(time.perf_counter() - t)
        return times, results

    def close(self) -> None:
        self.client.close()


def _ids(result: dict) -> list:
    return [row["id"] for row in result.get("rows", [])]


def _ingest_vectors(http: Http, ns: str, data: np.ndarray, label: str) -> dict:
    n = len(data)
    t0 = time.perf_counter()
    for start in tqdm(range(0, n, BATCH), desc=f"{label}: ingest vectors", unit="req", leave=False):
        body = {
            "upsert_columns": vector_columns(start, data[start : start + BATCH]),
            "distance_metric": "cosine_distance",
        }
        http.post(f"/v2/namespaces/{ns}", body)
    seconds = time.perf_counter() - t0
    return {"rows": n, "seconds": round(seconds, 2), "rows_per_second": round(n / seconds)}


def _ingest_texts(http: Http, ns: str, n: int, label: str) -> dict:
    t0 = time.perf_counter()
    schema = {"text": {"type": "string", "full_text_search": True}}
    for start in tqdm(range(0, n, 20_000), desc=f"{label}: ingest texts", unit="req", leave=False):
        chunk = texts(min(20_000, n - start), seed=start)
        body = {
            "upsert_columns": {"id": list(range(start, start + len(chunk))), "text": chunk},
            "schema": schema,
        }
        http.post(f"/v2/namespaces/{ns}", body)
    seconds = time.perf_counter() - t0
    return {"rows": n, "seconds": round(seconds, 2), "rows_per_second": round(n / seconds)}


def _wait_indexed(http: Http, ns: str, probe: list[float], budget_s: float) -> float | None:
    """Trigger the ANN index (first ANN query) and wait until its tail is folded into the graph.

    Returns the seconds it took, or None if the graph was still being built after ``budget_s``.
    """
    t0 = time.perf_counter()
    http.post(f"/v2/namespaces/{ns}/query", {"rank_by": ["vector", "ANN", probe], "limit": 1})
    with tqdm(desc="waiting for the ANN graph", leave=False) as bar:
        while time.perf_counter() - t0 < budget_s:
            index = http.get(f"/v1/namespaces/{ns}/metadata").get("index", {})
            if index.get("status") == "up-to-date":
                return round(time.perf_counter() - t0, 2)
            bar.set_postfix(unindexed=index.get("unindexed_rows"))
            bar.update()
            time.sleep(1)
    return None


def run(n: int, queries: int, workdir: Path | None = None, index_wait_s: float = INDEX_WAIT_S) -> dict:
    label = f"emulator {n:,}"
    data = embedding_like(n, DIMS, seed=1)
    qs = embedding_like(queries, DIMS, seed=2)
    tmp = Path(tempfile.mkdtemp(prefix="tpuf-bench-", dir=workdir))
    out: dict = {"n": n, "dims": DIMS, "queries": queries, "durable_storage": True}
    emulator = Emulator(tmp / "data")
    try:
        emulator.start()
        http = Http(emulator)
        rss_empty = rss_bytes(emulator.pid)
        http.post("/v2/namespaces/floor", {"upsert_rows": [{"id": 1, "x": 1}]})
        floor_times, _ = http.timed_queries("floor", [{"rank_by": ["id", "asc"], "limit": 1}] * queries)
        out["http_floor"] = percentiles_ms(floor_times)

        out["ingest"] = _ingest_vectors(http, "vec", data, label)
        built = _wait_indexed(http, "vec", qs[0].tolist(), index_wait_s)
        out["index_build_seconds"] = (
            built if built is not None else f"not finished after {index_wait_s:.0f} s"
        )
        rss_loaded = rss_bytes(emulator.pid)
        out["memory"] = {
            "resident_bytes": rss_loaded - rss_empty,
            "bytes_per_document": round((rss_loaded - rss_empty) / n),
            "raw_vector_bytes": data.nbytes,
            "resident_to_raw_vectors": round((rss_loaded - rss_empty) / data.nbytes, 3),
        }

        truth = exact_top_k(data, qs, K, "cosine_distance")
        ann = [{"rank_by": ["vector", "ANN", q.tolist()], "limit": K} for q in qs]
        times, results = http.timed_queries("vec", ann)
        out["ann"] = {
            **percentiles_ms(times),
            "recall_at_10": recall_at([_ids(r) for r in results], truth.tolist(), K),
        }
        if built is None:  # the figures above are of the exhaustive tail, not of the graph
            out["ann"] = {
                "not_measured": f"ANN graph still building after {index_wait_s:.0f} s",
                "tail": out["ann"],
            }
        knn_n = min(queries, 20)
        everything = ["price", "Gte", 0]  # kNN (exact) requires a filter: one that keeps every row
        knn = [
            {"rank_by": ["vector", "kNN", q.tolist()], "limit": K, "filters": everything} for q in qs[:knn_n]
        ]
        try:
            times, _ = http.timed_queries("vec", knn)
            out["exact_knn"] = percentiles_ms(times)
        except RuntimeError as exc:  # kNN is not supported by every server version
            out["exact_knn"] = {"not_measured": str(exc)[:200]}
        out["numpy_scan"] = numpy_scan(data, qs[:knn_n])
        if "p50_ms" in out["exact_knn"]:
            out["exact_knn"]["vs_numpy_scan_p50"] = round(
                out["exact_knn"]["p50_ms"] / out["numpy_scan"]["p50_ms"], 3
            )
        if "p50_ms" in out["exact_knn"] and "p50_ms" in out["ann"]:
            out["ann"]["speedup_vs_exact_p50"] = round(out["exact_knn"]["p50_ms"] / out["ann"]["p50_ms"], 1)

        categories = np.asarray(
            [c for s in range(0, n, BATCH) for c in vector_columns_categories(s, min(BATCH, n - s))]
        )
        allowed = np.flatnonzero(categories == 7)
        f_truth = allowed[exact_top_k(data[allowed], qs, K, "cosine_distance")]
        filtered = [
            {"rank_by": ["vector", "ANN", q.tolist()], "limit": K, "filters": ["category", "Eq", 7]}
            for q in qs
        ]
        times, results = http.timed_queries("vec", filtered)
        out["filtered_ann"] = {
            "selectivity": round(len(allowed) / n, 4),
            **percentiles_ms(times),
            "recall_at_10": recall_at([_ids(r) for r in results], f_truth.tolist(), K),
        }

        order = [{"rank_by": ["price", "desc"], "limit": K, "include_attributes": ["price"]}] * queries
        times, _ = http.timed_queries("vec", order)
        out["order_by_attribute"] = percentiles_ms(times)
        rng = np.random.default_rng(5)
        lookups = [
            {
                "rank_by": ["id", "asc"],
                "limit": K,
                "filters": ["id", "In", rng.choice(n, K, replace=False).tolist()],
            }
            for _ in range(queries)
        ]
        times, _ = http.timed_queries("vec", lookups)
        out["id_lookup"] = percentiles_ms(times)
        agg = [{"aggregate_by": {"count": ["Count"]}, "group_by": ["category"]}] * max(5, queries // 10)
        times, _ = http.timed_queries("vec", agg)
        out["aggregation_group_by"] = percentiles_ms(times)

        out["ingest_text"] = _ingest_texts(http, "text", n, label)
        vocab = words()
        pick = np.random.default_rng(9)
        bm25 = [
            {
                "rank_by": [
                    "text",
                    "BM25",
                    f"{vocab[pick.integers(20, 2000)]} {vocab[pick.integers(20, 2000)]}",
                ],
                "limit": K,
            }
            for _ in range(queries)
        ]
        t0 = time.perf_counter()
        http.post("/v2/namespaces/text/query", bm25[0])  # builds the BM25 index on first use
        out["bm25_index_build_seconds"] = round(time.perf_counter() - t0, 2)
        times, _ = http.timed_queries("text", bm25)
        out["bm25"] = percentiles_ms(times)
        http.close()

        emulator.stop()
        restart = Emulator(tmp / "data")
        emulator = restart
        ready = restart.start(timeout=INDEX_WAIT_S)
        http = Http(restart)
        t0 = time.perf_counter()
        http.post("/v2/namespaces/vec/query", {"rank_by": ["id", "asc"], "limit": 1})
        first_query = time.perf_counter() - t0
        t0 = time.perf_counter()
        first = http.post("/v2/namespaces/vec/query", ann[0])
        first_ann = time.perf_counter() - t0
        out["restart"] = {
            "seconds_until_serving": round(ready, 2),
            "seconds_until_first_query": round(ready + first_query, 2),
            "first_ann_query_seconds": round(first_ann, 2),
            # 0 when the ANN graph saved with the snapshot serves it; n when it is being rebuilt
            "first_ann_exhaustive_search_count": first["performance"]["exhaustive_search_count"],
            "documents": 2 * n + 1,
        }
        http.close()
    except Exception as exc:  # keep what was measured; say where and why the tier stopped
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
        out["incomplete"] = f"stopped after {list(out)[-1]!r}: {type(exc).__name__}: {reason}"[:400]
    finally:
        emulator.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def numpy_scan(data: np.ndarray, qs: np.ndarray) -> dict:
    """The exact-kNN baseline: one float32 matrix-vector product over every row (row norms kept, as
    any engine keeps them) and a partial sort, single-threaded BLAS as the emulator's scans run."""
    norms = np.maximum(np.linalg.norm(data, axis=1), 1e-30)
    times = []
    with threadpool_limits(1, user_api="blas"):
        for q in qs:
            t0 = time.perf_counter()
            distances = 1.0 - (data @ (q / np.linalg.norm(q))) / norms
            top = np.argpartition(distances, K)[:K]
            top[np.argsort(distances[top], kind="stable")].tolist()
            times.append(time.perf_counter() - t0)
    return percentiles_ms(times)


def vector_columns_categories(start: int, count: int) -> list[int]:
    from benchmarks.workload import attributes

    return attributes(count, start)["category"]


if __name__ == "__main__":
    import json
    import sys

    wait = float(sys.argv[3]) if len(sys.argv) > 3 else INDEX_WAIT_S
    print(
        json.dumps(
            run(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100, index_wait_s=wait), indent=2
        )
    )
