"""One route per path with a method table, so 405 answers carry the complete ``Allow`` list.

Every handler is a plain synchronous function run in the thread pool: the namespace layer uses
threading locks (one writer or many readers per namespace), which must never block the event loop.
Queries and writes run under a ``Deadline`` (``deadline.py``) that a watcher on the event loop
cancels when the client disconnects, so abandoned work stops instead of holding a worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from .. import deadline
from ..errors import ApiError
from .auth import ORGANIZATION_STATE_KEY
from .bodies import read_json_object
from .responses import error_response, json_response

log = logging.getLogger("tpuf_emulator.http")
# Conditions of a connection rather than of the server (collapsed when they flood, see logfilter.py).
connection_log = logging.getLogger("tpuf_emulator.http.connections")


@dataclass
class Call:
    """What a handler needs from the HTTP request, without any HTTP types."""

    organization: str
    path: dict[str, str]
    params: dict[str, str]
    body: dict[str, Any] | None


# A handler returns (status, body) or (status, body, headers).
Reply = tuple[int, dict[str, Any]] | tuple[int, dict[str, Any], dict[str, str]]
Handler = Callable[[Call], Reply]


@dataclass
class Method:
    handler: Handler
    reads_body: bool = False
    deadline: str | None = None  # what runs under the deadline ("query", "write"), if anything


DISCONNECT_POLL_S = 0.05


async def _cancel_on_disconnect(request: Request, budget: deadline.Deadline) -> None:
    while not await request.is_disconnected():
        await asyncio.sleep(DISCONNECT_POLL_S)
    budget.cancel()


async def _run(request: Request, method: Method, call: Call, deadline_ms: int) -> Reply:
    if method.deadline is None:
        return await run_in_threadpool(method.handler, call)
    budget = deadline.Deadline(deadline_ms, method.deadline)
    watcher = asyncio.create_task(_cancel_on_disconnect(request, budget))
    started = time.monotonic()
    try:
        return await run_in_threadpool(deadline.running, budget, lambda: method.handler(call))
    except ApiError:
        elapsed_ms = int((time.monotonic() - started) * 1000)
        if budget.cancelled:
            log.info("client disconnected from %s %s; its %s was stopped after %d ms",
                     request.method, request.url.path, budget.what, elapsed_ms)  # fmt: skip
        elif budget.expired:
            log.info("%s %s exceeded the deadline of %d ms (--query-deadline-ms); its %s was stopped",
                     request.method, request.url.path, deadline_ms, budget.what)  # fmt: skip
        raise
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher


def method_route(path: str, methods: dict[str, Method], max_body_bytes: int, deadline_ms: int) -> Route:
    async def endpoint(request: Request) -> Response:
        method = methods.get(request.method) or (methods.get("GET") if request.method == "HEAD" else None)
        if method is None:  # Route already filters methods; kept for safety
            return error_response(request, 405, f"method {request.method} not allowed on {path}")
        try:
            body = await read_json_object(request, max_body_bytes) if method.reads_body else None
            call = Call(
                organization=request.state._state.get(ORGANIZATION_STATE_KEY, ""),
                path=dict(request.path_params),
                params=dict(request.query_params),
                body=body,
            )
            result = await _run(request, method, call, deadline_ms)
        except ApiError as exc:
            return error_response(request, exc.status, exc.message, exc.headers)
        except ClientDisconnect:  # nobody to answer, nothing wrong with the server: one line, no traceback
            connection_log.info(
                "client went away before its request body arrived (%s %s)", request.method, path
            )
            return error_response(request, 400, "client disconnected before the request body arrived")
        except Exception:
            log.exception("internal error while handling %s %s", request.method, request.url.path)
            return error_response(request, 500, f"internal error while handling {request.method} {path}")
        status, payload, *rest = result
        return json_response(request, status, payload, rest[0] if rest else None)

    return Route(path, endpoint, methods=list(methods), name=path)
