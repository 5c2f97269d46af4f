"""Export pages through a namespace of thousands of rows (uint, string and uuid ids), and
``import --from-hosted`` copies a namespace from another server (a second emulator standing in for
the hosted service) without files."""

from __future__ import annotations

import uuid

import orjson
import pytest

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


@pytest.mark.parametrize("kind", ["uint", "string", "uuid"])
def test_export_pages_through_every_row(emulator, target, unique_ns, tmp_path, kind):
    _fill(emulator, unique_ns, kind)
    path = tmp_path / "big.jsonl"
    out = run_cli("export", unique_ns, "-o", str(path), "--url", emulator.base_url, "--page-size", "1000")
    assert out.returncode == 0, out.stderr
    rows = [orjson.loads(line) for line in path.read_bytes().splitlines()[1:]]
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
