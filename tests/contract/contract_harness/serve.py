"""Serve an ASGI app from inside this process on 127.0.0.1 and a free port.

The mutant tests build the emulator app in-process (``create_app``), wrap it in a middleware that
breaks one promise of the spec, and need it reachable over real HTTP so the very same runner
(``schemathesis run``) that checks the real emulator checks the mutant.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import uvicorn


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve_in_thread(app, *, ready_path: str = "/v1/namespaces", timeout: float = 30.0) -> Iterator[str]:
    """Yield the base URL while ``app`` is served by uvicorn in a background thread."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="auto"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"in-process server on {base_url} did not start")
        time.sleep(0.02)
    try:
        httpx.get(base_url + ready_path, timeout=5.0)
        yield base_url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
