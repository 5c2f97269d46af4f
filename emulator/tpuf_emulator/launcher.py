"""Start an emulator on 127.0.0.1 and a free port, ready to answer, from any program or test framework.

    import tpuf_emulator, turbopuffer

    with tpuf_emulator.run() as emu:
        tpuf = turbopuffer.Turbopuffer(**emu.client_kwargs)
        ...

``run()`` returns once the emulator has answered an HTTP request and stops it when the block
exits. Two modes:

* ``mode="thread"`` (the default): uvicorn in a thread of this process, on its own event loop,
  without signal handlers, on a socket bound before the thread starts (no port race). ``stop()``
  shuts it down cleanly: requests in progress finish, the registry is closed (a background snapshot
  in progress is waited for; with a data directory a final snapshot is written). Its logs go to this
  process's ``logging`` configuration. It shares the process: the GIL, the file-descriptor limit,
  a mocked clock, and one import-time setting (``vectors/exact.py`` limits BLAS to one thread for
  the whole process). Background threads that fold a vector graph (daemon threads) finish their
  fold after the stop.
* ``mode="process"``: ``python -m tpuf_emulator`` as a child process, its output in a log file
  (``output()``). Isolated from the caller, and killable: ``kill()`` (SIGKILL, as in a crash) then
  ``start()`` again on the same data directory is how the crash and recovery tests use it.

Start-up, measured to the first HTTP answer (``python -m benchmarks.launcher_startup``, medians of
7 starts, on a 2-core machine shared with other work, at two load levels): thread mode 0.003-0.016 s
once the emulator's modules are imported, 0.29-0.45 s for the first start in a process (the imports:
numpy, usearch, starlette, the emulator); process mode 0.32-0.56 s (a new interpreter and those
imports on every start). Hence thread mode is the default, and process mode is what crash tests and
the pytest plugin use (isolation matters more there than a quarter of a second once per session).

Extra command-line flags of ``tpuf-emulator`` pass through ``extra_args`` in both modes (e.g.
``("--rate-limit", "5")``); ``data_dir`` and ``seed`` are the ``--data-dir`` and ``--seed`` flags.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from .config import DEV_API_KEY, DEV_ORGANIZATION
from .endpoint import Endpoint

if TYPE_CHECKING:
    import uvicorn
    from starlette.types import ASGIApp

Mode = Literal["thread", "process"]
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 20.0
LOCALHOST = "127.0.0.1"
# uvicorn's message when the port it was given is taken by the time it binds (subprocess mode picks
# a free port, then the child binds it: another program may take it in between).
_BIND_FAILED = "error while attempting to bind"
_BIND_ATTEMPTS = 3


class EmulatorStartError(RuntimeError):
    """The emulator exited, or did not answer, before it was ready; the message carries its output."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind((LOCALHOST, 0))
        port: int = sock.getsockname()[1]
        return port


def answers(base_url: str, headers: dict[str, str] | None = None, timeout: float = 2.0) -> bool:
    """Whether an HTTP server at ``base_url`` (``http://host:port``) answers a namespace listing.

    The start-up probes send no key: any answer (a 401 too) means serving, and a probe must not use
    up the organisation's ``--rate-limit`` budget before the caller's first request."""
    host, _, port = base_url.removeprefix("http://").partition(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request("GET", "/v1/namespaces", headers=headers or {})
        connection.getresponse().read()
        return True
    except OSError:  # refused, reset, timed out: not serving yet
        return False
    finally:
        connection.close()


def server_args(
    data_dir: Path | None, seed: Path | None, api_key: str | None, extra: Sequence[str]
) -> list[str]:
    """The ``tpuf-emulator`` flags for ``run()``'s keyword arguments, ``extra`` last."""
    args: list[str] = []
    if data_dir is not None:
        args += ["--data-dir", str(data_dir)]
    if seed is not None:
        args += ["--seed", str(seed)]
    if api_key is not None:  # the organisation is named, so a key may contain ':'
        args += ["--api-key", f"{DEV_ORGANIZATION}:{api_key}"]
    return args + list(extra)


class EmulatorProcess(Endpoint):
    """One ``python -m tpuf_emulator`` child process on 127.0.0.1 and a free port.

    ``extra_args`` are ``tpuf-emulator`` flags as-is; ``api_key`` is the key clients use (when
    ``extra_args`` carry ``--api-key``, pass the matching key here). Output goes to ``log_path``
    (a temporary file removed by ``cleanup()`` unless given). ``start()`` may be called again after
    ``stop()``/``kill()``: a restart on the same data directory, on a new port, appending to the same
    log. ``open_files`` sets the child's soft open-file limit (``ulimit -n``); ``environ`` adds to
    (or replaces in) the child's environment, e.g. a ``PYTHONPATH`` holding another emulator version.
    """

    def __init__(
        self,
        data_dir: str | Path | None = None,
        extra_args: Sequence[str] = (),
        api_key: str = DEV_API_KEY,
        *,
        log_path: Path | None = None,
        open_files: int | None = None,
        environ: Mapping[str, str] | None = None,
        start_timeout: float = START_TIMEOUT_S,
    ) -> None:
        super().__init__("", api_key)
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self.extra_args = tuple(extra_args)
        self.open_files = open_files
        self.environ = dict(environ or {})
        self.start_timeout = start_timeout
        self.port = 0
        self.startup_s = 0.0  # how long the last start() took to the first answer
        self.process: subprocess.Popen[bytes] | None = None
        self._owns_log = log_path is None
        if log_path is None:
            with tempfile.NamedTemporaryFile(prefix="tpuf-emulator-", suffix=".log", delete=False) as log:
                log_path = Path(log.name)
        self.log_path = log_path

    @property
    def pid(self) -> int:
        if self.process is None:
            raise RuntimeError("the emulator has not been started")
        return self.process.pid

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "tpuf_emulator", "--host", LOCALHOST, "--port", str(self.port)]
        if self.data_dir is not None:
            command += ["--data-dir", str(self.data_dir)]
        return command + list(self.extra_args)

    def start(self) -> EmulatorProcess:
        """Start the process and return once it answers HTTP; raise ``EmulatorStartError`` otherwise."""
        started = time.perf_counter()
        for attempt in range(1, _BIND_ATTEMPTS + 1):
            log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
            self.port = free_port()
            self.base_url = f"http://{LOCALHOST}:{self.port}"
            with self.log_path.open("ab") as log:
                self.process = subprocess.Popen(
                    self.command(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env={**os.environ, "PYTHONUNBUFFERED": "1", **self.environ},
                    preexec_fn=self._limit_open_files if self.open_files is not None else None,
                )
            try:
                self._wait_until_ready()
            except EmulatorStartError:
                if attempt < _BIND_ATTEMPTS and _BIND_FAILED in self.output()[log_offset:]:
                    continue  # someone took the port between free_port() and the bind: another one
                raise
            self.startup_s = time.perf_counter() - started
            return self
        raise AssertionError("unreachable")

    def _wait_until_ready(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise EmulatorStartError(
                    f"emulator exited with code {self.process.returncode}:\n{self.output()}"
                )
            if answers(self.base_url):
                return
            time.sleep(0.02)
        self.kill()
        raise EmulatorStartError(f"emulator did not answer within {self.start_timeout:g} s:\n{self.output()}")

    def _limit_open_files(self) -> None:  # runs in the child, before exec
        assert self.open_files is not None
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(self.open_files, hard), hard))

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """SIGTERM (a clean shutdown: requests finish, final snapshot), SIGKILL after ``timeout``."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as in a crash or a power cut."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def output(self) -> str:
        """Everything the process printed so far, across restarts."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def cleanup(self) -> None:
        """Remove the log file, if this object created it."""
        if self._owns_log:
            with contextlib.suppress(OSError):
                os.unlink(self.log_path)


class EmulatorThread(Endpoint):
    """An emulator served by uvicorn in a daemon thread of this process (see the module docstring).

    ``extra_args`` are ``tpuf-emulator`` flags, parsed as the command parses them; ``api_key`` is the
    key clients use. ``wrap_app`` wraps the ASGI app in middleware before it is served. ``start()``
    may be called again after ``stop()``, on a new port.
    """

    def __init__(
        self,
        data_dir: str | Path | None = None,
        extra_args: Sequence[str] = (),
        api_key: str = DEV_API_KEY,
        *,
        wrap_app: Callable[[ASGIApp], ASGIApp] | None = None,
        start_timeout: float = START_TIMEOUT_S,
    ) -> None:
        super().__init__("", api_key)
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self.extra_args = tuple(extra_args)
        self.wrap_app = wrap_app
        self.start_timeout = start_timeout
        self.port = 0
        self.startup_s = 0.0
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None

    def start(self) -> EmulatorThread:
        """Open the registry (recovering the data directory) in the calling thread, serve in a new
        thread, and return once it answers HTTP. Bad flags raise ``ValueError``; a data directory
        that cannot be used raises ``storage.StorageError``; ``EmulatorStartError`` otherwise."""
        from .cli import config_from_args
        from .serving import build_server

        started = time.perf_counter()
        # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY on accepted connections only when the
        # listening socket says it is TCP (``socket.socket()`` leaves proto 0). Without it every
        # response waited ~40 ms for the client's delayed ACK (Nagle), measured 44 ms per request.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            sock.bind((LOCALHOST, 0))
            self.port = sock.getsockname()[1]
            argv = ["--host", LOCALHOST, "--port", str(self.port)]
            argv += ["--data-dir", str(self.data_dir)] if self.data_dir is not None else []
            errors = io.StringIO()
            try:
                with contextlib.redirect_stderr(errors):
                    config, _ = config_from_args(argv + list(self.extra_args))
            except SystemExit:
                raise ValueError(
                    f"invalid emulator flags {self.extra_args}: {errors.getvalue().strip()}"
                ) from None
            self._server = build_server(config, log_level=None, wrap_app=self.wrap_app)
        except BaseException:
            sock.close()
            raise
        self.base_url = f"http://{LOCALHOST}:{self.port}"
        self._failure = None
        self._thread = threading.Thread(
            target=self._serve, args=(self._server, sock), name=f"tpuf-emulator-{self.port}", daemon=True
        )
        self._thread.start()
        self._wait_until_ready()
        self.startup_s = time.perf_counter() - started
        return self

    def _serve(self, server: uvicorn.Server, sock: socket.socket) -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as exc:  # noqa: BLE001 - SystemExit included: uvicorn exits on startup failure
            self._failure = exc
        finally:
            sock.close()

    def _wait_until_ready(self) -> None:
        assert self._server is not None and self._thread is not None
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if not self._thread.is_alive():
                raise EmulatorStartError(f"the emulator thread ended before serving: {self._failure!r}")
            if self._server.started and answers(self.base_url):
                return
            time.sleep(0.005)
        self.stop()
        raise EmulatorStartError(f"the emulator thread did not answer within {self.start_timeout:g} s")

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """Shut down cleanly (requests in progress finish; the registry is closed, with a final
        snapshot when durable); after ``timeout`` requests still running are cancelled."""
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join()
        self._server = None
        self._thread = None


@overload
def run(
    *,
    mode: Literal["thread"] = ...,
    data_dir: str | Path | None = ...,
    seed: str | Path | None = ...,
    api_key: str | None = ...,
    extra_args: Sequence[str] = ...,
    wrap_app: Callable[[ASGIApp], ASGIApp] | None = ...,
    start_timeout: float = ...,
) -> contextlib.AbstractContextManager[EmulatorThread]: ...


@overload
def run(
    *,
    mode: Literal["process"],
    data_dir: str | Path | None = ...,
    seed: str | Path | None = ...,
    api_key: str | None = ...,
    extra_args: Sequence[str] = ...,
    log_path: Path | None = ...,
    open_files: int | None = ...,
    start_timeout: float = ...,
) -> contextlib.AbstractContextManager[EmulatorProcess]: ...


def run(
    *,
    mode: Mode = "thread",
    data_dir: str | Path | None = None,
    seed: str | Path | None = None,
    api_key: str | None = None,
    extra_args: Sequence[str] = (),
    wrap_app: Callable[[ASGIApp], ASGIApp] | None = None,
    log_path: Path | None = None,
    open_files: int | None = None,
    start_timeout: float = START_TIMEOUT_S,
) -> contextlib.AbstractContextManager[EmulatorThread] | contextlib.AbstractContextManager[EmulatorProcess]:
    """Run an emulator for the duration of a ``with`` block; the value is the running emulator.

    ``mode``: ``"thread"`` (fastest start, same process) or ``"process"`` (isolated, killable,
    ``output()``); see the module docstring. ``data_dir``: durable storage (default: in memory).
    ``seed``: a file loaded at start-up (the ``--seed`` flag). ``api_key``: the only key accepted
    (default: the development key ``tpuf-emulator-dev-key``). ``extra_args``: more
    ``tpuf-emulator`` flags. ``wrap_app`` (thread mode): ASGI middleware around the app.
    ``log_path``, ``open_files`` (process mode): see ``EmulatorProcess``.
    """
    args = server_args(None, Path(seed) if seed is not None else None, api_key, extra_args)
    key = api_key if api_key is not None else DEV_API_KEY
    if mode == "thread":
        if log_path is not None or open_files is not None:
            raise ValueError("log_path and open_files apply to mode='process' only")
        return _running_thread(
            EmulatorThread(data_dir, args, key, wrap_app=wrap_app, start_timeout=start_timeout)
        )
    if mode == "process":
        if wrap_app is not None:
            raise ValueError("wrap_app applies to mode='thread' only")
        emulator = EmulatorProcess(
            data_dir, args, key, log_path=log_path, open_files=open_files, start_timeout=start_timeout
        )
        return _running_process(emulator)
    raise ValueError(f"mode must be 'thread' or 'process', not {mode!r}")


@contextlib.contextmanager
def _running_thread(emulator: EmulatorThread) -> Iterator[EmulatorThread]:
    try:
        yield emulator.start()
    finally:
        emulator.stop()


@contextlib.contextmanager
def _running_process(emulator: EmulatorProcess) -> Iterator[EmulatorProcess]:
    try:
        yield emulator.start()
    finally:
        emulator.stop()
        emulator.cleanup()
