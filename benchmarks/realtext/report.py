"""The real-text section of ``BENCHMARKS.md``, from the newest run that measured the tier."""

from __future__ import annotations

from typing import Any

from benchmarks.realtext.targets import _get


def _verdict(met: bool | None) -> str:
    return "not measured" if met is None else ("**met**" if met else "**NOT met**")


def _ms(figures: dict[str, Any], *path: str) -> str:
    value = _get(figures, *path, "p50_ms")
    p99 = _get(figures, *path, "p99_ms")
    return "—" if value is None else f"{value:.3f} / {p99:.3f} ms"


def section(runs: list[dict[str, Any]], run_note: Any) -> list[str]:
    """``runs`` oldest first; ``run_note(run)`` says which run a table comes from."""
    lines = ["## Real-text tier (issue 16): the emulator against tantivy, DuckDB and numpy", ""]
    run = next(
        (r for r in reversed(runs) if isinstance(r.get("realtext"), dict) and "targets" in r["realtext"]),
        None,
    )
    if run is None:
        return lines + ["Not measured yet (`python -m benchmarks --only realtext`).", ""]
    f = run["realtext"]
    c = f["corpus"]
    lines += [
        f"{run_note(run)}.",
        "",
        f"Corpus: {c['passages']:,} passages (mean {c['mean_words']} words, {c['sources']} sources) of the HTML",
        "documentation of the Debian packages "
        + ", ".join(f"`{k}` {v}" for k, v in c["debian_packages"].items())
        + f"; {c['embedded']:,} of them embedded ({c['dims']}-d) with {c['model']};",
        f"{c['queries']} queries (two content words of a random passage; their embeddings for ANN). Peers: "
        + ", ".join(f"{k} {v}" for k, v in f["versions"].items())
        + ". Why these peers: `benchmarks/README.md`.",
        "",
    ]
    if "incomplete" in f:
        lines += [f"Incomplete: {f['incomplete']}", ""]
    lines += ["| target | measured | bound | verdict |", "|---|---|---|---|"]
    lines += [
        f"| {t['target']} | {t['measured']} | {t.get('bound', '—')} | {_verdict(t['met'])} |"
        for t in f["targets"]
    ]
    lines += [
        "",
        "| workload (p50 / p99) | emulator over HTTP | peer | peer figure |",
        "|---|---|---|---|",
        f"| HTTP floor (cheapest query) | {_ms(f, 'http_floor')} | — | — |",
        f"| BM25 top-10 | {_ms(f, 'bm25', 'emulator')} | tantivy (in its process) | {_ms(f, 'bm25', 'tantivy')} |",
        f"| order by `length` desc, top-10 | {_ms(f, 'order_by', 'emulator')} | DuckDB | {_ms(f, 'order_by', 'duckdb')} |",
        f"| group by `source` + Count ({_get(f, 'group_by', 'groups')} groups) | {_ms(f, 'group_by', 'emulator')}"
        f" | DuckDB | {_ms(f, 'group_by', 'duckdb')} |",
    ]
    for label, figures in (f.get("filtered_ann") or {}).items():
        lines.append(
            f"| filtered ANN {label} (recall@10 {figures['recall_at_10']}) | {_ms(figures, 'emulator')}"
            f" | numpy exact on the filtered rows | {_ms(figures, 'numpy')} |"
        )
    ingest, restart, memory = f.get("ingest_text", {}), f.get("restart", {}), f.get("memory", {})
    lines += [
        "",
        f"- Ingest of the passages: {_get(ingest, 'acknowledged_rows_per_second')} rows/s acknowledged; the first BM25"
        f" query after it took {_get(ingest, 'first_bm25_seconds')} s; tantivy indexed them in"
        f" {f.get('tantivy_index_seconds')} s.",
        f"- After a restart: serving after {_get(restart, 'seconds_until_serving')} s, first BM25 query"
        f" {_get(restart, 'first_bm25_seconds')} s.",
        f"- Vectors: ingest {f.get('ingest_vectors_seconds')} s, ANN graph up to date {f.get('index_build_seconds')} s later.",
        f"- Resident memory (whole process): emulator holding the text namespace"
        f" {(_get(memory, 'emulator_text_server_bytes') or 0) / 2**20:,.0f} MiB; tantivy process"
        f" {(_get(memory, 'tantivy_process_bytes') or 0) / 2**20:,.0f} MiB"
        f" (index on disk {(_get(memory, 'tantivy_index_bytes_on_disk') or 0) / 2**20:,.0f} MiB).",
        "- Order-by and group-by answers are checked against DuckDB's"
        f" (same answer: order-by {_get(f, 'order_by', 'same_answer')}, group-by {_get(f, 'group_by', 'same_answer')}).",
        "",
    ]
    return lines
