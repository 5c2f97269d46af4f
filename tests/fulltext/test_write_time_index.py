"""The full-text index is maintained at write time (in-process, through the registry): right after a
bulk write the index exists and is current, and the first BM25 query builds nothing; enabling
full_text_search on an attribute that already has values builds the index in that schema write;
version 2 snapshots (without postings) are still read, their indexes rebuilt from the documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from tpuf_emulator.namespaces import Registry, snapshots
from tpuf_emulator.namespaces.namespace import Namespace
from tpuf_emulator.storage import open_storage

TEXTS = [
    "The quick brown fox jumps over the lazy dog",
    "A whale surfaced near the little ship",
    "Happy families are all alike",
    "Call me Ishmael, said the sailor to the whale",
]
SCHEMA = {"text": {"type": "string", "full_text_search": {"stemming": True}}}


def rows(count: int) -> list[dict]:
    return [{"id": i, "text": TEXTS[i % len(TEXTS)] + f" passage {i}"} for i in range(count)]


@pytest.fixture
def no_building(monkeypatch):
    """Make any full-text index construction from documents fail loudly."""

    def refuse(self, attr, config):
        raise AssertionError(f"a query built the full-text index of {attr!r}")

    def forbid() -> None:
        monkeypatch.setattr(Namespace, "_build_fulltext", refuse)

    return forbid


def bm25(registry: Registry, query: str, ns: str = "docs") -> list[tuple[object, float]]:
    result = registry.query("dev", ns, {"rank_by": ["text", "BM25", query], "top_k": 5})
    return [(row["id"], row["$dist"]) for row in result["rows"]]


def test_a_bulk_write_leaves_a_current_index_and_the_first_query_builds_nothing(no_building) -> None:
    registry = Registry()
    registry.write("dev", "docs", {"upsert_rows": rows(3000), "schema": SCHEMA})
    ns = registry._orgs["dev"]["docs"]
    index = ns.fulltext_indexes()["text"]  # exists right after the write, before any query
    assert index.doc_count == 3000
    no_building()
    hits = bm25(registry, "whales")
    assert len(hits) == 5 and ns.fulltext("text") is index and index.origin == "documents"
    registry.write("dev", "docs", {"deletes": [1, 5], "upsert_rows": [{"id": 3000, "text": "whale whale"}]})
    assert index.doc_count == 2999 and bm25(registry, "whales")[0][0] == 3000


def test_enabling_full_text_search_builds_the_index_in_the_schema_write(no_building) -> None:
    registry = Registry()
    registry.write("dev", "docs", {"upsert_rows": rows(500)})  # text is not full-text indexed yet
    ns = registry._orgs["dev"]["docs"]
    assert ns.fulltext_indexes() == {}
    registry.update_schema("dev", "docs", SCHEMA)
    assert ns.fulltext_indexes()["text"].doc_count == 500
    no_building()
    assert len(bm25(registry, "fox")) == 5
    registry.update_schema("dev", "docs", {"text": {"type": "string", "full_text_search": False}})
    assert ns.fulltext_indexes() == {}


def test_a_version_2_snapshot_is_read_and_its_index_rebuilt(tmp_path: Path, monkeypatch) -> None:
    registry = Registry(open_storage(tmp_path))
    registry.recover()
    registry.write("dev", "docs", {"upsert_rows": rows(200), "schema": SCHEMA})
    expected = bm25(registry, "whale passage")
    with monkeypatch.context() as patch:  # write the snapshot as version 2 wrote it: no postings
        patch.setattr(snapshots, "FORMAT_VERSION", 2)
        patch.setattr(snapshots, "_fulltext_chunks", lambda cut: iter(()))
        registry.close()
    restored = Registry(open_storage(tmp_path))
    restored.recover()
    index = restored._orgs["dev"]["docs"].fulltext_indexes()["text"]
    assert index.origin == "documents" and bm25(restored, "whale passage") == expected
    restored.write("dev", "other", {"upsert_rows": [{"id": 1}]})  # so that closing snapshots again
    restored.close()
    again = Registry(open_storage(tmp_path))  # the next snapshot (version 3) carries the postings
    again.recover()
    assert again._orgs["dev"]["docs"].fulltext_indexes()["text"].origin == "snapshot"
    assert bm25(again, "whale passage") == expected
    again.close()
