"""The vector column (one float32 matrix per vector attribute, ``vectors/column.py``).

* Property: any sequence of upserts, updates, deletes and compactions keeps the column equal to a
  plain dict of arrays, its exact search equal to a brute-force scan of that dict, and every view it
  ever handed out (what documents, snapshot cuts and branches hold) unchanged.
* A background snapshot whose cut was taken before the same ids were overwritten (and their rows
  compacted away) writes the values at the cut, while recovery replays the later writes on top.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tpuf_emulator.namespaces import Registry
from tpuf_emulator.namespaces.apply import apply_record
from tpuf_emulator.namespaces.snapshots import read_registry
from tpuf_emulator.namespaces.table import NamespaceTable
from tpuf_emulator.storage import open_storage
from tpuf_emulator.vectors import COSINE, EUCLIDEAN, column
from tpuf_emulator.vectors.column import VectorColumn

DIMS = 4

ids_strategy = st.lists(
    st.one_of(st.integers(0, 12), st.sampled_from(["a", "b", "c"])), min_size=1, max_size=6
)
operation = st.one_of(
    st.tuples(st.just("put"), ids_strategy, st.integers(0, 2**31 - 1)),
    st.tuples(st.just("adopt"), ids_strategy, st.integers(0, 2**31 - 1)),  # a snapshot's block, in place
    st.tuples(st.just("delete"), ids_strategy, st.just(0)),
    st.tuples(st.just("compact"), st.just([]), st.just(0)),
)


def _brute(reference: dict, query: np.ndarray, metric: str) -> dict:
    ids = list(reference)
    m = np.stack([reference[i] for i in ids]).astype(np.float64)
    q = query.astype(np.float64)
    if metric == COSINE:
        denominator = np.linalg.norm(m, axis=1) * np.linalg.norm(q)
        d = 1 - np.divide(m @ q, denominator, out=np.zeros(len(ids)), where=denominator > 0)
    else:
        d = ((m - q) ** 2).sum(1)
    return dict(zip(ids, d.tolist(), strict=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    operations=st.lists(operation, max_size=40),
    chunk_rows=st.sampled_from([1, 2, 4, 8]),
    metric=st.sampled_from([COSINE, EUCLIDEAN]),
)
def test_the_column_equals_a_dict_of_arrays(operations, chunk_rows, metric):
    store = VectorColumn(DIMS, chunk_rows=chunk_rows)
    reference: dict = {}
    handed_out: list[tuple[np.ndarray, np.ndarray]] = []  # (view, its values when handed out)
    for kind, ids, seed in operations:
        if kind in ("put", "adopt"):
            values = np.random.default_rng(seed).integers(-3, 4, (len(ids), DIMS)).astype(np.float32)
            if kind == "adopt":
                block = values.copy()
                block.flags.writeable = False  # the column must never write into an adopted block
                views = store.adopt(ids, block)
                assert all(np.shares_memory(view, block) for view in views)
            else:
                views = store.put(ids, values)
            for doc_id, value, view in zip(ids, values, views, strict=True):
                reference[doc_id] = value.copy()
                handed_out.append((view, value.copy()))
        elif kind == "delete":
            store.delete(ids)
            for doc_id in ids:
                reference.pop(doc_id, None)
        else:
            for doc_id, view in store.compact().items():
                assert np.array_equal(view, reference[doc_id])
                handed_out.append((view, reference[doc_id].copy()))
        assert len(store) == len(reference)
        assert sorted(map(str, store.ids())) == sorted(map(str, reference))
        for doc_id, value in reference.items():
            assert np.array_equal(store.vector(doc_id), value)
    for view, value in handed_out:  # rows are never overwritten: old views still show their values
        assert np.array_equal(view, value)
    if reference:
        ids = list(reference)
        assert np.array_equal(store.vectors_of(ids), np.stack([reference[i] for i in ids]))
        query = np.asarray([1.0, -2.0, 0.5, 3.0], dtype=np.float32)
        truth = _brute(reference, query, metric)
        for allowed in (None, set(ids[::2]) | {"missing"}):
            found = store.nearest(query, 3, metric, allowed)
            pool = {i: d for i, d in truth.items() if allowed is None or i in allowed}
            assert len(found) == min(3, len(pool))
            expected = sorted(pool.values())[: len(found)]
            assert [d for _, d in found] == pytest.approx(expected, abs=1e-9)
            assert all(pool[i] == pytest.approx(d, abs=1e-9) for i, d in found)


def test_tombstoned_chunks_are_compacted_and_their_matrix_freed_once_unreferenced():
    store = VectorColumn(DIMS, chunk_rows=4)
    views = store.put(list(range(8)), np.arange(32, dtype=np.float32).reshape(8, 4))
    first_matrix = views[0].base
    store.delete([0, 1, 2])  # the first chunk is mostly tombstones now
    moved = store.compact()
    assert sorted(moved) == [3]
    assert np.array_equal(moved[3], np.arange(12, 16, dtype=np.float32))
    assert store.tombstones() == 0 and len(store) == 5
    assert np.array_equal(views[0], [0, 1, 2, 3])  # the old chunk is intact for whoever holds it
    assert first_matrix is views[3].base
    store.put([9], np.ones((1, 4), dtype=np.float32))
    assert np.array_equal(store.vector(3), np.arange(12, 16, dtype=np.float32))


def _vector_rows(ids: range, value: float) -> list[dict]:
    return [{"id": i, "vector": [value + i] * DIMS} for i in ids]


def test_a_background_snapshot_holds_the_values_at_its_cut_while_the_same_ids_are_overwritten(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(column, "chunk_rows_for", lambda dims: 4)  # compaction after a few writes
    registry = Registry(open_storage(tmp_path), snapshot_every_records=1)
    registry.recover()
    release = threading.Event()
    started = threading.Event()
    save_graphs = registry._save_graphs

    def held_save_graphs(generation, graphs):  # the snapshot thread waits here, after the cut
        started.set()
        assert release.wait(30)
        save_graphs(generation, graphs)

    monkeypatch.setattr(registry, "_save_graphs", held_save_graphs)
    ids = range(16)
    registry.write(
        "dev", "vm", {"upsert_rows": _vector_rows(ids, 0.0), "distance_metric": "euclidean_squared"}
    )
    assert started.wait(30) and registry.snapshot_running
    ns = registry._orgs["dev"]["vm"]
    for round_ in range(1, 6):  # overwrite every id again and again while the snapshot is pending
        registry.write("dev", "vm", {"upsert_rows": _vector_rows(ids, 100.0 * round_)})
    assert (
        ns._vector_columns["vector"].tombstones() < 16 * 5
    )  # compaction ran: rows were moved, chunks dropped
    assert [float(ns.docs[i]["vector"][0]) for i in ids] == [500.0 + i for i in ids]
    release.set()
    registry.wait_for_snapshot()
    registry._storage.close()

    storage = open_storage(tmp_path)
    snapshot, log_records = storage.recover()
    storage.close()
    table = NamespaceTable()
    for record in read_registry(snapshot):
        apply_record(table, record)
    loaded = table.get("dev", "vm")
    assert loaded is not None
    at_cut = loaded.docs
    assert {i: at_cut[i]["vector"].tolist() for i in ids} == {i: [float(i)] * DIMS for i in ids}
    assert len(log_records) == 5

    restarted = Registry(open_storage(tmp_path))
    restarted.recover()
    docs = restarted._orgs["dev"]["vm"].docs
    assert {i: docs[i]["vector"].tolist() for i in ids} == {i: [500.0 + i] * DIMS for i in ids}
    restarted.close()


def test_documents_hold_views_of_the_column_and_copies_keep_their_own(monkeypatch):
    monkeypatch.setattr(column, "chunk_rows_for", lambda dims: 4)
    registry = Registry()
    registry.write(
        "dev", "src", {"upsert_rows": _vector_rows(range(6), 1.0), "distance_metric": "cosine_distance"}
    )
    registry.write("dev", "dst", {"copy_from_namespace": "src"})
    src, dst = registry._orgs["dev"]["src"], registry._orgs["dev"]["dst"]
    assert all(doc["vector"].base is not None for doc in src.docs.values())
    registry.write("dev", "src", {"upsert_rows": _vector_rows(range(6), 50.0)})
    registry.write("dev", "src", {"deletes": [0, 1, 2]})
    assert [float(dst.docs[i]["vector"][0]) for i in range(6)] == [1.0 + i for i in range(6)]
    assert [float(src.docs[i]["vector"][0]) for i in range(3, 6)] == [50.0 + i for i in range(3, 6)]
    found = dst.vector_index("vector").exact_search(np.ones(DIMS, dtype=np.float32) * 3.0, 2)
    assert len(found) == 2 and all(d == pytest.approx(0.0, abs=1e-12) for _, d in found)
