"""Measure the full-text engine over HTTP on real passages (Debian documentation on this machine).

    PYTHONPATH=emulator:generated:. .venv/bin/python -m benchmarks.fulltext_measure [passages]

Builds (and caches under ``build/``) passages of ~100 words from the text files and man pages the
installed Debian packages ship, then against one emulator process with a data directory: ingest
rate, the first BM25 query after the bulk load, BM25 top-10 p50 over ``QUERIES`` x repeats, the
server's resident memory, and after a restart the first query and p50 again (results compared).
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

from .server import Emulator

CACHE = Path("build/fulltext_passages.json")
WORDS = 100
QUERIES = ["install package", "configuration file", "memory allocation", "network interface",
           "license copyright", "compile error", "user permissions", "default value option",
           "kernel module", "python library", "manual page", "terminal output", "security update",
           "database server", "regular expression", "signal handler", "character encoding",
           "documentation", "shared library", "environment variable"]  # fmt: skip
_ROFF = re.compile(r"^\.[A-Za-z]+\s*|\\f[BIRP]|\\-|\\\(..|\\[&e]")


def _texts() -> list[str]:
    out: list[str] = []
    for path in sorted(Path("/usr/share/doc").rglob("*")):
        if path.is_file() and path.suffix in {".txt", ".md", ".rst", ""} and path.stat().st_size < 2_000_000:
            try:
                out.append(path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, OSError):
                continue
    for path in sorted(Path("/usr/share/man/man1").glob("*.gz")) + sorted(
        Path("/usr/share/man/man3").glob("*.gz")
    ):
        try:
            out.append("\n".join(_ROFF.sub("", line) for line in gzip.open(path, "rt", encoding="utf-8")))
        except (UnicodeDecodeError, OSError, EOFError):
            continue
    return out


def passages(count: int) -> list[str]:
    if CACHE.exists():
        cached: list[str] = json.loads(CACHE.read_text())
        if len(cached) >= count:
            return cached[:count]
    out: list[str] = []
    for text in _texts():
        words = text.split()
        out.extend(" ".join(words[i : i + WORDS]) for i in range(0, len(words) - WORDS // 2, WORDS))
        if len(out) >= 100_000:
            break
    CACHE.parent.mkdir(exist_ok=True)
    CACHE.write_text(json.dumps(out))
    return out[:count]


def _query(client: httpx.Client, text: str) -> tuple[float, list[object]]:
    t0 = time.perf_counter()
    r = client.post("/v2/namespaces/docs/query", json={"rank_by": ["text", "BM25", text], "top_k": 10})
    r.raise_for_status()
    return (time.perf_counter() - t0) * 1000, [row["id"] for row in r.json()["rows"]]


def _p50(client: httpx.Client, repeats: int = 5) -> tuple[float, dict[str, list[object]]]:
    times, results = [], {}
    for _ in range(repeats):
        for q in QUERIES:
            ms, ids = _query(client, q)
            times.append(ms)
            results[q] = ids
    return statistics.median(times), results


def main(count: int) -> None:
    texts = passages(count)
    print(f"{len(texts)} passages, {sum(len(t.split()) for t in texts) / len(texts):.0f} words on average")
    with tempfile.TemporaryDirectory() as data:
        emulator = Emulator(Path(data))
        emulator.start()
        try:
            client = httpx.Client(base_url=emulator.base_url, headers=emulator.headers, timeout=600)
            schema = {
                "text": {"type": "string", "full_text_search": {"stemming": True, "remove_stopwords": True}}
            }
            t0 = time.perf_counter()
            for start in range(0, len(texts), 1000):
                rows = [{"id": i, "text": texts[i]} for i in range(start, min(start + 1000, len(texts)))]
                client.post(
                    "/v2/namespaces/docs", json={"upsert_rows": rows, "schema": schema}
                ).raise_for_status()
            ingest = time.perf_counter() - t0
            first, _ = _query(client, "first query after the bulk load")
            print(
                f"ingest {ingest:.1f} s ({len(texts) / ingest:.0f} rows/s); first BM25 query {first:.0f} ms"
            )
            p50, before = _p50(client)
            rss = psutil.Process(emulator.pid).memory_info().rss / 2**20
            print(f"BM25 top-10 p50 {p50:.2f} ms; server RSS {rss:.0f} MiB")
            emulator.stop()
            t0 = time.perf_counter()
            emulator.start()
            print(f"restart answered HTTP after {time.perf_counter() - t0:.1f} s")
            client = httpx.Client(base_url=emulator.base_url, headers=emulator.headers, timeout=600)
            first, _ = _query(client, "first query after the restart")
            p50, after = _p50(client)
            rss = psutil.Process(emulator.pid).memory_info().rss / 2**20
            print(
                f"after restart: first BM25 query {first:.0f} ms; p50 {p50:.2f} ms; RSS {rss:.0f} MiB; "
                f"same results: {before == after}"
            )
        finally:
            emulator.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
