"""The ANN index wired into the emulator, seen through the official client: results match exact
search, filtered ANN only returns allowed documents, and metadata reports the index catching up."""

from __future__ import annotations

import time
import uuid

import numpy as np
import pytest
import turbopuffer

from benchmarks.datasets import embedding_like, exact_top_k

DIMS = 32
N = 3_000  # above the fold threshold (2,048): the background fold builds the graph


@pytest.fixture(scope="module")
def namespace(emulator):
    client = turbopuffer.Turbopuffer(api_key=emulator.api_key, base_url=emulator.base_url, telemetry=False)
    ns = client.namespace(f"ann-{uuid.uuid4().hex[:8]}")
    vectors = embedding_like(N, DIMS, seed=51)
    ns.write(
        upsert_columns={
            "id": list(range(N)),
            "vector": vectors.tolist(),
            "shard": [i % 50 for i in range(N)],
        },
        distance_metric="cosine_distance",
    )
    return ns, vectors


def _wait_up_to_date(ns, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        index = ns.metadata().index.to_dict()
        if index["status"] == "up-to-date" or time.monotonic() > deadline:
            return index
        time.sleep(0.2)


@pytest.mark.parity("RankBy.ANN", "ann-approximate")
def test_ann_matches_exact_search_before_and_after_the_graph_is_built(namespace):
    ns, vectors = namespace
    queries = embedding_like(20, DIMS, seed=52)
    truth = exact_top_k(vectors, queries, 10, "cosine_distance")

    def recall() -> float:
        found = [
            [row.id for row in ns.query(rank_by=["vector", "ANN", q.tolist()], limit=10).rows]
            for q in queries
        ]
        return sum(len(set(f) & set(t)) for f, t in zip(found, truth.tolist(), strict=True)) / (
            10 * len(queries)
        )

    assert recall() >= 0.95  # while the graph is being built: the unfolded tail is searched exactly
    assert _wait_up_to_date(ns)["status"] == "up-to-date"
    assert recall() >= 0.95


@pytest.mark.parity("RankBy.ANN", "query.filters")
def test_filtered_ann_returns_only_allowed_documents_with_exact_distances(namespace):
    ns, vectors = namespace
    q = embedding_like(1, DIMS, seed=53)[0]
    rows = ns.query(rank_by=["vector", "ANN", q.tolist()], limit=10, filters=["shard", "Eq", 7]).rows
    allowed = np.arange(7, N, 50)
    expected = allowed[exact_top_k(vectors[allowed], q[None, :], 10, "cosine_distance")[0]]
    assert [row.id for row in rows] == expected.tolist()
    v = vectors[expected[0]]
    cosine = float(v @ q / (np.linalg.norm(v) * np.linalg.norm(q)))
    assert rows[0]["$dist"] == pytest.approx(1 - cosine, abs=1e-5)


@pytest.mark.parity("distances")
def test_a_written_vector_is_at_distance_exactly_zero_from_itself(emulator):
    """The README example: query with the vector just written; ``$dist`` is 0.0, not a rounding residue."""
    client = turbopuffer.Turbopuffer(api_key=emulator.api_key, base_url=emulator.base_url, telemetry=False)
    ns = client.namespace(f"self-{uuid.uuid4().hex[:8]}")
    ns.write(upsert_rows=[{"id": 1, "vector": [0.1, 0.2]}], distance_metric="cosine_distance")
    row = ns.query(rank_by=("vector", "ANN", [0.1, 0.2]), top_k=1).rows[0]
    assert row.id == 1
    assert row["$dist"] == 0.0
