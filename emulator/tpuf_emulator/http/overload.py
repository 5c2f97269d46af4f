"""Admission control: the 429 answers of the hosted service, so clients can exercise their retry paths.

Three independent limits, each answering ``429`` with ``Retry-After`` (seconds) and
``retry-after-ms`` (the official client prefers the latter) and the usual error body:

* **Query concurrency** — at most ``query_concurrency`` (16) queries run at once per namespace.
  A further query waits up to ``query_queue_ms`` (800 ms) for a slot, then gets 429. Every
  ``POST .../query`` request takes one slot (the hosted service charges kNN 2 and aggregations 4;
  the emulator does not parse the body here, so it counts requests).
* **Write backpressure** — the hosted service answers 429 to upserts and deletes-by-id while a
  namespace's *unindexed* data is above a threshold, unless the write sets
  ``disable_backpressure``. The emulator indexes synchronously, so the only unindexed data it
  ever has is its **backlog: the body bytes of write requests to the namespace that were admitted
  but are not applied yet** (queued behind the namespace's write lock, or being applied). A write
  is refused when backlog + its own size exceeds ``backpressure_bytes`` (default 2 GB, as hosted).
  Set a small threshold to make large writes hit it deterministically. As in the hosted API the
  check ignores patches, by-filter and conditional writes. (The hosted service also refuses
  strongly consistent *queries* while backpressure-disabled writes keep the backlog high; the
  emulator's backlog drains as soon as those writes are applied, so it never does.)
* **Rate limit** — optional ``rate_limit`` requests per second per organisation (token bucket,
  burst = one second's worth), for testing client-side 429 handling. Off by default.

The middleware sits after authentication (it needs the organisation) and reads its settings from
``EmulatorConfig`` (``scope["app"].state.config``) unless given explicitly.
"""

from __future__ import annotations

import asyncio
import math
import re
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .auth import ORGANIZATION_STATE_KEY
from .bodies import parse_json
from .inflate import gunzip
from .responses import error_response

DEFAULT_QUERY_CONCURRENCY = 16
DEFAULT_QUERY_QUEUE_MS = 800
DEFAULT_BACKPRESSURE_BYTES = 2 * 1000**3

_QUERY_PATH = re.compile(r"^/v2/namespaces/([^/]+)/query$")
_WRITE_PATH = re.compile(r"^/v2/namespaces/([^/]+)$")
_BACKPRESSURED_OPS = ("upsert_rows", "upsert_columns", "deletes")
_CONDITIONS = ("upsert_condition", "patch_condition", "delete_condition")


@dataclass(frozen=True)
class OverloadSettings:
    query_concurrency: int = DEFAULT_QUERY_CONCURRENCY
    query_queue_ms: int = DEFAULT_QUERY_QUEUE_MS
    backpressure_bytes: int = DEFAULT_BACKPRESSURE_BYTES
    rate_limit: float | None = None  # requests per second per organisation
    max_body_bytes: int = 512 * 1024 * 1024

    @staticmethod
    def from_config(config: Any) -> OverloadSettings:
        """Read the settings from an ``EmulatorConfig``; absent fields keep the hosted defaults."""
        defaults = OverloadSettings()
        return OverloadSettings(
            **{name: getattr(config, name, getattr(defaults, name)) for name in defaults.__dataclass_fields__}
        )


def too_many_requests(message: str, retry_after_ms: int) -> tuple[int, str, dict[str, str]]:
    retry_after_ms = max(1, int(retry_after_ms))
    return (
        429,
        message,
        {"retry-after": str(max(1, math.ceil(retry_after_ms / 1000))), "retry-after-ms": str(retry_after_ms)},
    )


class Slots:
    """A FIFO counting semaphore whose ``acquire`` gives up after a timeout (one per namespace)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.used = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    @property
    def idle(self) -> bool:
        return self.used == 0 and not self._waiters

    async def acquire(self, timeout_s: float) -> bool:
        if self.used < self.capacity and not self._waiters:
            self.used += 1
            return True
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            async with asyncio.timeout(timeout_s):
                await waiter
            return True
        except TimeoutError:
            if waiter.done() and not waiter.cancelled():
                return True  # the slot was handed over just as the timer fired: keep it
            return False
        finally:
            if not waiter.done():
                waiter.cancel()
            try:
                self._waiters.remove(waiter)
            except ValueError:
                pass

    def release(self) -> None:
        """Hand the slot straight to the oldest live waiter, so a newcomer cannot overtake it."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
        self.used -= 1


class TokenBucket:
    """``rate`` tokens per second, at most ``rate`` banked (one second of burst).

    A refused caller is told when *its* token comes, not merely the next one: each refusal is
    promised the next token time not already promised to an earlier refused caller, so N callers
    waiting are told 1, 2, ..., N token intervals (their queue position), and come back one per
    token. Answering every caller with the time of the single next token sent them all back
    together, where one won and the rest were refused again: with ``--rate-limit 20`` and 8
    threads, the official client (which sleeps exactly ``retry-after-ms``, 4 retries) lost ~55%
    of its operations. The promised times spread the retries, so no random jitter is added (a
    late retry only risks its token going to a newcomer). A promise is not a reservation: a
    caller that never returns leaves its token in the bucket. The promises reach at most
    ``MAX_PROMISE_S`` ahead, so a client that ignores the hints cannot push them out for ever.
    """

    MAX_PROMISE_S = 30.0

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.capacity = max(1.0, rate)
        self.tokens = self.capacity
        self.stamp = time.monotonic()
        self.promised = self.stamp  # the latest token time promised to a refused caller

    def take(self) -> float:
        """0 when a token was taken, else the seconds until this caller's token is available."""
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        next_token = now + (1 - self.tokens) / self.rate
        slot = max(next_token, self.promised + 1 / self.rate)
        self.promised = min(slot, now + max(self.MAX_PROMISE_S, 1 / self.rate))
        return self.promised - now


class OverloadMiddleware:
    """ASGI middleware applying the three limits above; everything else passes straight through."""

    def __init__(self, app: ASGIApp, settings: OverloadSettings | None = None) -> None:
        self.app = app
        self._settings = settings
        self._query_slots: dict[tuple[str, str], Slots] = {}
        self._write_backlog: dict[tuple[str, str], int] = {}
        self._buckets: dict[str, TokenBucket] = {}

    def settings(self, scope: Scope) -> OverloadSettings:
        if self._settings is None:
            app = scope.get("app")
            config = getattr(getattr(app, "state", None), "config", None)
            self._settings = OverloadSettings.from_config(config)
        return self._settings

    def write_backlog(self, organization: str, namespace: str) -> int:
        """Body bytes of admitted, not yet applied writes to one namespace (for metadata/tests)."""
        return self._write_backlog.get((organization, namespace), 0)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        settings = self.settings(scope)
        organization = (scope.get("state") or {}).get(ORGANIZATION_STATE_KEY, "")
        path: str = scope.get("path", "")
        method: str = scope.get("method", "")

        if settings.rate_limit:
            wait_s = self._buckets.setdefault(organization, TokenBucket(settings.rate_limit)).take()
            if wait_s > 0:
                await self._reject(
                    scope,
                    receive,
                    send,
                    *too_many_requests(
                        f"rate limit of {settings.rate_limit:g} requests per second exceeded for this "
                        "organisation (--rate-limit); retry later",
                        math.ceil(wait_s * 1000),
                    ),
                )
                return

        if method == "POST" and (match := _QUERY_PATH.match(path)):
            await self._admit_query(scope, receive, send, settings, (organization, match.group(1)))
            return
        if method == "POST" and (match := _WRITE_PATH.match(path)):
            await self._admit_write(scope, receive, send, settings, (organization, match.group(1)))
            return
        await self.app(scope, receive, send)

    async def _admit_query(
        self, scope: Scope, receive: Receive, send: Send, settings: OverloadSettings, key: tuple[str, str]
    ) -> None:
        slots = self._query_slots.get(key)
        if slots is None:
            slots = self._query_slots[key] = Slots(settings.query_concurrency)
        if not await slots.acquire(settings.query_queue_ms / 1000):
            self._forget_idle_slots(key, slots)
            await self._reject(
                scope,
                receive,
                send,
                *too_many_requests(
                    f"namespace {key[1]!r} already runs {settings.query_concurrency} concurrent queries and no "
                    f"slot freed up within {settings.query_queue_ms} ms; retry later",
                    settings.query_queue_ms,
                ),
            )
            return
        try:
            await self.app(scope, receive, send)
        finally:
            slots.release()
            self._forget_idle_slots(key, slots)

    def _forget_idle_slots(self, key: tuple[str, str], slots: Slots) -> None:
        if slots.idle and self._query_slots.get(key) is slots:
            del self._query_slots[key]

    async def _admit_write(
        self, scope: Scope, receive: Receive, send: Send, settings: OverloadSettings, key: tuple[str, str]
    ) -> None:
        size = _content_length(scope)
        backlog = self._write_backlog.get(key, 0)
        if backlog + size > settings.backpressure_bytes and size <= settings.max_body_bytes:
            body = await _read_body(receive, settings.max_body_bytes)
            if body is None:  # the client went away, or streamed more than the body cap without a length
                await self._reject(
                    scope,
                    _replay(b"", receive),
                    send,
                    413,
                    f"request body is larger than the limit of {settings.max_body_bytes} bytes",
                    {},
                )
                return
            # Off the event loop: the body may be large or gzip (see bodies.py).
            if await run_in_threadpool(_subject_to_backpressure, body, scope, settings.max_body_bytes):
                await self._reject(
                    scope,
                    _replay(b"", receive),
                    send,
                    *too_many_requests(
                        f"write backpressure: namespace {key[1]!r} has {backlog} bytes of unapplied writes and "
                        f"this write adds {size}, above the threshold of {settings.backpressure_bytes} bytes; "
                        "retry later, or set disable_backpressure to skip this check",
                        1000,
                    ),
                )
                return
            receive = _replay(body, receive)
        self._write_backlog[key] = backlog = self._write_backlog.get(key, 0) + size
        try:
            await self.app(scope, receive, send)
        finally:
            remaining = self._write_backlog.get(key, 0) - size
            if remaining > 0:
                self._write_backlog[key] = remaining
            else:
                self._write_backlog.pop(key, None)

    async def _reject(
        self, scope: Scope, receive: Receive, send: Send, status: int, message: str, headers: dict[str, str]
    ) -> None:
        await error_response(None, status, message, headers)(scope, receive, send)


def _content_length(scope: Scope) -> int:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return max(0, int(value))
            except ValueError:
                return 0
    return 0


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole raw body, or None when it exceeds ``limit`` or the client went away."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, original: Receive) -> Receive:
    """A ``receive`` that hands the already-read body to the app once, then defers to the connection."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await original()

    return receive


def _subject_to_backpressure(raw: bytes, scope: Scope, limit: int) -> bool:
    """True for an upsert/delete-by-id write without ``disable_backpressure``.

    Undecodable bodies return False: the endpoint then reports the real problem (400/413/422).
    """
    encoding = b""
    for name, value in scope.get("headers", ()):
        if name == b"content-encoding":
            encoding = value.strip().lower()
    try:
        body = parse_json(gunzip(raw, limit) if encoding in (b"gzip", b"x-gzip") else raw)
    except Exception:
        return False
    if not isinstance(body, dict) or body.get("disable_backpressure") is True:
        return False
    if any(body.get(name) is not None for name in _CONDITIONS):
        return False
    return any(body.get(name) for name in _BACKPRESSURED_OPS)


def middleware(config: Any = None) -> list[Middleware]:
    """What the app factory installs after authentication (settings read lazily from the app's config)."""
    settings = OverloadSettings.from_config(config) if config is not None else None
    return [Middleware(OverloadMiddleware, settings=settings)]
