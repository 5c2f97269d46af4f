"""Connection guards under uvicorn: header and body read timeouts, and a cap on open connections.

uvicorn (0.54, httptools parser) has a keep-alive timeout between requests but none while a
request arrives: a client that sends half its headers, or a ``Content-Length`` it never fills,
or a chunked body it never ends, holds its connection (a file descriptor) for ever. And nothing
bounds the number of connections, so enough idle ones exhaust the descriptors and every accept
then fails. This protocol subclass adds, per connection:

* **header timeout** — a request's headers must be complete within ``header_timeout_s`` of its
  first byte (or of the connection opening). An idle new connection is then simply closed; one
  with partial headers gets ``408`` in the API's error shape, then is closed.
* **body timeout** — while a request body is still arriving, at most ``body_timeout_s`` may pass
  without a byte; then ``408`` and close. Time when the server itself is not reading (flow
  control paused because the app is busy) does not count against the client.
* **connection cap** — at ``max_connections`` open connections, a new one first makes room: the
  connections that have waited longest on their clients (idle between requests, or still
  sending headers) are closed, so a flood of idle or half-sent connections cannot lock others
  out. Only when every connection is busy (a request being served, or a body arriving) is the
  new one answered ``503`` (error shape, ``Retry-After: 1``) right away and closed after a short
  linger that lets the client read it. The default cap leaves headroom below the process's
  file-descriptor limit (``RLIMIT_NOFILE``) for data files, the listening socket and refusals.

Each condition is logged at INFO/WARNING by the ``tpuf_emulator.http.connections`` logger; the
log filter in ``logfilter.py`` collapses the repeats of a flood into one line with a count.
"""

from __future__ import annotations

import asyncio
import logging
from asyncio import TimerHandle
from dataclasses import dataclass
from typing import Any, ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ..config import default_max_connections
from .responses import encode_json

log = logging.getLogger("tpuf_emulator.http.connections")

DEFAULT_HEADER_TIMEOUT_S = 10.0
DEFAULT_BODY_TIMEOUT_S = 30.0
# A refused connection stays open this long (reading and discarding) so the client reads the 503
# instead of a reset; at most LINGER_SHARE of the cap linger at once, beyond that they close at once.
LINGER_S = 0.25
LINGER_SHARE = 8
# At the cap, this share of the cap (the connections waiting longest on their clients) is closed
# at once, so a flood costs one sort per cap/EVICT_SHARE new connections, not one per connection.
EVICT_SHARE = 8


@dataclass(frozen=True)
class ConnectionLimits:
    header_timeout_s: float = DEFAULT_HEADER_TIMEOUT_S
    body_timeout_s: float = DEFAULT_BODY_TIMEOUT_S
    max_connections: int | None = None  # None: default_max_connections()


def guarded_protocol(limits: ConnectionLimits) -> type[GuardedHttpToolsProtocol]:
    """The protocol class to hand uvicorn (``http=``), bound to ``limits``."""
    cap = limits.max_connections or default_max_connections()
    return type("GuardedHttpToolsProtocol", (GuardedHttpToolsProtocol,), {"limits": limits, "cap": cap})


def _raw_error(status: int, reason: str, message: str, extra: bytes = b"") -> bytes:
    body = encode_json({"status": "error", "error": message})
    return b"".join(
        [
            f"HTTP/1.1 {status} {reason}\r\n".encode(),
            b"content-type: application/json\r\n",
            b"content-length: %d\r\n" % len(body),
            extra,
            b"connection: close\r\n\r\n",
            body,
        ]
    )


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    limits: ClassVar[ConnectionLimits] = ConnectionLimits()
    cap: ClassVar[int] = 4096
    lingering: ClassVar[int] = 0  # refused connections still open, across all instances

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: TimerHandle | None = None
        self._phase = "idle"  # idle | headers | body | busy
        self._last_byte = 0.0
        self._refused = False

    # -- connection cap -------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        if len(self.connections) > self.cap and not self._make_room():
            self._refuse()
            return
        self._expect("idle", self.limits.header_timeout_s)

    def _waiting_on_client(self) -> bool:
        """Idle between requests, or still sending headers, or a body nobody reads any more."""
        if self._refused or self.transport is None or self.transport.is_closing():
            return False
        if self._phase in ("idle", "headers"):
            return True
        return self._phase == "body" and self.cycle is not None and self.cycle.response_complete

    def _make_room(self) -> bool:
        """Close the longest-waiting eighth of the connections that wait on their clients; False
        when none does (every connection is busy with a request or sending its body)."""
        waiting = sorted(
            (c for c in self.connections if isinstance(c, GuardedHttpToolsProtocol) and c is not self),
            key=lambda c: c._last_byte,
        )
        victims = [c for c in waiting if c._waiting_on_client()][: max(1, self.cap // EVICT_SHARE)]
        for victim in victims:
            victim._disarm()
            victim.connections.discard(victim)
            victim.transport.close()
        if victims:
            log.info(
                "closed %d connections waiting on their clients to make room for new ones "
                "(--max-connections %d)",
                len(victims),
                self.cap,
            )
        return bool(victims)

    def _refuse(self) -> None:
        self._refused = True
        self.connections.discard(self)
        log.warning(
            "refused a connection: %d connections are open, the limit (--max-connections) is %d",
            len(self.connections),
            self.cap,
        )
        self.transport.write(
            _raw_error(
                503,
                "Service Unavailable",
                f"too many open connections (the limit is {self.cap}); retry later",
                b"retry-after: 1\r\n",
            )
        )
        cls = type(self)
        if cls.lingering >= max(1, self.cap // LINGER_SHARE) or not self.transport.can_write_eof():
            self.transport.close()
            return
        cls.lingering += 1
        self.transport.write_eof()
        self._deadline = self.loop.call_later(LINGER_S, self.transport.close)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # a refused connection's request is read and dropped until it closes
        self._last_byte = self.loop.time()
        super().data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        if self._refused:
            type(self).lingering -= 1 if type(self).lingering > 0 else 0
            self._refused = False
        super().connection_lost(exc)

    # -- read timeouts --------------------------------------------------------------------------

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._expect("headers", self.limits.header_timeout_s)

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        self._expect("body", self.limits.body_timeout_s)

    def on_response_complete(self) -> None:
        pipelined = bool(self.pipeline)
        super().on_response_complete()
        if self._phase == "busy" and not pipelined:  # idle between requests (uvicorn's keep-alive applies)
            self._phase = "idle"
            self._last_byte = self.loop.time()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        if self.cycle is not None and self.cycle.response_complete:
            self._expect("idle", self.limits.header_timeout_s)  # answered early; now just idle
            return
        self._phase = "busy"
        self._disarm()

    def _expect(self, phase: str, timeout_s: float) -> None:
        self._phase = phase
        self._last_byte = self.loop.time()
        self._disarm()
        self._deadline = self.loop.call_later(timeout_s, self._check_deadline)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _check_deadline(self) -> None:
        self._deadline = None
        if self.transport.is_closing() or self._phase == "busy":
            return
        now = self.loop.time()
        if self._phase == "body":
            if self.flow.read_paused:
                self._last_byte = now  # the server is not reading: not the client's delay
            remaining = self._last_byte + self.limits.body_timeout_s - now
            if remaining > 0:
                self._deadline = self.loop.call_later(remaining, self._check_deadline)
                return
            self._time_out("request body", self.limits.body_timeout_s, "without a byte for")
            return
        if self._phase == "idle":
            log.info("closed a connection that sent no request within %g s", self.limits.header_timeout_s)
            self.transport.close()
            return
        self._time_out("request headers", self.limits.header_timeout_s, "not complete within")

    def _time_out(self, what: str, timeout_s: float, how: str) -> None:
        message = f"{what} {how} {timeout_s:g} s; the connection is closed"
        log.info("timed out a connection: %s", message)
        response_started = self.cycle is not None and self.cycle.response_started
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.disconnected = True  # the app sees the client gone; its answer is dropped
            self.cycle.message_event.set()
        if not response_started:
            self.transport.write(_raw_error(408, "Request Timeout", message))
        self.transport.close()
