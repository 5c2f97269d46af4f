"""Emulator processes for the reliability suite: real servers with chosen flags, data dirs and keys.

These tests need flags the shared session fixture does not use (several organisations, tiny body
caps, thresholds, a data directory to kill and restart), so each starts its own process.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

FUZZ = os.environ.get("TPUF_FUZZ") == "1"


class ServerProcess:
    """One ``python -m tpuf_emulator`` process on a free port, its output captured to a file."""

    def __init__(self, log_path: Path, data_dir: Path | None, args: tuple[str, ...], api_key: str) -> None:
        self.log_path = log_path
        self.data_dir = data_dir
        self.args = args
        self.api_key = api_key
        self.process: subprocess.Popen | None = None
        self.base_url = ""

    def start(self, timeout_s: float = 60) -> ServerProcess:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        command = [
            sys.executable,
            "-m",
            "tpuf_emulator",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *self.args,
        ]
        if self.data_dir is not None:
            command += ["--data-dir", str(self.data_dir)]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"emulator exited with {self.process.returncode}:\n{self.output()}")
            try:
                httpx.get(f"{self.base_url}/v1/namespaces", timeout=2)
                return self
            except httpx.TransportError:
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"emulator did not start in {timeout_s} s:\n{self.output()}")

    def client(self, api_key: str | None = None, **kwargs) -> httpx.Client:
        key = api_key or self.api_key
        return httpx.Client(
            base_url=self.base_url, headers={"Authorization": f"Bearer {key}"}, timeout=60, **kwargs
        )

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


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
