"""Filtered vector search through the column store's vector rows (``ColumnStore.vector_rows``).

A filter's matching rows become rows of the vector column with one ``take``: that map must follow
every write (upserts, patches that keep the vector, deletes), the vector column's compaction
(rows move) and the row map's compaction (rows renumber). Property: after any such sequence,
filtered ``kNN`` and ``ANN`` over HTTP-shaped requests return exactly the brute-force answer over
the documents the filter keeps (ties in either order), and the map agrees with the column for every live row.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tpuf_emulator.columns import store as column_store
from tpuf_emulator.namespaces import Registry
from tpuf_emulator.vectors import column

DIMS = 3
ids = st.lists(st.integers(0, 15), min_size=1, max_size=6, unique=True)
operation = st.one_of(
    st.tuples(st.just("upsert"), ids, st.integers(0, 3)),  # with a vector, bucket = the int
    st.tuples(st.just("patch"), ids, st.integers(0, 3)),  # bucket only: the vector stays
    st.tuples(st.just("delete"), ids, st.just(0)),
)


def _vector(doc_id: int, step: int) -> list[float]:
    return [float((doc_id * 7 + step * 3) % 11) - 5.0, float(doc_id % 5) + 0.5, float(step % 4) - 1.5]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(operations=st.lists(operation, min_size=1, max_size=30), below=st.integers(1, 4))
def test_filtered_search_equals_brute_force_through_writes_and_compactions(monkeypatch, operations, below):
    monkeypatch.setattr(column, "chunk_rows_for", lambda dims: 2)  # vector rows move often
    monkeypatch.setattr(column_store, "COMPACT_MIN_TOMBSTONES", 2)  # and the row map renumbers
    registry = Registry()
    registry.write("dev", "ns", {"upsert_rows": [{"id": 99, "bucket": 0, "vector": [1.0, 1.0, 1.0]}],
                                 "distance_metric": "euclidean_squared"})  # fmt: skip
    reference: dict[int, dict] = {99: {"bucket": 0, "vector": [1.0, 1.0, 1.0]}}
    ns = registry._orgs["dev"]["ns"]
    for step, (kind, chosen, bucket) in enumerate(operations):
        if kind == "delete":
            registry.write("dev", "ns", {"deletes": chosen})
            for i in chosen:
                reference.pop(i, None)
        elif kind == "patch":
            present = [i for i in chosen if i in reference]
            if present:
                registry.write("dev", "ns", {"patch_rows": [{"id": i, "bucket": bucket} for i in present]})
                for i in present:
                    reference[i] = {**reference[i], "bucket": bucket}
        else:
            rows = [{"id": i, "bucket": bucket, "vector": _vector(i, step)} for i in chosen]
            registry.write("dev", "ns", {"upsert_rows": rows})
            for row in rows:
                reference[row["id"]] = {k: v for k, v in row.items() if k != "id"}
        query = [float(step % 3) - 1.0, 0.5, 2.0]
        for mode in ("kNN", "ANN"):
            body = {"rank_by": ["vector", mode, query], "limit": 20, "filters": ["bucket", "Lt", below]}
            got = registry.query("dev", "ns", body)["rows"]
            truth = sorted(
                (float(((np.asarray(doc["vector"]) - np.asarray(query)) ** 2).sum()), i)
                for i, doc in reference.items()
                if "vector" in doc and doc["bucket"] < below
            )
            assert [row["$dist"] for row in got] == [d for d, _ in truth]  # nearest first
            assert {(row["id"], row["$dist"]) for row in got} == {(i, d) for d, i in truth}
        store = ns.columns()
        positions = store.vector_rows("vector")
        assert positions is not None
        live = store.rowmap.live_rows()
        row_ids = [store.rowmap.ids[r] for r in live.tolist()]
        assert positions[live].tolist() == ns._vector_columns["vector"].positions(row_ids).tolist()
