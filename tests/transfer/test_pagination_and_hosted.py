"""Export pages through a namespace of thousands of rows (uint, string and uuid ids), and
``import --from-hosted`` copies a namespace from another server (a second emulator standing in for
the hosted service) without files."""

from __future__ import annotations

import uuid

import orjson
import pyarrow.parquet as pq
import pytest

from tests.support.server import start_emulator
from tests.transfer.helpers import all_rows, exists, run_cli, schema_of

ROWS = 3_500


def _id(kind: str, i: int) -> object:
    if kind == "uint":
        return i * 7
    if kind == "string":
        return f"doc-{i:05d}"
    return str(uuid.UUID(int=i * 0x1_0000_0001))


def _fill(server, namespace: str, kind: str) -> None:
    rows = [{"id": _id(kind, i), "n": i, "vector": [i / ROWS, 1.0]} for i in range(ROWS)]
    schema = {"id": "uuid"} if kind == "uuid" else {}
    with server.client() as client:
        answer = client.post(
            f"/v2/namespaces/{namespace}",
            json={"upsert_rows": rows, "distance_metric": "cosine_distance", "schema": schema},
        )
    assert answer.status_code == 200, answer.text


def _file_rows(path):
    if path.suffix == ".jsonl":
        return [orjson.loads(line) for line in path.read_bytes().splitlines()[1:]]
    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize(("kind", "fmt"), [("uint", "jsonl"), ("string", "parquet"), ("uuid", "parquet")])
def test_export_pages_through_every_row(emulator, target, unique_ns, tmp_path, kind, fmt):
    _fill(emulator, unique_ns, kind)
    path = tmp_path / f"big.{fmt}"
    out = run_cli("export", unique_ns, "-o", str(path), "--url", emulator.base_url, "--page-size", "1000")
    assert out.returncode == 0, out.stderr
    rows = _file_rows(path)
    assert len(rows) == ROWS
    assert len({row["id"] for row in rows}) == ROWS
    assert sorted(row["n"] for row in rows) == list(range(ROWS))

    out = run_cli("import", str(path), "--url", target.base_url)
    assert out.returncode == 0, out.stderr
    assert f"({ROWS} rows)" in out.stdout
    assert all_rows(target, unique_ns) == all_rows(emulator, unique_ns)


def test_import_from_hosted_copies_a_namespace(emulator, target, write_rich, unique_ns):
    write_rich(unique_ns)
    out = run_cli(
        "import",
        "--from-hosted", unique_ns,
        "--hosted-url", emulator.base_url,
        "--namespace", f"{unique_ns}-copy",
        "--url", target.base_url,
        "--page-size", "10",
        env={"TURBOPUFFER_API_KEY": emulator.api_key},  # the hosted key comes from the environment
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert all_rows(target, f"{unique_ns}-copy") == all_rows(emulator, unique_ns)
    assert schema_of(target, f"{unique_ns}-copy") == schema_of(emulator, unique_ns)


def test_import_from_hosted_needs_a_region_or_url(target, unique_ns):
    out = run_cli(
        "import", "--from-hosted", unique_ns, "--url", target.base_url, env={"TURBOPUFFER_API_KEY": "k"}
    )
    assert out.returncode == 1
    assert out.stderr.strip() == (
        "tpuf-emulator import: --from-hosted needs --hosted-url or the TURBOPUFFER_REGION variable"
    )
    assert not exists(target, unique_ns)


def test_import_from_hosted_with_a_wrong_key_says_so(emulator, target, write_rich, unique_ns):
    write_rich(unique_ns)
    out = run_cli(
        "import", "--from-hosted", unique_ns, "--hosted-url", emulator.base_url,
        "--hosted-api-key", "not-a-key", "--url", target.base_url,
    )  # fmt: skip
    assert out.returncode == 1
    assert "HTTP 401" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert not exists(target, unique_ns)


def test_export_all_writes_one_file_per_namespace_and_an_empty_one_imports_nothing(tmp_path):
    with start_emulator() as server, server.client() as client:
        for name in ("alpha", "beta", "gone"):
            assert (
                client.post(
                    f"/v2/namespaces/{name}", json={"upsert_rows": [{"id": 1, "x": name}]}
                ).status_code
                == 200
            )
        assert client.post("/v2/namespaces/gone", json={"deletes": [1]}).status_code == 200
        out = run_cli("export", "--all", "-o", str(tmp_path / "all"), "--url", server.base_url)
        assert out.returncode == 0, out.stderr
        assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [
            "alpha.jsonl",
            "beta.jsonl",
            "gone.jsonl",
        ]
        assert (tmp_path / "all" / "gone.jsonl").read_text().count("\n") == 1  # the header only

        assert client.delete("/v2/namespaces/gone").status_code == 200
        out = run_cli("import", str(tmp_path / "all" / "gone.jsonl"), "--url", server.base_url)
        assert out.returncode == 0, out.stderr
        assert "has no rows: namespace 'gone' not created" in out.stdout
