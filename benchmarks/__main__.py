"""``python -m benchmarks [--quick] [--tiers 10000,100000,1000000] [--only client,index,emulator,hostile,realtext]``

Runs the client, index, emulator, hostile-input and real-text benchmarks, writes ``benchmarks/results/<label>.json`` (with
machine, versions and date) and regenerates ``BENCHMARKS.md`` and its plots from every results
file present. A section whose dependency is missing is recorded as "not measured (reason)".
``--quick`` (``make bench QUICK=1``) runs the 10k tier with small counts and finishes in minutes;
the default is the long run with all three tiers (the 1M tier takes about an hour on 2 cores).
The real-text tier (``benchmarks/realtext/``) compares the emulator with tantivy, DuckDB and numpy
on passages of Debian documentation: 5k passages (2k embedded) quick, ~95k (21k embedded) else.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import traceback
from pathlib import Path

from benchmarks import report
from benchmarks.environment import describe_environment

RESULTS = Path(__file__).parent / "results"
SECTIONS = ("client", "index", "emulator", "hostile", "realtext")


def _section(name: str, fn, *args) -> dict:
    print(f"== {name}", file=sys.stderr, flush=True)
    try:
        return fn(*args)
    except Exception as exc:  # one failing section must not hide the others' figures
        traceback.print_exc()
        return {"not_measured": f"{type(exc).__name__}: {exc}"[:500]}


def _index_tier(n: int, queries: int) -> dict:
    """In a fresh process, so its resident-memory delta is the index's alone."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.index_bench", str(n), str(queries)],
        stdout=subprocess.PIPE,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"index benchmark exited with {proc.returncode}")
    return json.loads(proc.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[2])
    parser.add_argument("--quick", action="store_true", help="10k tier and small counts (minutes)")
    parser.add_argument(
        "--tiers", help="comma-separated document counts (default 10000 quick, else 10k,100k,1M)"
    )
    parser.add_argument("--only", default=",".join(SECTIONS), help="sections to run")
    parser.add_argument(
        "--label",
        help="results file name (default: quick or full, plus the sections when --only picks some,"
        " so a partial run does not overwrite a whole one)",
    )
    parser.add_argument(
        "--index-wait",
        type=float,
        default=3_600,
        help="seconds to wait for the ANN graph before measuring ANN",
    )
    args = parser.parse_args(argv)
    tiers = (
        [int(t) for t in args.tiers.split(",")]
        if args.tiers
        else [10_000]
        if args.quick
        else [10_000, 100_000, 1_000_000]
    )
    queries = 50 if args.quick else 200
    sections = set(args.only.split(","))
    if unknown := sections - set(SECTIONS):
        parser.error(f"unknown sections {sorted(unknown)}; choose from {','.join(SECTIONS)}")
    label = args.label or ("quick" if args.quick else "full") + (
        "" if sections == set(SECTIONS) else "-" + "-".join(s for s in SECTIONS if s in sections)
    )
    result: dict = {
        "label": label,
        "quick": args.quick,
        "environment": describe_environment(),
        "tiers": tiers,
    }
    if "client" in sections:
        from benchmarks import client_bench

        result["client"] = _section("client", client_bench.run, args.quick)
    if "index" in sections:
        result["index"] = {str(n): _section(f"index {n:,}", _index_tier, n, queries) for n in tiers}
    if "emulator" in sections:
        from benchmarks import emulator_bench

        result["emulator"] = {
            str(n): _section(f"emulator {n:,}", emulator_bench.run, n, queries, None, args.index_wait)
            for n in tiers
        }
    if "hostile" in sections:
        from benchmarks import hostile_bench

        result["hostile"] = _section("hostile inputs", hostile_bench.run, args.quick)
    if "realtext" in sections:
        from benchmarks.realtext import run as realtext

        result["realtext"] = _section("realtext", realtext.run, args.quick)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{label}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {path}", file=sys.stderr)
    report.write_report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
