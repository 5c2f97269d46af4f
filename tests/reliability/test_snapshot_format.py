"""The registry's snapshot round trip: every namespace, setting and value kind comes back exactly,
across document batches, with dense vectors stored as raw float32 and everything else as JSON."""

from __future__ import annotations

import mmap
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tpuf_emulator.namespaces import Registry, snapshots
from tpuf_emulator.storage import StorageCorrupted, open_storage
from tpuf_emulator.storage.engine import SNAPSHOT_FILE


def open_registry(data_dir: Path, **kwargs: Any) -> Registry:
    registry = Registry(open_storage(data_dir), **kwargs)
    registry.recover()
    return registry


def state(registry: Registry) -> dict[tuple[str, str], dict[str, Any]]:
    """Everything a snapshot must keep, with numpy arrays turned into comparable lists."""

    def plain(value: Any) -> Any:
        if isinstance(value, np.ndarray):
            return ("array", str(value.dtype), value.tolist())
        return value

    out = {}
    for org, spaces in registry._orgs.items():
        for name, ns in spaces.items():
            out[org, name] = {
                "schema": ns.schema.to_json(),
                "metric": ns.distance_metric,
                "settings": dict(vars(ns), docs=None, lock=None, _index_mutex=None,
                                 _fulltext=None, _vectors=None, _filter_index=None, schema=None),
                "docs": {doc_id: {k: plain(v) for k, v in doc.items()} for doc_id, doc in ns.docs.items()},
            }  # fmt: skip
    return out


def fill(registry: Registry) -> None:
    rng = np.random.default_rng(1)
    rows = [
        {
            "id": i,
            "vector": rng.standard_normal(4).astype(np.float32).tolist(),
            "title": f"title {i}",
            "tags": ["a", "b"] if i % 2 else [],
            "score": i * 0.5,
            "when": "2024-01-02T03:04:05Z",
        }
        for i in range(60)
    ]
    for row in rows[::9]:
        del row["title"]  # documents of one batch differ in the attributes they have
    registry.write("dev", "vectors", {"upsert_rows": rows, "distance_metric": "cosine_distance",
                                      "schema": {"title": {"type": "string", "full_text_search": True}}})  # fmt: skip
    registry.write("dev", "vectors", {"deletes": [5, 6], "patch_rows": [{"id": 7, "title": "patched"}]})
    registry.write("dev", "half", {
        "upsert_rows": [{"id": f"s{i}", "vector": [float(i), 1.0, 2.0], "sparse": {"3": 0.5}} for i in range(10)]
        + [{"id": f"t{i}", "vector": [0.0, 0.0, float(i)], "raw": "AQID"} for i in range(5)],
        "distance_metric": "euclidean_squared",
        "schema": {"vector": "[3]f16", "raw": "bytes", "sparse": "{}f16"},
    })  # fmt: skip
    registry.write("dev", "no-docs-left", {"upsert_rows": [{"id": 1, "x": 1}]})
    registry.write("dev", "no-docs-left", {"deletes": [1]})
    registry.write("other-org", "vectors", {"upsert_rows": [{"id": 1, "x": "same name, other org"}]})
    registry.write("dev", "branch", {"branch_from_namespace": "vectors"})
    registry.patch_metadata("dev", "branch", {"read_only": True})


@pytest.mark.parametrize("batch_docs", [1, 7, snapshots.BATCH_DOCS])
def test_snapshot_round_trip_keeps_every_namespace_exactly(tmp_path, monkeypatch, batch_docs):
    monkeypatch.setattr(snapshots, "BATCH_DOCS", batch_docs)
    registry = open_registry(tmp_path)
    fill(registry)
    before = state(registry)
    registry.snapshot()
    registry.close()
    assert (tmp_path / SNAPSHOT_FILE).exists()
    restored = open_registry(tmp_path)
    assert state(restored) == before
    assert restored._storage.log_bytes == 0  # everything came from the snapshot, nothing from the log
    # Restored vectors are ordinary writable float32 arrays, and queries and writes work on them.
    vector = restored._orgs["dev"]["vectors"].docs[0]["vector"]
    assert vector.dtype == np.float32 and vector.flags.writeable
    hits = restored.query("dev", "vectors", {"rank_by": ["vector", "ANN", vector.tolist()], "top_k": 1})
    assert [row["id"] for row in hits["rows"]] == [0]
    restored.write("dev", "vectors", {"upsert_rows": [{"id": 1000, "vector": [1.0, 0, 0, 0]}]})
    restored.close()
    again = open_registry(tmp_path)
    assert again._orgs["dev"]["vectors"].docs[1000]["vector"].tolist() == [1.0, 0, 0, 0]
    again.close()


def test_snapshot_then_log_replay_restores_later_writes(tmp_path):
    registry = open_registry(tmp_path)
    fill(registry)
    registry.snapshot()
    registry.write("dev", "vectors", {"deletes": [0], "upsert_rows": [{"id": 500, "vector": [0, 0, 0, 1.0]}]})
    registry.delete_namespace("dev", "half")
    before = state(registry)
    registry._storage.close()  # a crash: no final snapshot
    restored = open_registry(tmp_path)
    assert state(restored) == before
    restored.close()


def test_a_damaged_snapshot_chunk_stops_recovery(tmp_path):
    registry = open_registry(tmp_path)
    fill(registry)
    registry.snapshot()
    registry.close()
    path = tmp_path / SNAPSHOT_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x04
    path.write_bytes(bytes(data))
    registry = Registry(open_storage(tmp_path))
    with pytest.raises(StorageCorrupted, match="checksum"):
        registry.recover()
    registry._storage.close()


@pytest.mark.parametrize("dims", [3, 4, 768])
def test_restored_vectors_are_the_snapshot_file_mapped_in_place(tmp_path, dims):
    """A restart does not copy vectors: each dense vector column's rows are the snapshot's float32
    blocks, memory-mapped (so a 1M x 768 namespace serves without allocating and filling 3 GB).
    Odd dimensions and documents of varying JSON size check that every block lands aligned."""
    registry = open_registry(tmp_path)
    rng = np.random.default_rng(dims)
    vectors = rng.standard_normal((5000, dims)).astype(np.float32)
    rows = [{"id": i, "vector": vectors[i].tolist(), "note": "x" * (i % 7)} for i in range(5000)]
    registry.write("dev", "vecs", {"upsert_rows": rows, "distance_metric": "euclidean_squared"})
    registry.snapshot()
    registry.close()

    restored = open_registry(tmp_path)
    docs = restored._orgs["dev"]["vecs"].docs
    for i in (0, 1, 2047, 2048, 4999):
        vector = docs[i]["vector"]
        assert np.array_equal(vector, vectors[i])
        assert vector.flags.aligned and vector.flags.writeable
        base = vector
        while isinstance(base, np.ndarray):
            base = base.base
        assert isinstance(base, memoryview) and isinstance(base.obj, mmap.mmap)
    hits = restored.query("dev", "vecs", {"rank_by": ["vector", "ANN", vectors[42].tolist()], "top_k": 1})
    assert [row["id"] for row in hits["rows"]] == [42]
    # Writes after the restart land in ordinary memory; the snapshot file is never written through.
    before = (tmp_path / SNAPSHOT_FILE).read_bytes()
    restored.write("dev", "vecs", {"upsert_rows": [{"id": 0, "vector": [9.0] * dims}], "deletes": [1]})
    docs[2]["vector"][0] = 123.0  # even a stray in-place write reaches a private copy of the page only
    assert (tmp_path / SNAPSHOT_FILE).read_bytes() == before
    assert (
        restored.query("dev", "vecs", {"rank_by": ["vector", "ANN", [9.0] * dims], "top_k": 1})["rows"][0][
            "id"
        ]
        == 0
    )
    restored.close()


def test_a_snapshot_that_cannot_be_memory_mapped_is_read_instead(tmp_path, monkeypatch, caplog):
    """A file system without mmap, or a process at vm.max_map_count: recovery reads the chunks."""
    from tpuf_emulator.storage import snapshot

    registry = open_registry(tmp_path)
    fill(registry)
    registry.snapshot()
    before = state(registry)
    registry.close()

    def cannot_map(*args: Any) -> memoryview:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(snapshot, "_map", cannot_map)
    restored = open_registry(tmp_path)
    assert state(restored) == before
    assert "cannot memory-map" in caplog.text and caplog.text.count("cannot memory-map") == 1
    vector = restored._orgs["dev"]["vectors"].docs[0]["vector"]
    while isinstance(vector, np.ndarray):
        vector = vector.base
    assert isinstance(vector, memoryview) and isinstance(vector.obj, bytes)  # the chunk as read
    restored.close()
