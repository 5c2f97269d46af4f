"""Servers the release steps start on 127.0.0.1 (the emulator from a wheel, a local package index),
waited for over HTTP and always stopped."""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from tpuf_emulator.launcher import free_port  # the launcher's: one way to pick a port

__all__ = ["free_port", "serving"]

STARTUP_TIMEOUT_S = 60.0


def _answers(url: str, headers: Mapping[str, str]) -> bool:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=dict(headers)), timeout=2) as reply:
            status: int = reply.status
            return 200 <= status < 300
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def serving(
    what: str,
    command: list[str | Path],
    *,
    ready_url: str,
    log: Path,
    headers: Mapping[str, str] | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[None]:
    """Start ``command``, wait until ``ready_url`` answers 2xx, yield, then stop it."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [str(c) for c in command],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=dict(env) if env is not None else None,
        )
        try:
            started = time.monotonic()
            while not _answers(ready_url, headers or {}):
                if process.poll() is not None:
                    raise SystemExit(
                        f"{what} exited with {process.returncode} at start-up:\n{log.read_text()}"
                    )
                if time.monotonic() - started > STARTUP_TIMEOUT_S:
                    raise SystemExit(f"{what} did not answer {ready_url} within {STARTUP_TIMEOUT_S:.0f} s")
                time.sleep(0.1)
            print(f"- {what} answers on {ready_url} ({time.monotonic() - started:.1f} s)", flush=True)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
