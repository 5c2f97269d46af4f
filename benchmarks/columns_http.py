"""Order-by and group-by over HTTP on ~90k real-text passages, before/after ``columns/``, with DuckDB.

``python -m benchmarks.columns_http [--docs 90000] [--before DIR]`` where ``DIR`` holds an older
checkout's ``emulator/`` (e.g. ``git archive <commit> emulator | tar -x -C DIR``): both emulators
ingest the same passages (text files under ``/usr/share/doc`` split into ~600-character passages;
``source`` = the package, ~300 distinct; ``length`` = characters, null for one passage in 50; at most 1,000 per package),
one after the other, then answer the same queries; the script prints p50 per query, ingest rate,
resident memory, and whether both returned identical results. DuckDB answers the same queries in
process on the same rows. Figures recorded in ``emulator/tpuf_emulator/columns/README.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import psutil
from tpuf_emulator.config import DEV_API_KEY
from tpuf_emulator.launcher import EmulatorProcess

ROOT = Path(__file__).resolve().parent.parent
DOCS = Path("/usr/share/doc")
BATCH = 2_000
PER_PACKAGE = 1_000  # passages per package at most, so ~300 packages (sources) fill 90k passages
REPEATS = 40

QUERIES: dict[str, dict[str, Any]] = {
    "order length desc top10": {"rank_by": ["length", "desc"], "top_k": 10, "include_attributes": ["length"]},
    "order source asc, length desc top10": {
        "rank_by": [["source", "asc"], ["length", "desc"]],
        "top_k": 10,
        "include_attributes": ["source", "length"],
    },
    "order length asc top10 (nulls first)": {"rank_by": ["length", "asc"], "top_k": 10},
    "group_by source Count": {"aggregate_by": {"n": ["Count"]}, "group_by": ["source"]},
    "group_by source Count+Sum(length)": {
        "aggregate_by": {"n": ["Count"], "total": ["Sum", "length"]},
        "group_by": ["source"],
    },
    "Count+Sum(length) filtered length>500": {
        "aggregate_by": {"n": ["Count"], "total": ["Sum", "length"]},
        "filters": ["length", "Gt", 500],
    },
}
DUCKDB = {
    "order length desc top10": "SELECT id, length FROM t ORDER BY length DESC NULLS LAST, row LIMIT 10",
    "group_by source Count": "SELECT source, count(*) FROM t GROUP BY source ORDER BY source NULLS FIRST",
}


def passages(limit: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for package in sorted(DOCS.iterdir()):
        taken = 0
        for path in sorted(package.rglob("*")):
            if taken >= PER_PACKAGE:
                break
            if not path.is_file() or path.suffix not in ("", ".gz", ".txt", ".md") or path.is_symlink():
                continue
            try:
                raw = gzip.open(path).read() if path.suffix == ".gz" else path.read_bytes()
                text = raw.decode("utf-8")
            except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile):
                continue
            for start in range(0, min(len(text), 600 * (PER_PACKAGE - taken)), 600):
                taken += 1
                passage = text[start : start + 600]
                row: dict[str, Any] = {"id": len(rows), "source": package.name, "text": passage}
                if len(rows) % 50:
                    row["length"] = len(passage)
                rows.append(row)
                if len(rows) >= limit:
                    return rows
    return rows


def start(emulator_root: Path) -> EmulatorProcess:
    """An emulator process running the ``emulator/`` under ``emulator_root`` (this checkout or an older one)."""
    python_path = f"{emulator_root / 'emulator'}:{ROOT / 'generated'}:{ROOT}"
    return EmulatorProcess(environ={"PYTHONPATH": python_path}, start_timeout=60).start()


def p50(fn: Any) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def measure(
    label: str, emulator_root: Path, rows: list[dict[str, Any]], columns_first: bool
) -> dict[str, Any]:
    emulator = start(emulator_root)
    url = emulator.base_url
    out: dict[str, Any] = {"label": label}
    try:
        with httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {DEV_API_KEY}"}, timeout=600
        ) as http:
            ns = "/v2/namespaces/passages"
            http.post(
                "/v2/namespaces/floor", json={"upsert_rows": [{"id": 1, "length": 1}]}
            ).raise_for_status()
            http.post(ns, json={"upsert_rows": rows[:BATCH]}).raise_for_status()
            if columns_first:  # columns exist before the bulk of the writes: every write maintains them
                http.post(ns + "/query", json=QUERIES["group_by source Count+Sum(length)"]).raise_for_status()
            started = time.perf_counter()
            for i in range(BATCH, len(rows), BATCH):
                http.post(ns, json={"upsert_rows": rows[i : i + BATCH]}).raise_for_status()
            out["ingest_docs_per_s"] = round((len(rows) - BATCH) / (time.perf_counter() - started))
            results: dict[str, Any] = {}
            first: dict[str, float] = {}
            for name, body in QUERIES.items():
                started = time.perf_counter()
                response = http.post(ns + "/query", json=body)
                response.raise_for_status()
                first[name] = round((time.perf_counter() - started) * 1000, 1)
                answer = response.json()
                results[name] = (
                    answer.get("rows") or answer.get("aggregation_groups") or answer["aggregations"]
                )
            out["first_query_ms"] = first
            floor_body = {"rank_by": ["length", "asc"], "top_k": 1}
            out["http_floor_p50_ms"] = round(
                p50(lambda: http.post("/v2/namespaces/floor/query", json=floor_body)), 2
            )
            out["p50_ms"] = {
                name: round(p50(lambda body=body: http.post(ns + "/query", json=body)), 2)
                for name, body in QUERIES.items()
            }
            out["rss_mib"] = round(psutil.Process(emulator.pid).memory_info().rss / 2**20)
            out["results"] = results
    finally:
        emulator.stop(30)
        emulator.cleanup()
    return out


def duckdb_p50(rows: list[dict[str, Any]]) -> dict[str, float]:
    import duckdb

    con = duckdb.connect()
    con.execute("CREATE TABLE t (id BIGINT, row BIGINT, source VARCHAR, length BIGINT)")
    con.executemany(
        "INSERT INTO t VALUES (?, ?, ?, ?)", [(r["id"], r["id"], r["source"], r.get("length")) for r in rows]
    )
    return {name: round(p50(lambda sql=sql: con.execute(sql).fetchall()), 2) for name, sql in DUCKDB.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=90_000)
    parser.add_argument("--before", type=Path)
    args = parser.parse_args()
    rows = passages(args.docs)
    print(f"{len(rows)} passages, {len({r['source'] for r in rows})} sources", file=sys.stderr)
    runs = [measure("after (columns built by the first query)", ROOT, rows, False)]
    runs.append(measure("after (columns maintained by every write)", ROOT, rows, True))
    if args.before is not None:
        runs.append(measure("before", args.before, rows, False))
    reference = runs[-1]["results"]
    for run in runs:
        run["same_results_as_" + runs[-1]["label"].split(" ")[0]] = run.pop("results") == reference
    print(json.dumps({"duckdb_p50_ms": duckdb_p50(rows), "runs": runs}, indent=1))


if __name__ == "__main__":
    main()
