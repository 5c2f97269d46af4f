"""Log records: what a write logs comes back exactly, vectors travel as raw float32 (not base64),
and records written by earlier versions (plain JSON) still replay."""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import orjson
from tpuf_emulator.namespaces import Registry, records
from tpuf_emulator.storage import open_storage


def test_packed_record_round_trips_every_value_kind() -> None:
    rng = np.random.default_rng(3)
    docs = [
        {"id": 1, "v": rng.standard_normal(8).astype(np.float32), "b": b"\x00\xff", "s": {"7": 0.5}},
        {"id": "two", "v": rng.standard_normal(8).astype(np.float32), "m": np.ones((2, 3), np.float32)},
        {"id": 3, "title": "no vector here", "when": 1_700_000_000_000},
        {"id": 4, "v": rng.standard_normal(5).astype(np.float32)},  # another length: kept as JSON
    ]
    record = records.loads(records.dumps({"op": "write", "org": "o", "ns": "n", "del": [9]}, docs))
    assert record["op"] == "write" and record["del"] == [9]
    assert len(record["put"]) == len(docs)
    for want, got in zip(docs, record["put"], strict=True):
        assert want.keys() == got.keys()
        for key, value in want.items():
            if isinstance(value, np.ndarray):
                assert got[key].dtype == np.float32 and got[key].flags.writeable
                np.testing.assert_array_equal(got[key], value)
            else:
                assert got[key] == value


def test_vectors_are_logged_as_raw_float32() -> None:
    """A bulk write's log record is about the size of its vectors, a quarter smaller than base64."""
    vectors = np.random.default_rng(4).standard_normal((500, 768)).astype(np.float32)
    raw = records.dumps({"op": "write"}, ({"id": i, "v": v} for i, v in enumerate(vectors)))
    assert len(raw) < vectors.nbytes * 1.02
    assert base64.b64encode(vectors[0].tobytes()) not in raw


def test_records_of_the_json_format_still_replay(tmp_path: Path) -> None:
    """Data directories written before records were packed keep working."""
    vector = np.arange(4, dtype=np.float32)
    legacy = [
        {"op": "write", "org": "dev", "ns": "old", "at": 1, "drop": [], "metric": "cosine_distance",
         "settings": {}, "schema": {"v": {"type": "[4]f32"}},
         "put": [{"id": 1, "v": records.encode_value(vector), "x": 5}], "del": []},
        {"op": "put", "org": "dev", "ns": "copy", "state": {
            "schema": {"v": {"type": "[4]f32"}}, "metric": "cosine_distance", "settings": {},
            "docs": [{"id": 2, "v": records.encode_value(vector * 2)}]}},
    ]  # fmt: skip
    storage = open_storage(tmp_path)
    storage.recover()
    for record in legacy:
        storage.append(orjson.dumps(record))
    storage.close()

    registry = Registry(open_storage(tmp_path))
    registry.recover()
    try:
        old = registry._orgs["dev"]["old"].docs[1]
        np.testing.assert_array_equal(old["v"], vector)
        assert old["x"] == 5
        np.testing.assert_array_equal(registry._orgs["dev"]["copy"].docs[2]["v"], vector * 2)
    finally:
        registry.close()
