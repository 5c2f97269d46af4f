"""Fixtures for the generated client's tests: clients bound to the session emulator, and a scripted
HTTP server that records exactly what the client put on the wire and answers what a test tells it to."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from turbopuffer_openapi_client import AsyncTurbopuffer, Turbopuffer


@pytest.fixture
def tpuf(emulator) -> Iterator[Turbopuffer]:
    with Turbopuffer(api_key=emulator.api_key, base_url=emulator.base_url) as client:
        yield client


@pytest.fixture
def async_tpuf(emulator) -> AsyncTurbopuffer:
    return AsyncTurbopuffer(api_key=emulator.api_key, base_url=emulator.base_url)


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    raw_body: bytes

    @property
    def body(self) -> bytes:
        """The body as the server understood it (gunzipped when sent with Content-Encoding: gzip)."""
        if self.headers.get("content-encoding") == "gzip":
            return gzip.decompress(self.raw_body)
        return self.raw_body


@dataclass
class Reply:
    status: int = 200
    body: bytes = b'{"status": "OK"}'
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    delay: float = 0.0


@dataclass
class ScriptedServer:
    """Answers requests with ``replies`` in order (the last one repeats); records every request."""

    base_url: str
    replies: list[Reply]
    requests: list[Recorded] = field(default_factory=list)

    def next_reply(self) -> Reply:
        return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]


@pytest.fixture
def scripted_server() -> Iterator[Callable[..., ScriptedServer]]:
    servers: list[ThreadingHTTPServer] = []

    def start(*replies: Reply) -> ScriptedServer:
        script = ScriptedServer("", list(replies) or [Reply()])

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                script.requests.append(Recorded(self.command, self.path, headers, raw))
                reply = script.next_reply()
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = do_POST = do_DELETE = do_PATCH = _handle

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        script.base_url = f"http://127.0.0.1:{server.server_address[1]}"
        return script

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
