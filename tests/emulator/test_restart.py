"""Durability: everything acknowledged before a restart is there after it (snapshot + log replay)."""

from __future__ import annotations

import pytest
import turbopuffer

from tests.support.api import docs, write
from tests.support.server import start_emulator


def _state(client, names):
    out = {}
    for name in names:
        out[name] = {
            "docs": docs(client, name),
            "schema": client.get(f"/v1/namespaces/{name}/schema").json(),
            # ``index`` reports ANN indexing progress, which restarts from scratch: not state.
            "metadata": {
                k: v for k, v in client.get(f"/v2/namespaces/{name}/metadata").json().items() if k != "index"
            },
        }
    out["list"] = client.get("/v1/namespaces").json()
    return out


@pytest.mark.parity("write-durable")
def test_restart_replays_every_kind_of_write(tmp_path):
    data_dir = tmp_path / "data"
    with start_emulator(data_dir=data_dir) as server, server.client() as client:
        write(client, "docs", {
            "upsert_rows": [{"id": i, "vector": [float(i), 0.5], "title": f"title {i}", "when": "2024-01-02"}
                            for i in range(20)],
            "distance_metric": "cosine_distance",
            "schema": {"title": {"type": "string", "full_text_search": {"stemming": True}}, "when": "datetime"},
        })  # fmt: skip
        write(client, "docs", {"deletes": [3], "patch_rows": [{"id": 4, "title": "patched"}]})
        write(client, "docs", {"delete_by_filter": ["id", "Gte", 18]})
        write(
            client,
            "docs",
            {
                "upsert_rows": [{"id": 0, "vector": [9, 9], "title": "x"}],
                "upsert_condition": ["id", "Eq", None],
            },
        )  # fmt: skip  (skipped: exists)
        write(client, "branch", {"branch_from_namespace": "docs"})
        write(client, "uuids", {"upsert_rows": [{"id": "0b7e1c0e-0000-4000-8000-000000000001", "raw": "AQID"}],
                                "schema": {"id": "uuid", "raw": "bytes", "sparse": "{}f16"}})  # fmt: skip
        write(client, "gone", {"upsert_rows": [{"id": 1}]})
        assert client.delete("/v2/namespaces/gone").status_code == 200
        client.patch("/v1/namespaces/branch/metadata", json={"pinning": True, "read_only": True})
        before = _state(client, ["docs", "branch", "uuids"])

    with start_emulator(data_dir=data_dir) as server, server.client() as client:
        assert _state(client, ["docs", "branch", "uuids"]) == before
        assert client.get("/v1/namespaces/gone/schema").status_code == 404
        # Indexes are rebuilt from the restored documents.
        hits = client.post(
            "/v2/namespaces/docs/query", json={"rank_by": ["title", "BM25", "patched"], "limit": 10}
        ).json()
        assert [row["id"] for row in hits["rows"]] == [4]
        # And the restored namespace keeps accepting writes that survive the next restart.
        write(client, "docs", {"upsert_rows": [{"id": 100, "vector": [1, 1], "title": "after restart"}]})

    with start_emulator(data_dir=data_dir) as server, server.client() as client:
        assert docs(client, "docs")[100]["title"] == "after restart"
        assert len(docs(client, "docs")) == 18


def test_official_client_data_survives_restart(tmp_path, monkeypatch):
    monkeypatch.delenv("TURBOPUFFER_REGION", raising=False)
    data_dir = tmp_path / "data"
    with start_emulator(data_dir=data_dir) as server:
        with turbopuffer.Turbopuffer(api_key=server.api_key, base_url=server.base_url) as tpuf:
            tpuf.namespace("kept").write(
                upsert_rows=[{"id": 1, "vector": [0.25, 0.5], "name": "one"}],
                distance_metric="euclidean_squared",
            )
    with start_emulator(data_dir=data_dir) as server:
        with turbopuffer.Turbopuffer(api_key=server.api_key, base_url=server.base_url) as tpuf:
            (row,) = (
                tpuf.namespace("kept").query(rank_by=("id", "asc"), top_k=5, include_attributes=True).rows
            )
            assert row.id == 1 and row.name == "one" and row.vector == [0.25, 0.5]


@pytest.mark.parity("write-durable")
def test_acknowledged_writes_survive_sigkill(tmp_path):
    """No clean shutdown, so no final snapshot: the write-ahead log alone brings everything back."""
    data_dir = tmp_path / "data"
    with start_emulator(data_dir=data_dir) as server, server.client() as client:
        write(client, "k", {"upsert_rows": [{"id": i, "n": i} for i in range(10)]})
        write(client, "k", {"patch_by_filter": {"filters": ["n", "Lt", 5], "patch": {"low": True}}})
        write(client, "k2", {"copy_from_namespace": "k"})
        client.patch("/v1/namespaces/k/metadata", json={"read_only": True})
        before = _state(client, ["k", "k2"])
        server.process.kill()
        server.process.wait()
    with start_emulator(data_dir=data_dir) as server, server.client() as client:
        assert _state(client, ["k", "k2"]) == before
