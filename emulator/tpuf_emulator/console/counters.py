"""Per-organisation request counters for the console's live view, fed by a tiny ASGI middleware.

Cheap by design: one lock, a bounded deque of recent request times per organisation (requests per
second over the last ``WINDOW_S`` seconds) and a bounded deque of recent latencies per operation
(p50/p99 over the last ``LATENCY_SAMPLES`` requests), plus running totals. The middleware sits
between authentication (it needs the organisation) and admission control (it must see the 429s).
The console's own paths are not counted.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..http.auth import ORGANIZATION_STATE_KEY

WINDOW_S = 10.0
MAX_RECENT = 20_000
LATENCY_SAMPLES = 512

# (method, last path segment) -> operation; the namespace route itself is told apart by depth.
_BY_SUFFIX = {
    ("POST", "query"): "query",
    ("POST", "multi-query"): "multi_query",
    ("POST", "explain_query"): "explain_query",
    ("GET", "metadata"): "metadata",
    ("PATCH", "metadata"): "update_metadata",
    ("GET", "schema"): "schema",
    ("POST", "schema"): "update_schema",
    ("POST", "async"): "copy",
    ("GET", "hint_cache_warm"): "hint_cache_warm",
    ("POST", "recall"): "recall",
}


def operation_of(method: str, path: str) -> str:
    parts = [part for part in path.split("/") if part]
    if len(parts) >= 2 and parts[1] == "namespaces":
        if len(parts) == 2:
            return "list_namespaces"
        if len(parts) == 3:
            return {"POST": "write", "DELETE": "delete_namespace", "GET": "export"}.get(method, "other")
        if len(parts) >= 5 and parts[3] == "operations":
            return "operation"
        return _BY_SUFFIX.get((method, parts[-1]), "other")
    return "other"


def _percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, max(0, int(round(fraction * (len(sorted_values) - 1)))))
    return sorted_values[index]


@dataclass
class _Operation:
    count: int = 0
    errors: int = 0
    latencies_ms: deque[float] = field(default_factory=lambda: deque(maxlen=LATENCY_SAMPLES))


@dataclass
class _Organization:
    requests: int = 0
    throttled: int = 0
    recent: deque[float] = field(default_factory=lambda: deque(maxlen=MAX_RECENT))
    operations: dict[str, _Operation] = field(default_factory=dict)


class Counters:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._orgs: dict[str, _Organization] = {}
        self.started = time.monotonic()

    def record(self, org: str, operation: str, status: int, elapsed_ms: float) -> None:
        now = time.monotonic()
        with self._lock:
            counts = self._orgs.setdefault(org, _Organization())
            counts.requests += 1
            counts.recent.append(now)
            if status == 429:
                counts.throttled += 1
            op = counts.operations.setdefault(operation, _Operation())
            op.count += 1
            op.errors += status >= 400
            op.latencies_ms.append(elapsed_ms)

    def snapshot(self, org: str) -> dict[str, Any]:
        now = time.monotonic()
        with self._lock:
            counts = self._orgs.get(org) or _Organization()
            window = min(WINDOW_S, max(now - self.started, 1e-3))
            in_window = sum(1 for at in counts.recent if now - at <= window)
            operations = {
                name: (op.count, op.errors, sorted(op.latencies_ms))
                for name, op in sorted(counts.operations.items())
            }
            requests, throttled = counts.requests, counts.throttled
        return {
            "requests": requests,
            "requests_per_second": round(in_window / window, 3),
            "window_seconds": round(window, 3),
            "throttled_429": throttled,
            "operations": {
                name: {
                    "count": count,
                    "errors": errors,
                    "p50_ms": round(_percentile(latencies, 0.50), 3) if latencies else None,
                    "p99_ms": round(_percentile(latencies, 0.99), 3) if latencies else None,
                }
                for name, (count, errors, latencies) in operations.items()
            },
        }


class CountersMiddleware:
    def __init__(self, app: ASGIApp, counters: Counters) -> None:
        self.app = app
        self.counters = counters

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        org = (scope.get("state") or {}).get(ORGANIZATION_STATE_KEY)
        if scope["type"] != "http" or org is None or path.startswith("/console"):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            self.counters.record(org, operation_of(scope["method"], path), status, elapsed_ms)
