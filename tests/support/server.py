"""Start a real ``tpuf-emulator`` process for tests: 127.0.0.1, a free port, ready before use.

``start_emulator(data_dir=None, extra_args=())`` returns a context manager whose value has
``base_url``, ``api_key``, ``port``, ``data_dir``, ``client()`` (an httpx client with the key) and
``output()`` (everything the process printed, for failure messages). The process is terminated
(SIGTERM, then SIGKILL) when the block exits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx

DEV_API_KEY = "tpuf-emulator-dev-key"
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RunningEmulator:
    """One ``python -m tpuf_emulator`` process; its output goes to ``log_path`` (a temporary file,
    removed by ``cleanup()``, unless given). ``start()`` may be called again after ``kill()``/``stop()``
    (a restart on the same data directory appends to the same log)."""

    def __init__(
        self, data_dir: Path | None, extra_args: Sequence[str], api_key: str, log_path: Path | None = None
    ) -> None:
        self.data_dir = data_dir
        self.extra_args = tuple(extra_args)
        self.api_key = api_key
        self.port = 0
        self.base_url = ""
        self.process: subprocess.Popen | None = None
        self._owns_log = log_path is None
        if log_path is None:
            with tempfile.NamedTemporaryFile(prefix="tpuf-emulator-", suffix=".log", delete=False) as log:
                log_path = Path(log.name)
        self.log_path = log_path

    def start(self) -> RunningEmulator:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "tpuf_emulator", "--host", "127.0.0.1", "--port", str(self.port)]
        if self.data_dir is not None:
            command += ["--data-dir", str(self.data_dir)]
        command += list(self.extra_args)
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"emulator exited with code {self.process.returncode}:\n{self.output()}")
            try:
                httpx.get(f"{self.base_url}/v1/namespaces", timeout=2)
                return self
            except httpx.TransportError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"emulator did not answer within {START_TIMEOUT_S} s:\n{self.output()}")

    def client(self, api_key: str | None = None, **kwargs: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {api_key or self.api_key}", **kwargs.pop("headers", {})}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=60, **kwargs)

    def stop(self) -> None:
        """SIGTERM (a clean shutdown: final snapshot), SIGKILL if it does not exit in time."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as in a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def cleanup(self) -> None:
        if self._owns_log:
            with contextlib.suppress(OSError):
                os.unlink(self.log_path)


@contextlib.contextmanager
def start_emulator(
    data_dir: str | Path | None = None, extra_args: Sequence[str] = (), api_key: str = DEV_API_KEY
) -> Iterator[RunningEmulator]:
    """Run an emulator for the duration of the block. ``extra_args`` are passed to the CLI as-is
    (e.g. ``("--api-key", "acme:k1")``; then pass ``api_key="k1"`` too)."""
    server = RunningEmulator(Path(data_dir) if data_dir is not None else None, extra_args, api_key)
    try:
        yield server.start()
    finally:
        server.stop()
        server.cleanup()
