"""Over HTTP, with the official client: the full-text index survives a restart as postings, loaded
from the snapshot (not rebuilt from the documents), and ranks exactly as before; writes replayed
from the log after the snapshot update the loaded index."""

from __future__ import annotations

import turbopuffer

from tests.support.server import start_emulator

# Opening sentences of public-domain novels (Project Gutenberg), recombined into passages so that
# documents share terms and many BM25 scores tie: ties must come back in the same order too.
SENTENCES = [
    "It is a truth universally acknowledged, that a single man in possession of a good fortune, "
    "must be in want of a wife.",
    "It was the best of times, it was the worst of times, it was the age of wisdom.",
    "Call me Ishmael. Some years ago I thought I would sail about a little and see the watery part "
    "of the world.",
    "Happy families are all alike; every unhappy family is unhappy in its own way.",
    "In a hole in the ground there lived a hobbit.",
    "The sea was calm and the whale surfaced near the little ship; the sailors watched the whale.",
]
QUERIES = ["whale ship", "happy family", "the age of wisdom", "little", "sail", "hobbit ground"]


def passages(count: int, salt: int = 0) -> list[dict]:
    return [
        {"id": i, "text": " ".join(SENTENCES[(i * 7 + k + salt) % len(SENTENCES)] for k in range(i % 3 + 1)),
         "kind": i % 4}
        for i in range(count)
    ]  # fmt: skip


def rankings(ns) -> list[list[tuple[object, float]]]:
    out = []
    for query in QUERIES:
        for filters in (None, ["kind", "Eq", 1]):
            result = ns.query(rank_by=("text", "BM25", query), top_k=25, filters=filters)
            out.append([(row.id, row["$dist"]) for row in result.rows or []])
        prefix = ns.query(rank_by=("text", "BM25", query[:4], {"last_as_prefix": True}), top_k=10)
        out.append([(row.id, row["$dist"]) for row in prefix.rows or []])
    assert any(len(r) >= 10 for r in out)
    return out


def index_line(ns) -> str:
    plan = ns.explain_query(rank_by=("text", "BM25", "whale"), top_k=1).plan_text
    (line,) = [line for line in plan.splitlines() if "inverted index" in line]
    return line


def test_restart_loads_the_index_from_the_snapshot_and_ranks_identically(tmp_path):
    data_dir = tmp_path / "data"
    with start_emulator(data_dir=data_dir) as server:
        with turbopuffer.Turbopuffer(api_key=server.api_key, base_url=server.base_url, max_retries=0) as tpuf:
            ns = tpuf.namespace("passages")
            schema = {
                "text": {"type": "string", "full_text_search": {"stemming": True, "remove_stopwords": True}}
            }
            ns.write(upsert_rows=passages(400), schema=schema)
            ns.write(upsert_rows=passages(60, salt=1), deletes=[100, 101, 102])  # re-indexed rows move
            before = rankings(ns)
            assert "400 documents" not in index_line(ns)  # deletes counted: 397
            assert "built from the documents" in index_line(ns)
        server.stop()  # clean shutdown: the final snapshot holds the index

        server.start()
        with turbopuffer.Turbopuffer(api_key=server.api_key, base_url=server.base_url, max_retries=0) as tpuf:
            ns = tpuf.namespace("passages")
            line = index_line(ns)
            assert "397 documents" in line and "loaded from the snapshot" in line
            assert rankings(ns) == before
            # Writes after the snapshot live in the log; a crash replays them into the loaded index.
            ns.write(upsert_rows=passages(30, salt=2), deletes=[200])
            after_writes = rankings(ns)
            assert after_writes != before
        server.kill()

        server.start()
        with turbopuffer.Turbopuffer(api_key=server.api_key, base_url=server.base_url, max_retries=0) as tpuf:
            ns = tpuf.namespace("passages")
            line = index_line(ns)
            assert "396 documents" in line and "loaded from the snapshot" in line
            assert rankings(ns) == after_writes
