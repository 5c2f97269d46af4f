"""Measure the ANN library candidates on the same data, to choose the emulator's index by evidence.

``python -m benchmarks.ann_choice [--n 100000] [--dims 768]`` builds each candidate in its own
subprocess (so resident-memory deltas are not polluted by the previous one), then prints and
saves ``benchmarks/results/ann_choice_<dataset>.json``. The chosen library and the reasons are written up in
``emulator/tpuf_emulator/vectors/README.md``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.datasets import embedding_like, exact_top_k, isotropic
from benchmarks.environment import describe_environment

CANDIDATES = ("hnswlib-f32", "usearch-f32", "usearch-f16", "usearch-i8", "faiss-hnsw-f32", "faiss-hnsw-sq8")
CONNECTIVITY = 16
EF_CONSTRUCTION = 128
EF_SEARCH = (32, 64, 128)
K = 10
RERANK_FACTOR = 4  # quantised candidates: fetch k*4, re-score exactly with float32 vectors


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _normalise(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=1, keepdims=True)


class _Candidate:
    """Uniform build/search wrapper over one library configuration (cosine metric)."""

    def __init__(self, name: str, dims: int) -> None:
        self.name = name
        self.dims = dims
        self.quantised = name.endswith(("i8", "f16", "sq8"))
        if name == "hnswlib-f32":
            import hnswlib

            self.index = hnswlib.Index(space="cosine", dim=dims)
        elif name.startswith("usearch"):
            from usearch.index import Index

            dtype = name.split("-")[1]
            self.index = Index(
                ndim=dims, metric="cos", dtype=dtype, connectivity=CONNECTIVITY, expansion_add=EF_CONSTRUCTION
            )
        else:
            import faiss

            if name == "faiss-hnsw-f32":
                base = faiss.IndexHNSWFlat(dims, CONNECTIVITY, faiss.METRIC_INNER_PRODUCT)
            else:
                base = faiss.IndexHNSWSQ(
                    dims, faiss.ScalarQuantizer.QT_8bit, CONNECTIVITY, faiss.METRIC_INNER_PRODUCT
                )
            base.hnsw.efConstruction = EF_CONSTRUCTION
            self.index = base

    def build(self, data: np.ndarray, batch: int = 10_000) -> None:
        n = len(data)
        if self.name == "hnswlib-f32":
            self.index.init_index(max_elements=n, ef_construction=EF_CONSTRUCTION, M=CONNECTIVITY)
        if self.name == "faiss-hnsw-sq8":
            self.index.train(_normalise(data[:20_000]))
        for start in range(0, n, batch):
            block = data[start : start + batch]
            labels = np.arange(start, start + len(block))
            if self.name == "hnswlib-f32":
                self.index.add_items(block, labels, num_threads=2)
            elif self.name.startswith("usearch"):
                self.index.add(labels, block, threads=2)
            else:
                self.index.add(_normalise(block))  # faiss HNSW numbers rows sequentially

    def search(self, query: np.ndarray, k: int, ef: int) -> np.ndarray:
        if self.name == "hnswlib-f32":
            self.index.set_ef(ef)
            labels, _ = self.index.knn_query(query[None, :], k=k, num_threads=1)
            return labels[0]
        if self.name.startswith("usearch"):
            self.index.expansion_search = ef
            return self.index.search(query, k, threads=1).keys
        import faiss

        params = faiss.SearchParametersHNSW(efSearch=ef)
        _, labels = self.index.search(_normalise(query[None, :]), k, params=params)
        return labels[0]


DATASETS = {"embedding_like": embedding_like, "isotropic": isotropic}


def measure_one(name: str, n: int, dims: int, queries: int, dataset: str) -> dict:
    import faiss

    faiss.omp_set_num_threads(2)
    data = DATASETS[dataset](n, dims, seed=1)
    qs = DATASETS[dataset](queries, dims, seed=2)
    truth = exact_top_k(data, qs, K, "cosine_distance")
    data_n = _normalise(data)
    rss_before = _rss_mb()
    candidate = _Candidate(name, dims)
    t0 = time.perf_counter()
    candidate.build(data)
    build_s = time.perf_counter() - t0
    index_mb = _rss_mb() - rss_before
    out: dict = {
        "candidate": name,
        "dataset": dataset,
        "n": n,
        "dims": dims,
        "build_seconds": round(build_s, 2),
        "insert_rows_per_second": round(n / build_s),
        "index_resident_mb": round(index_mb, 1),
        "raw_vector_mb": round(data.nbytes / 2**20, 1),
        "index_to_raw_ratio": round(index_mb / (data.nbytes / 2**20), 3),
        "by_ef": [],
    }
    for ef in EF_SEARCH:
        latencies, hits = [], 0
        fetch = K * RERANK_FACTOR if candidate.quantised else K
        for q, expected in zip(qs, truth, strict=True):
            t = time.perf_counter()
            found = np.asarray(candidate.search(q, fetch, max(ef, fetch)), dtype=np.int64)
            if candidate.quantised:  # exact re-score of the few candidates with float32 vectors
                found = found[found >= 0]
                scores = data_n[found] @ (q / np.linalg.norm(q))
                found = found[np.argsort(-scores)[:K]]
            latencies.append(time.perf_counter() - t)
            hits += len(set(found.tolist()) & set(expected.tolist()))
        lat = np.array(latencies) * 1000
        out["by_ef"].append(
            {
                "ef": ef,
                "recall_at_10": round(hits / (K * len(qs)), 4),
                "p50_ms": round(float(np.percentile(lat, 50)), 3),
                "p99_ms": round(float(np.percentile(lat, 99)), 3),
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--dims", type=int, default=768)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="embedding_like")
    parser.add_argument("--only", help="measure one candidate in this process (used by the driver)")
    args = parser.parse_args(argv)
    if args.only:
        print(json.dumps(measure_one(args.only, args.n, args.dims, args.queries, args.dataset)))
        return 0
    results = []
    for name in CANDIDATES:
        cmd = [sys.executable, "-m", "benchmarks.ann_choice", "--only", name, "--n", str(args.n)]
        cmd += ["--dims", str(args.dims), "--queries", str(args.queries), "--dataset", args.dataset]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            results.append({"candidate": name, "error": proc.stderr.strip().splitlines()[-1:]})
        else:
            results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    out = {"environment": describe_environment(), "results": results}
    path = Path(__file__).parent / "results" / f"ann_choice_{args.dataset}.json"
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
