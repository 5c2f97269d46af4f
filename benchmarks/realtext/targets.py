"""The issue's targets for the real-text tier, judged from one run's figures.

Each target is a bound made of figures of the same run (the HTTP floor plus a multiple of the
peer's p50, a rate, a memory ratio), so a loaded machine moves both sides of the comparison.
``met`` is None when a figure is missing (the run stopped early).

The floor of a latency bound is the cheapest query timed the way the judged query is: right after
the peer's query (``floor_after_peer``, see ``run._floor_once``). Results files from before it was
measured fall back to the back-to-back floor (``http_floor``), which both are shown beside.
"""

from __future__ import annotations

from typing import Any


def _get(d: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def _latency(
    name: str, figures: dict[str, Any], path: tuple[str, ...], peer: str, times: int, recall: bool = False
) -> dict[str, Any]:
    ours = _get(figures, *path, "emulator", "p50_ms")
    theirs = _get(figures, *path, peer, "p50_ms")
    back_to_back = _get(figures, "http_floor", "p50_ms")
    after_peer = _get(figures, *path, "floor_after_peer", "p50_ms")
    floor = after_peer if after_peer is not None else back_to_back
    if ours is None or theirs is None or floor is None:
        return {"target": name, "measured": "not measured", "met": None}
    bound = floor + times * theirs
    met = ours <= bound
    measured = f"{ours:.2f} ms vs {peer} {theirs:.3f} ms ({ours / theirs:.1f}x {peer})"
    if recall:
        r = _get(figures, *path, "recall_at_10")
        measured += f", recall@10 {r}"
        met = met and r is not None and r >= 0.95
    if after_peer is None:
        explained = f"<= {bound:.2f} ms (floor {floor:.2f} + {times} x {theirs:.3f})"
    else:
        explained = (
            f"<= {bound:.2f} ms (floor after {peer} {floor:.2f} + {times} x {theirs:.3f}; with the"
            f" back-to-back floor {back_to_back:.2f} it would be {back_to_back + times * theirs:.2f})"
        )
    return {
        "target": name,
        "measured": measured,
        "bound": explained,
        "budget_used": round(ours / bound, 2),
        "met": met,
    }


def evaluate(figures: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [
        _latency("BM25 top-10 p50 over HTTP <= floor + 3 x tantivy", figures, ("bm25",), "tantivy", 3),
        _latency("order-by top-10 p50 <= floor + 3 x DuckDB", figures, ("order_by",), "duckdb", 3),
        _latency("group-by + Count p50 <= floor + 3 x DuckDB", figures, ("group_by",), "duckdb", 3),
    ]
    for label in ("1%", "10%"):
        rows.append(
            _latency(
                f"filtered ANN ({label}) p50 <= floor + 2 x numpy exact, recall@10 >= 0.95",
                figures,
                ("filtered_ann", label),
                "numpy",
                2,
                recall=True,
            )
        )
    overlap = _get(figures, "bm25", "overlap_at_10")
    if overlap is not None and rows[0]["met"] is not None:
        rows[0]["measured"] += f"; top-10 overlap with tantivy {overlap:.2f}"
    ack = _get(figures, "ingest_text", "acknowledged_rows_per_second")
    with_first = _get(figures, "ingest_text", "rows_per_second_with_first_query")
    if ack is None or with_first is None:
        rows.append(
            {
                "target": "text ingest incl. first BM25 >= 80% of acknowledged rate",
                "measured": "not measured",
                "met": None,
            }
        )
    else:
        ratio = with_first / ack
        first = _get(figures, "ingest_text", "first_bm25_seconds")
        rows.append(
            {
                "target": "text ingest incl. first BM25 >= 80% of acknowledged rate",
                "measured": f"{with_first:,} vs {ack:,} rows/s = {ratio:.0%} (first BM25 query {first:.2f} s)",
                "bound": ">= 80%",
                "met": ratio >= 0.8,
            }
        )
    ours = _get(figures, "memory", "emulator_text_server_bytes")
    theirs = _get(figures, "memory", "tantivy_process_bytes")
    if ours is None or theirs is None:
        rows.append(
            {
                "target": "text-server resident memory <= 3 x tantivy process",
                "measured": "not measured",
                "met": None,
            }
        )
    else:
        rows.append(
            {
                "target": "text-server resident memory <= 3 x tantivy process",
                "measured": f"{ours / 2**20:,.0f} MiB vs {theirs / 2**20:,.0f} MiB = {ours / theirs:.1f}x",
                "bound": "<= 3.0x",
                "met": ours <= 3 * theirs,
            }
        )
    return rows
