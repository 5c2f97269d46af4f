"""The ANN graph is saved beside the snapshot: after a restart ANN is served from the graph at once,
with the results a freshly built index gives, including writes logged after the snapshot; a damaged
or missing graph file only means rebuilding it (logged), never a refused start or a wrong result.

``performance.exhaustive_search_count`` tells graph from scan: it counts the documents the query
compared exhaustively (the unfolded tail). Without a saved graph the first query after a restart
scans every document.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
import turbopuffer

from benchmarks.datasets import embedding_like, exact_top_k
from tests.support.server import RunningEmulator, start_emulator

N = 3_000  # above the fold threshold (2,048): the background fold builds the graph
QUERIES = 12


def _namespace(server: RunningEmulator, name: str = "vec") -> turbopuffer.lib.namespace.Namespace:
    client = turbopuffer.Turbopuffer(api_key=server.api_key, base_url=server.base_url, telemetry=False)
    return client.namespace(name)


def _wait_up_to_date(ns, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while ns.metadata().index.to_dict()["status"] != "up-to-date":
        assert time.monotonic() < deadline, "the ANN graph was not built in time"
        time.sleep(0.2)


def _ann(ns, queries: np.ndarray) -> tuple[list[list[tuple[object, float]]], list[int]]:
    """Each query's top 10 as (id, distance), and each query's exhaustive_search_count."""
    results, scanned = [], []
    for q in queries:
        response = ns.query(rank_by=("vector", "ANN", q.tolist()), limit=10)
        results.append([(row.id, row["$dist"]) for row in response.rows])
        scanned.append(response.performance.exhaustive_search_count)
    return results, scanned


def _load_and_index(server: RunningEmulator, ids: list, vectors: np.ndarray) -> None:
    ns = _namespace(server)
    ns.write(upsert_columns={"id": ids, "vector": vectors.tolist()}, distance_metric="cosine_distance")
    ns.query(rank_by=("vector", "ANN", vectors[0].tolist()), limit=1)  # builds the index
    _wait_up_to_date(ns)


def _recall(found: list[list[tuple[object, float]]], truth: list[list[object]]) -> float:
    hits = sum(len({i for i, _ in f} & set(t)) for f, t in zip(found, truth, strict=True))
    return hits / sum(len(t) for t in truth)


@pytest.mark.parametrize("dims", [32, 256])  # int8 codes; sign bits (256 dimensions and more)
def test_first_ann_query_after_a_restart_is_served_by_the_saved_graph(tmp_path: Path, dims: int) -> None:
    vectors = embedding_like(N, dims, seed=61)
    queries = embedding_like(QUERIES, dims, seed=62)
    data_dir = tmp_path / "data"
    with start_emulator(data_dir=data_dir) as server:
        _load_and_index(server, list(range(N)), vectors)
        before, scanned = _ann(_namespace(server), queries)
        assert scanned == [0] * QUERIES  # all in the graph
    # the clean shutdown took a snapshot, and the graph was saved beside it
    assert len(list(data_dir.glob("side-*.bin"))) == 1

    with start_emulator(data_dir=data_dir) as server:
        after, scanned = _ann(_namespace(server), queries)
        assert "restored 1 ANN graphs saved" in server.output()
    assert scanned == [0] * QUERIES  # no document scanned: the graph serves at once
    assert after == before
    truth = exact_top_k(vectors, queries, 10, "cosine_distance").tolist()
    assert _recall(after, truth) >= 0.95


@pytest.mark.parametrize(
    ("id_kind", "second_shutdown"),
    [("uint", "kill"), ("string", "stop")],  # string ids take rows beyond the ids (vectors/store.py)
)
def test_writes_logged_after_the_snapshot_are_searched_and_deletes_are_gone(
    tmp_path: Path, id_kind: str, second_shutdown: str
) -> None:
    dims = 32
    vectors = embedding_like(N, dims, seed=71)
    queries = embedding_like(QUERIES, dims, seed=72)

    def doc_id(i: int) -> object:
        return i if id_kind == "uint" else f"doc-{i:05d}"

    data_dir = tmp_path / "data"
    with start_emulator(data_dir=data_dir) as server:
        _load_and_index(server, [doc_id(i) for i in range(N)], vectors)

    truth = exact_top_k(vectors, queries, 10, "cosine_distance")
    deleted = sorted({int(row[0]) for row in truth[: QUERIES // 2]})  # the best hit of half the queries
    moved = list(range(100, 160))  # updated: now (almost) copies of the queries
    added = list(range(N, N + 40))  # new documents
    final = {i: vectors[i] for i in range(N) if i not in set(deleted)}
    rng = np.random.default_rng(5)
    for j, i in enumerate(moved + added):
        final[i] = (queries[j % QUERIES] + rng.normal(0, 0.01, dims)).astype(np.float32)

    server = RunningEmulator(data_dir, (), "tpuf-emulator-dev-key").start()
    try:
        ns = _namespace(server)
        ns.write(deletes=[doc_id(i) for i in deleted])
        ns.write(upsert_columns={"id": [doc_id(i) for i in moved + added],
                                 "vector": [final[i].tolist() for i in moved + added]})  # fmt: skip
        # kill: these writes are only in the log; stop: a snapshot saves the restored, updated graph
        server.kill() if second_shutdown == "kill" else server.stop()

        server.start()
        found, scanned = _ann(_namespace(server), queries)
        assert "restored 1 ANN graphs saved" in server.output()
    finally:
        server.stop()
        server.cleanup()

    ids = np.asarray(sorted(final))
    matrix = np.stack([final[i] for i in ids])
    expected = [
        [doc_id(int(ids[p])) for p in row] for row in exact_top_k(matrix, queries, 10, "cosine_distance")
    ]
    gone = {doc_id(i) for i in deleted}
    assert not any(i in gone for result in found for i, _ in result)
    assert _recall(found, expected) >= 0.95
    for j, result in enumerate(found):  # the moved and added copies of each query rank first
        near = {doc_id(i) for k, i in enumerate(moved + added) if k % QUERIES == j}
        assert {i for i, _ in result[: len(near)]} == near
    # only the documents written after the snapshot (at most) were scanned, not all N
    assert max(scanned) <= len(moved) + len(added)


@pytest.mark.parametrize("damage", ["flipped byte", "truncated", "missing"])
def test_a_damaged_or_missing_graph_file_means_rebuilding_not_a_refused_start(
    tmp_path: Path, damage: str
) -> None:
    dims = 32
    vectors = embedding_like(N, dims, seed=81)
    queries = embedding_like(QUERIES, dims, seed=82)
    data_dir = tmp_path / "data"
    with start_emulator(data_dir=data_dir) as server:
        _load_and_index(server, list(range(N)), vectors)
    (sidecar,) = data_dir.glob("side-*.bin")
    data = bytearray(sidecar.read_bytes())
    if damage == "flipped byte":
        data[len(data) // 2] ^= 0xFF
        sidecar.write_bytes(bytes(data))
    elif damage == "truncated":
        sidecar.write_bytes(bytes(data[: len(data) - 100]))
    else:
        sidecar.unlink()

    with start_emulator(data_dir=data_dir) as server:
        found, _ = _ann(_namespace(server), queries)
        output = server.output()
    if damage != "missing":
        assert "ignoring it and rebuilding instead" in output
    assert "restored 1 ANN graphs" not in output
    # Rebuilt from the documents: exact scans until the background fold catches up (how many a
    # query scans depends on how far the fold got, so only the log says it was not restored).
    truth = exact_top_k(vectors, queries, 10, "cosine_distance").tolist()
    assert _recall(found, truth) >= 0.95
