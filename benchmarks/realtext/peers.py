"""The peers the emulator is compared with, on the same data in the same run.

* tantivy (BM25): a separate process (``tantivy_peer``) so its resident memory is its own.
* DuckDB (order-by top-10, group-by + Count): in process, an in-memory table of the attributes.
* numpy (filtered ANN): exact search over the rows the filter keeps, computed per query.

Each query function returns what it found, so the emulator's answers can be checked against it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import numpy as np

from benchmarks.measure import rss_bytes
from benchmarks.realtext.corpus import PASSAGES


class Tantivy:
    """The tantivy process: indexes N passages on start, then answers BM25 queries one at a time."""

    def __init__(self, n: int) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="tpuf-bench-tantivy-")
        t0 = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.realtext.tantivy_peer", self._dir.name, str(n)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        ready = self._read()
        self.index_seconds: float = ready["index_seconds"]
        self.start_seconds = time.perf_counter() - t0

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"tantivy peer exited with {self.process.wait()}")
        result: dict[str, Any] = json.loads(line)
        return result

    def search(self, query: str, k: int) -> tuple[float, list[int]]:
        """(seconds inside tantivy, top-k passage ids)."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"q": query, "k": k}) + "\n")
        self.process.stdin.flush()
        answer = self._read()
        return answer["seconds"], answer["ids"]

    def rss(self) -> int:
        return rss_bytes(self.process.pid)

    def index_bytes(self) -> int:
        return sum(f.stat().st_size for f in Path(self._dir.name).rglob("*") if f.is_file())

    def __enter__(self) -> Tantivy:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._dir.cleanup()


class DuckDB:
    """An in-memory DuckDB table ``passages(id, source, length, bucket)``."""

    ORDER_BY = "SELECT id, length FROM passages ORDER BY length DESC LIMIT 10"
    GROUP_BY = "SELECT source, count(*) FROM passages GROUP BY source ORDER BY source"

    def __init__(self, n: int) -> None:
        """The first ``n`` passages (ids ``0 .. n-1``), read by DuckDB from the corpus cache."""
        self.connection = duckdb.connect(":memory:")
        self.connection.execute(
            "CREATE TABLE passages AS SELECT id::BIGINT AS id, source::VARCHAR AS source,"
            " length::INTEGER AS length, bucket::INTEGER AS bucket"
            " FROM read_json(?, format = 'newline_delimited') WHERE id < ?",
            [str(PASSAGES), n],
        )

    def timed(self, sql: str) -> tuple[float, list[tuple[Any, ...]]]:
        t0 = time.perf_counter()
        rows = self.connection.execute(sql).fetchall()
        return time.perf_counter() - t0, rows

    def close(self) -> None:
        self.connection.close()


def numpy_filtered_top_k(
    vectors: np.ndarray, buckets: np.ndarray, below: int, query: np.ndarray, k: int
) -> tuple[float, list[int]]:
    """Exact cosine top-k over the rows with ``bucket < below`` (vectors are unit length); the filter
    and the scan are both timed, as a query would run them."""
    t0 = time.perf_counter()
    rows = np.flatnonzero(buckets < below)
    scores = vectors[rows] @ query
    top = np.argpartition(-scores, k)[:k] if len(rows) > k else np.arange(len(rows))
    top = top[np.argsort(-scores[top], kind="stable")]
    ids = rows[top]
    return time.perf_counter() - t0, ids.tolist()
