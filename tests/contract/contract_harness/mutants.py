"""Deliberately broken emulators: ASGI middlewares that each break one promise of the spec.

A contract suite that still passes against one of these proves nothing, so the mutant tests
serve each wrapped app (``tpuf_emulator.run(wrap_app=...)``) and require the suite to FAIL, for
the expected reason.
Each mutant changes as little as possible, so the failure can only come from that change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

Scope = dict[str, Any]
ASGIApp = Callable[[Scope, Callable, Callable], Awaitable[None]]

QUERY_PATH = re.compile(r"^/v2/namespaces/[^/]+/query$")
NAMESPACE_PATH = re.compile(r"^/v2/namespaces/[^/]+$")
SCHEMA_PATH = re.compile(r"^/v1/namespaces/[^/]+/schema$")


@dataclass
class Reply:
    """A complete, buffered response a mutant may rewrite."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def set_json(self, value: Any) -> None:
        self.body = json.dumps(value).encode()
        self.headers = [
            (k, v) for k, v in self.headers if k.lower() not in (b"content-length", b"content-encoding")
        ]
        self.headers.append((b"content-length", str(len(self.body)).encode()))


Rewrite = Callable[[Scope, Reply], None]


class ResponseRewriter:
    """Buffer the responses of requests ``applies(scope)`` accepts and pass them through ``rewrite``."""

    def __init__(self, app: ASGIApp, applies: Callable[[Scope], bool], rewrite: Rewrite) -> None:
        self.app = app
        self.applies = applies
        self.rewrite = rewrite

    async def __call__(self, scope: Scope, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or not self.applies(scope):
            await self.app(scope, receive, send)
            return
        started: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def buffer(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, buffer)
        reply = Reply(started["status"], list(started.get("headers", [])), b"".join(chunks))
        self.rewrite(scope, reply)
        await send({"type": "http.response.start", "status": reply.status, "headers": reply.headers})
        await send({"type": "http.response.body", "body": reply.body})


def _is(method: str, pattern: re.Pattern[str]) -> Callable[[Scope], bool]:
    return lambda scope: scope["method"] == method and bool(pattern.match(scope["path"]))


# ---- the mutants ----------------------------------------------------------------------------


def renamed_rows_field(app: ASGIApp) -> ASGIApp:
    """Query results call their rows ``documents``.

    ``rows`` is optional in ``QueryResult`` (aggregations have none) and responses may carry extra
    fields, so the response schema alone cannot see this; reading back a write does.
    """

    def rewrite(scope: Scope, reply: Reply) -> None:
        body = reply.json()
        if reply.status == 200 and isinstance(body, dict) and "rows" in body:
            body["documents"] = body.pop("rows")
            reply.set_json(body)

    return ResponseRewriter(app, _is("POST", QUERY_PATH), rewrite)


def renamed_required_write_field(app: ASGIApp) -> ASGIApp:
    """Write results call ``rows_affected`` ``rows_changed``: a required field is missing."""

    def rewrite(scope: Scope, reply: Reply) -> None:
        body = reply.json()
        if reply.status == 200 and isinstance(body, dict) and "rows_affected" in body:
            body["rows_changed"] = body.pop("rows_affected")
            reply.set_json(body)

    return ResponseRewriter(app, _is("POST", NAMESPACE_PATH), rewrite)


def unknown_namespace_is_410(app: ASGIApp) -> ASGIApp:
    """An unknown namespace answers 410 Gone instead of the documented 404."""

    def rewrite(scope: Scope, reply: Reply) -> None:
        if reply.status == 404:
            reply.status = 410

    return ResponseRewriter(app, _is("GET", SCHEMA_PATH), rewrite)


def delete_is_ignored(app: ASGIApp) -> ASGIApp:
    """DELETE of a namespace answers 200 OK but deletes nothing."""

    async def mutant(scope: Scope, receive: Callable, send: Callable) -> None:
        if scope["type"] == "http" and _is("DELETE", NAMESPACE_PATH)(scope):
            body = json.dumps({"status": "OK"}).encode()
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return mutant


def string_attributes_upper_cased(app: ASGIApp) -> ASGIApp:
    """Queries return string attribute values upper-cased: still schema-valid, but not what was written."""

    def rewrite(scope: Scope, reply: Reply) -> None:
        body = reply.json()
        if reply.status != 200 or not isinstance(body, dict) or not isinstance(body.get("rows"), list):
            return
        for row in body["rows"]:
            for key, value in list(row.items()):
                if key not in ("id", "$dist") and isinstance(value, str) and value.upper() != value:
                    row[key] = value.upper()
        reply.set_json(body)

    return ResponseRewriter(app, _is("POST", QUERY_PATH), rewrite)


def rate_limited_without_retry_after(app: ASGIApp, every: int = 3) -> ASGIApp:
    """Every ``every``-th query is answered 429 with a valid error body but no Retry-After header."""
    seen = {"count": 0}

    async def mutant(scope: Scope, receive: Callable, send: Callable) -> None:
        if scope["type"] == "http" and _is("POST", QUERY_PATH)(scope):
            seen["count"] += 1
            if seen["count"] % every == 0:
                body = json.dumps({"status": "error", "error": "too many concurrent queries"}).encode()
                headers = [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ]
                await send({"type": "http.response.start", "status": 429, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await app(scope, receive, send)

    return mutant


def any_token_accepted(app: ASGIApp, valid_key: str) -> ASGIApp:
    """Authentication is skipped: every request is treated as carrying the valid key."""

    async def mutant(scope: Scope, receive: Callable, send: Callable) -> None:
        if scope["type"] == "http":
            headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"authorization"]
            headers.append((b"authorization", f"Bearer {valid_key}".encode()))
            scope = {**scope, "headers": headers}
        await app(scope, receive, send)

    return mutant
