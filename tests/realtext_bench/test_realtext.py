"""The real-text benchmark tier's own logic: how pages become passages and how targets are judged.

The measurements themselves run in ``make bench``; these check that BENCHMARKS.md's corpus is what
benchmarks/README.md says and that a verdict follows from the figures it prints.
"""

from __future__ import annotations

from typing import Any

from benchmarks.realtext import corpus, targets


def _sentence(words: int, tag: str) -> str:
    return " ".join(f"{tag}{i}" for i in range(words - 1)) + " end."


def test_only_paragraph_text_is_kept_and_entities_are_decoded() -> None:
    parser = corpus._Paragraphs()
    parser.feed(
        "<html><div class='related'><ul><li><a href='x'>Navigation</a></li></ul></div>"
        "<p>Use <code>os.path</code> &amp; <em>pathlib</em>.</p><pre>code()</pre>"
        "<p>\n  Second\n paragraph. </p></html>"
    )
    assert parser.paragraphs == ["Use os.path & pathlib.", "Second paragraph."]


def test_passages_hold_whole_sentences_between_50_and_150_words() -> None:
    page = [
        " ".join(_sentence(20, t) for t in "abc"),  # 60 words: one passage of three sentences
        _sentence(400, "long"),  # longer than a passage: cut at 150 words
        _sentence(30, "tail"),  # the page's tail: its own passage
        _sentence(5, "tiny"),
    ]
    passages = [p.split() for p in corpus._split(page)]
    assert [len(p) for p in passages] == [60, 150, 150, 100, 35]
    assert passages[0][-1] == "end." and passages[-1][-1] == "end."


def _figures(**overrides: Any) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "http_floor": {"p50_ms": 1.0},
        "bm25": {"emulator": {"p50_ms": 4.0}, "tantivy": {"p50_ms": 1.0}, "overlap_at_10": 0.9},
        "order_by": {"emulator": {"p50_ms": 4.1}, "duckdb": {"p50_ms": 1.0}},
        "group_by": {"emulator": {"p50_ms": 2.0}, "duckdb": {"p50_ms": 1.0}},
        "filtered_ann": {
            "1%": {"emulator": {"p50_ms": 3.0}, "numpy": {"p50_ms": 1.0}, "recall_at_10": 0.95},
            "10%": {"emulator": {"p50_ms": 2.0}, "numpy": {"p50_ms": 1.0}, "recall_at_10": 0.9},
        },
        "ingest_text": {
            "acknowledged_rows_per_second": 10_000,
            "rows_per_second_with_first_query": 8_000,
            "first_bm25_seconds": 0.5,
        },
        "memory": {"emulator_text_server_bytes": 301, "tantivy_process_bytes": 100},
    }
    figures.update(overrides)
    return figures


def test_each_verdict_follows_from_the_floor_and_the_peer_of_the_same_run() -> None:
    verdicts = [row["met"] for row in targets.evaluate(_figures())]
    assert verdicts == [
        True,  # BM25 4.0 <= 1 + 3 x 1.0
        False,  # order-by 4.1 > 1 + 3 x 1.0
        True,  # group-by
        True,  # filtered 1%: 3.0 <= 1 + 2 x 1.0, recall 0.95
        False,  # filtered 10%: fast enough, but recall 0.9 < 0.95
        True,  # ingest 8,000 / 10,000 = 80%
        False,  # memory 3.01x tantivy
    ]
    assert "overlap with tantivy 0.90" in targets.evaluate(_figures())[0]["measured"]


def test_a_missing_figure_is_not_measured_rather_than_met() -> None:
    rows = targets.evaluate(_figures(bm25={}, memory={}))
    assert rows[0]["met"] is None and rows[0]["measured"] == "not measured"
    assert rows[-1]["met"] is None


def test_a_bound_uses_the_floor_timed_right_after_the_peer_when_the_run_measured_it() -> None:
    """The floor is paid under the judged query's conditions (after the peer's query); results
    files from before that floor was measured are judged by the back-to-back floor."""
    bm25 = {"emulator": {"p50_ms": 4.5}, "tantivy": {"p50_ms": 1.0}, "floor_after_peer": {"p50_ms": 1.6}}
    row = targets.evaluate(_figures(bm25=bm25))[0]
    assert row["met"] is True  # 4.5 <= 1.6 + 3 x 1.0, though > 1.0 + 3 x 1.0
    assert "floor after tantivy 1.60" in row["bound"] and "back-to-back floor 1.00" in row["bound"]
    del bm25["floor_after_peer"]
    assert targets.evaluate(_figures(bm25=bm25))[0]["met"] is False
