"""Emulator processes for the reliability suite: real servers with chosen flags, data dirs and keys.

These tests need flags the shared session fixture does not use (several organisations, tiny body
caps, thresholds, a data directory to kill and restart), so each starts its own process.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.server import RunningEmulator

FUZZ = os.environ.get("TPUF_FUZZ") == "1"


class ServerProcess(RunningEmulator):
    """One ``python -m tpuf_emulator`` process on a free port, its output kept in ``log_path``
    (next to the test's other files, so a failure can be read afterwards)."""

    def __init__(self, log_path: Path, data_dir: Path | None, args: tuple[str, ...], api_key: str) -> None:
        super().__init__(data_dir, args, api_key, log_path=log_path)


@pytest.fixture
def launch(tmp_path: Path) -> Iterator:
    """``launch(*args, data_dir=None, api_key=...)`` starts a server stopped at the end of the test."""
    started: list[ServerProcess] = []

    def start(
        *args: str, data_dir: Path | None = None, api_key: str = "tpuf-emulator-dev-key"
    ) -> ServerProcess:
        server = ServerProcess(tmp_path / f"server-{len(started)}.log", data_dir, args, api_key)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.kill()
