"""The benchmarks' emulator process: ``tpuf_emulator.launcher.EmulatorProcess`` with benchmark defaults.

Quiet (``--log-level warning``), patient (a restart on a large data directory may take minutes),
and ``start()`` returns how long the process took to answer HTTP.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from tpuf_emulator.launcher import EmulatorProcess

BENCH_TIMEOUT_S = 600.0


class Emulator(EmulatorProcess):
    """One emulator process for a benchmark; ``open_files`` is the server's ``ulimit -n``."""

    def __init__(
        self, data_dir: Path | None = None, extra_args: tuple[str, ...] = (), open_files: int | None = None
    ) -> None:
        super().__init__(data_dir, ("--log-level", "warning", *extra_args), open_files=open_files)

    def start(self, timeout: float = BENCH_TIMEOUT_S) -> float:  # type: ignore[override]
        """Start (or restart) and return the seconds until the first HTTP answer."""
        self.start_timeout = timeout
        super().start()
        return self.startup_s

    def stop(self, timeout: float = 120.0) -> None:
        super().stop(timeout)

    def close(self) -> None:
        self.stop()
        self.cleanup()


@contextlib.contextmanager
def running(data_dir: Path | None = None) -> Iterator[Emulator]:
    emulator = Emulator(data_dir)
    try:
        emulator.start()
        yield emulator
    finally:
        emulator.close()
