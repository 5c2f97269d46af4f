"""Real ``tpuf-emulator`` processes for tests, through the package's launcher (``tpuf_emulator.launcher``).

``start_emulator(data_dir=None, extra_args=(), api_key=DEV_API_KEY)`` returns a context manager
whose value (a ``RunningEmulator``) has ``base_url``, ``api_key``, ``port``, ``data_dir``,
``process``, ``client()`` (an httpx client with the key), ``output()`` (everything the process
printed, for failure messages), ``kill()`` (SIGKILL) and ``start()`` (a restart on the same data
directory). The process is stopped (SIGTERM, then SIGKILL) when the block exits.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
from tpuf_emulator.config import DEV_API_KEY
from tpuf_emulator.launcher import EmulatorProcess, free_port

__all__ = ["DEV_API_KEY", "RunningEmulator", "free_port", "start_emulator"]


class RunningEmulator(EmulatorProcess):
    """An ``EmulatorProcess`` with an httpx ``client()``: the test suites' HTTP client of choice."""

    def __init__(
        self, data_dir: Path | None, extra_args: Sequence[str], api_key: str, log_path: Path | None = None
    ) -> None:
        super().__init__(data_dir, extra_args, api_key, log_path=log_path)

    def start(self) -> RunningEmulator:
        super().start()
        return self

    def client(self, api_key: str | None = None, **kwargs: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {api_key or self.api_key}", **kwargs.pop("headers", {})}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=60, **kwargs)


@contextlib.contextmanager
def start_emulator(
    data_dir: str | Path | None = None, extra_args: Sequence[str] = (), api_key: str = DEV_API_KEY
) -> Iterator[RunningEmulator]:
    """Run an emulator process for the duration of the block. ``extra_args`` are passed to the CLI
    as-is (e.g. ``("--api-key", "acme:k1")``; then pass ``api_key="k1"`` too)."""
    server = RunningEmulator(Path(data_dir) if data_dir is not None else None, extra_args, api_key)
    try:
        yield server.start()
    finally:
        server.stop()
        server.cleanup()
