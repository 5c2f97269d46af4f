"""Start and stop a real emulator process for the benchmarks (127.0.0.1, a free port)."""

from __future__ import annotations

import contextlib
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

API_KEY = "tpuf-emulator-dev-key"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Emulator:
    """One emulator process; ``start()`` returns once it answers HTTP, and says how long that took."""

    def __init__(
        self, data_dir: Path | None = None, extra_args: tuple[str, ...] = (), open_files: int | None = None
    ) -> None:
        self.data_dir = data_dir
        self.extra_args = extra_args
        self.open_files = open_files  # the server's soft RLIMIT_NOFILE (`ulimit -n`), when given
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.api_key = API_KEY
        self.process: subprocess.Popen | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="tpuf-bench-", suffix=".log", delete=False)  # noqa: SIM115

    def start(self, timeout: float = 600) -> float:
        command = [sys.executable, "-m", "tpuf_emulator", "--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--log-level", "warning"]
        if self.data_dir is not None:
            command += ["--data-dir", str(self.data_dir)]
        command += list(self.extra_args)
        t0 = time.perf_counter()
        self.process = subprocess.Popen(
            command, stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=self._limit_open_files
        )
        while time.perf_counter() - t0 < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"emulator exited: {Path(self._log.name).read_text()[-2000:]}")
            try:
                httpx.get(f"{self.base_url}/v1/namespaces", headers=self.headers, timeout=5)
                return time.perf_counter() - t0
            except httpx.TransportError:
                time.sleep(0.02)
        raise RuntimeError(f"emulator did not answer within {timeout} s")

    def _limit_open_files(self) -> None:
        if self.open_files is not None:
            _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(self.open_files, hard), hard))

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        """SIGKILL: for a server that no longer answers (a clean stop would wait for it)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def output(self) -> str:
        return Path(self._log.name).read_text(errors="replace")

    def close(self) -> None:
        self.stop()
        self._log.close()
        with contextlib.suppress(OSError):
            Path(self._log.name).unlink()


@contextlib.contextmanager
def running(data_dir: Path | None = None) -> Iterator[Emulator]:
    emulator = Emulator(data_dir)
    try:
        emulator.start()
        yield emulator
    finally:
        emulator.close()
