"""Asynchronous operations (``startCopyFrom`` and their ``operations/{token}`` polls).

The emulator runs every operation to completion before answering, so a token is only ever
``finished``; its result is kept (in memory, newest 10,000 per process) so the documented polling
flow works unchanged: ``{"status": "finished", "start_time", "finish_time", "result":
{"success": <body>} | {"error": {"status_code", "detail": {"status": "error", "error"}}}}``.
Operations are bookkeeping, not data: they are not written to the log and do not survive restarts.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ..errors import ApiError, not_found
from .metadata import iso
from .namespace import now_ms

MAX_KEPT = 10_000


class Operations:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done: OrderedDict[tuple[str, str, str], dict[str, Any]] = OrderedDict()

    def run(self, org: str, namespace: str, work: Callable[[], dict[str, Any]]) -> str:
        started = now_ms()
        try:
            result: dict[str, Any] = {"success": work()}
        except ApiError as exc:
            result = {
                "error": {"status_code": exc.status, "detail": {"status": "error", "error": exc.message}}
            }
        token = "tpuf-op-" + secrets.token_hex(8)
        state = {
            "status": "finished",
            "start_time": iso(started),
            "finish_time": iso(now_ms()),
            "result": result,
        }
        with self._lock:
            self._done[(org, namespace, token)] = state
            while len(self._done) > MAX_KEPT:
                self._done.popitem(last=False)
        return token

    def get(self, org: str, namespace: str, token: str) -> dict[str, Any]:
        with self._lock:
            state = self._done.get((org, namespace, token))
        if state is None:
            raise not_found(f"operation {token!r} not found for namespace {namespace!r}")
        return state
