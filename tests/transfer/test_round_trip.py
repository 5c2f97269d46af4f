"""export -> import -> export between two real emulators, over HTTP, for JSON Lines and Parquet:
every attribute type (vectors f32/f16, sparse, arrays, datetimes, uuids, bytes, full-text options,
nulls) comes back as identical rows and schema, and the files have the documented layout."""

from __future__ import annotations

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.transfer.helpers import all_rows, run_cli, schema_of


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_export_import_export_keeps_rows_and_schema(emulator, target, write_rich, unique_ns, tmp_path, fmt):
    write_rich(unique_ns)
    first, second = tmp_path / f"first.{fmt}", tmp_path / f"second.{fmt}"

    out = run_cli("export", unique_ns, "-o", str(first), "--url", emulator.base_url)
    assert out.returncode == 0, out.stderr
    assert f"exported namespace {unique_ns!r} (39 rows)" in out.stdout

    out = run_cli("import", str(first), "--url", target.base_url)
    assert out.returncode == 0, out.stderr
    assert all_rows(target, unique_ns) == all_rows(emulator, unique_ns)
    assert schema_of(target, unique_ns) == schema_of(emulator, unique_ns)

    out = run_cli("export", unique_ns, "-o", str(second), "--url", target.base_url)
    assert out.returncode == 0, out.stderr
    if fmt == "jsonl":
        assert second.read_bytes() == first.read_bytes()
    else:
        assert pq.read_table(second).equals(pq.read_table(first), check_metadata=True)


def test_jsonl_layout(emulator, write_rich, unique_ns, tmp_path):
    write_rich(unique_ns)
    path = tmp_path / "ns.jsonl"
    assert run_cli("export", unique_ns, "-o", str(path), "--url", emulator.base_url).returncode == 0
    header, *rows = [orjson.loads(line) for line in path.read_bytes().splitlines()]
    assert header == {
        "version": 1,
        "namespace": unique_ns,
        "distance_metric": "euclidean_squared",
        "schema": schema_of(emulator, unique_ns),
    }
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)
    one = rows[0]
    assert one["vector"] == [0.1, -0.2, 1e-7, 3.4e38]  # numbers that read back as the same float32
    assert one["when"] == "2024-02-29T23:59:59.999Z"
    assert one["ref"] == "6f9619ff-8b86-d011-b42d-00c04fc964ff"
    assert one["sparse"] == {"7": 0.5, "dim-x": 1.25}
    assert rows[1] == {"id": 2, "vector": [1.0, 2.0, 3.0, 4.0], "half": [1.0, 2.0, 3.0]}  # nulls omitted


def test_parquet_layout(emulator, write_rich, unique_ns, tmp_path):
    write_rich(unique_ns)
    path = tmp_path / "ns.parquet"
    assert run_cli("export", unique_ns, "-o", str(path), "--url", emulator.base_url).returncode == 0
    table = pq.read_table(path)
    meta = {k.decode(): v.decode() for k, v in table.schema.metadata.items() if k.startswith(b"turbopuffer.")}
    assert meta == {
        "turbopuffer.version": "1",
        "turbopuffer.namespace": unique_ns,
        "turbopuffer.distance_metric": "euclidean_squared",
        "turbopuffer.schema": orjson.dumps(schema_of(emulator, unique_ns)).decode(),
    }
    types = {field.name: field.type for field in table.schema}
    assert types["id"] == pa.uint64()
    assert types["vector"] == pa.list_(pa.float32(), 4)
    assert types["half"] == pa.list_(pa.float32(), 3)
    assert types["when"] == pa.timestamp("ms", tz="UTC")
    assert types["big"] == pa.uint64() and types["count"] == pa.int64()
    assert types["dates"] == pa.list_(pa.timestamp("ms", tz="UTC"))
    assert types["sparse"] == pa.map_(pa.string(), pa.float32())
    assert types["blob"] == pa.binary()
    assert types["tokens"] == pa.list_(pa.list_(pa.float32(), 2))
    by_id = {row["id"]: row for row in table.to_pylist()}
    assert by_id[1]["big"] == 2**64 - 1 and by_id[1]["blob"] == bytes([0, 1, 2, 3, 255])
    assert by_id[2]["title"] is None  # a null is a null cell
