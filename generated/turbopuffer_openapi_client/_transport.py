# copied from clientlib/turbopuffer_openapi_client/_transport.py by scripts/generate.py — edit it there, not here
"""The HTTP transport under every call: gzip request compression, retries with backoff, typed errors.

It wraps httpx's pooled transport, so the generated endpoint functions and the namespace handle get the
same behaviour without knowing about it:

* request bodies over ``COMPRESSION_THRESHOLD_BYTES`` are gzip-compressed (``Content-Encoding: gzip``)
  when compression is on (responses are decompressed by httpx);
* connection errors, timeouts and the statuses 408, 409, 429 and 5xx are retried up to ``max_retries``
  times: the server's ``retry-after-ms`` / ``Retry-After`` (seconds or HTTP date) is honoured when it
  is between 0 and ``MAX_RETRY_AFTER_SECONDS``, otherwise exponential backoff (0.25 s doubling up to
  8 s) with jitter; ``x-should-retry: true|false`` from the server overrides the status rule;
* when retries run out on a transport failure, :class:`APITimeoutError` / :class:`APIConnectionError`
  are raised; an error status is returned to the caller, which raises the per-status exception.
"""

from __future__ import annotations

import email.utils
import gzip
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import anyio
import httpx

from ._config import COMPRESSION_THRESHOLD_BYTES
from .errors import APIConnectionError, APITimeoutError

RETRYABLE_STATUSES = frozenset({408, 409, 429})
MAX_RETRY_AFTER_SECONDS = 60.0
RETRY_COUNT_HEADER = "X-Retry-Count"


@dataclass(frozen=True)
class RetryPolicy:
    """When to retry and how long to wait (``rng`` is injectable for deterministic tests)."""

    max_retries: int = 4
    initial_delay: float = 0.25
    max_delay: float = 8.0
    jitter: float = 0.25
    rng: Callable[[], float] = random.random

    def should_retry_status(self, response: httpx.Response) -> bool:
        override = str(response.headers.get("x-should-retry", "")).lower()
        if override in ("true", "false"):
            return override == "true"
        return response.status_code in RETRYABLE_STATUSES or response.status_code >= 500

    def backoff(self, retries_done: int) -> float:
        delay = min(self.initial_delay * (2**retries_done), self.max_delay)
        return float(delay * (1.0 - self.jitter * self.rng()))

    def delay(self, retries_done: int, response: httpx.Response | None) -> float:
        server_delay = retry_after_seconds(response) if response is not None else None
        if server_delay is not None and 0 <= server_delay <= MAX_RETRY_AFTER_SECONDS:
            return server_delay
        return self.backoff(retries_done)


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The server's requested delay: ``retry-after-ms`` first, then ``Retry-After`` (seconds or date)."""
    milliseconds = response.headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return float(milliseconds) / 1000.0
        except ValueError:
            pass
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def compress_request(request: httpx.Request, enabled: bool) -> httpx.Request:
    """The same request with a gzip body, when compression is on and the body is large enough."""
    if (
        not enabled
        or "content-encoding" in request.headers
        or not isinstance(request.stream, httpx.ByteStream)
    ):
        return request
    body = request.read()
    if len(body) <= COMPRESSION_THRESHOLD_BYTES:
        return request
    headers = httpx.Headers(request.headers)
    headers["Content-Encoding"] = "gzip"
    compressed = gzip.compress(body, compresslevel=1, mtime=0)
    headers["Content-Length"] = str(len(compressed))
    return httpx.Request(
        request.method, request.url, headers=headers, content=compressed, extensions=request.extensions
    )


def _transport_error(exc: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"Request timed out: {exc or type(exc).__name__}", request=request)
    return APIConnectionError(f"Connection error: {exc or type(exc).__name__}", request=request)


def _mark_retry(request: httpx.Request, retries_done: int) -> None:
    request.headers[RETRY_COUNT_HEADER] = str(retries_done)


class RetryingTransport(httpx.BaseTransport):
    """Synchronous transport: compression + retries around a pooled :class:`httpx.HTTPTransport`."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        policy: RetryPolicy,
        compression: bool,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._inner = inner
        self._policy = policy
        self._compression = compression
        self._sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request = compress_request(request, self._compression)
        retries_done = 0
        while True:
            try:
                response = self._inner.handle_request(request)
            except httpx.TransportError as exc:
                if retries_done >= self._policy.max_retries:
                    raise _transport_error(exc, request) from exc
                delay = self._policy.delay(retries_done, None)
            else:
                if retries_done >= self._policy.max_retries or not self._policy.should_retry_status(response):
                    return response
                response.read()
                response.close()
                delay = self._policy.delay(retries_done, response)
            self._sleep(delay)
            retries_done += 1
            _mark_retry(request, retries_done)

    def close(self) -> None:
        self._inner.close()


class AsyncRetryingTransport(httpx.AsyncBaseTransport):
    """The asynchronous twin of :class:`RetryingTransport` (same policy, non-blocking sleeps)."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        *,
        policy: RetryPolicy,
        compression: bool,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
    ) -> None:
        self._inner = inner
        self._policy = policy
        self._compression = compression
        self._sleep = sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request = compress_request(request, self._compression)
        retries_done = 0
        while True:
            try:
                response = await self._inner.handle_async_request(request)
            except httpx.TransportError as exc:
                if retries_done >= self._policy.max_retries:
                    raise _transport_error(exc, request) from exc
                delay = self._policy.delay(retries_done, None)
            else:
                if retries_done >= self._policy.max_retries or not self._policy.should_retry_status(response):
                    return response
                await response.aread()
                await response.aclose()
                delay = self._policy.delay(retries_done, response)
            await self._sleep(delay)
            retries_done += 1
            _mark_retry(request, retries_done)

    async def aclose(self) -> None:
        await self._inner.aclose()
