"""Running one step of the release: a line saying what happens, its output kept in a log file that is
shown only when the step fails, and how long it took."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

LOG_TAIL_LINES = 60


class StepFailed(SystemExit):
    pass


def run_step(
    what: str,
    command: list[str | Path],
    *,
    log: Path,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    show_output: bool = False,
) -> str:
    """Run ``command``; return its output. On failure print the log's tail and stop the release."""
    print(f"- {what} ...", flush=True)
    started = time.monotonic()
    log.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(c) for c in command],
        env=dict(env) if env is not None else None,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log.write_text(f"$ {' '.join(str(c) for c in command)}\n{result.stdout}", encoding="utf-8")
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        tail = "\n".join(result.stdout.splitlines()[-LOG_TAIL_LINES:])
        print(tail, flush=True)
        raise StepFailed(f"FAILED ({elapsed:.0f} s, exit {result.returncode}): {what}\n  full log: {log}")
    if show_output:
        print(result.stdout.rstrip(), flush=True)
    print(f"  done in {elapsed:.1f} s", flush=True)
    return result.stdout
