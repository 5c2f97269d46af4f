"""Mounts the console: the static single-page app at ``/console/`` and its JSON API at ``/console/api/``.

The static assets are public (``is_public_path``: the page holds no data). Every ``/console/api``
route goes through the same Bearer-key authentication as the public API, and reads only the
caller's organisation's namespaces through ``Registry.read`` (another organisation's namespace is a
404, exactly as on ``/v1/namespaces/{ns}/metadata``).
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from ..deadline import DEFAULT_DEADLINE_MS
from ..errors import bad_request
from ..http.routing import Call, Method, Reply, method_route
from ..namespaces import Registry
from .counters import Counters
from .index_state import index_state
from .projection import DEFAULT_SAMPLE, MAX_SAMPLE, project

STATIC_DIR = Path(__file__).parent / "static"
PREFIX = "/console"
API_PREFIX = "/console/api/"


def is_public_path(path: str) -> bool:
    """The console's static page and assets: served without an API key."""
    return (path == PREFIX or path.startswith(PREFIX + "/")) and not path.startswith(API_PREFIX)


def _sample_param(call: Call) -> int:
    raw = call.params.get("sample") or str(DEFAULT_SAMPLE)
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_SAMPLE:
        raise bad_request(
            f"query parameter sample: expected an integer between 1 and {MAX_SAMPLE}, got {raw!r}"
        )
    return int(raw)


def console_routes(registry: Registry, counters: Counters, max_body_bytes: int) -> list[BaseRoute]:
    def projection(call: Call) -> Reply:
        attr = call.params.get("attribute") or "vector"
        color_by = call.params.get("color_by") or None
        sample = _sample_param(call)
        name = call.path["namespace"]
        return 200, registry.read(call.organization, name, lambda ns: project(ns, attr, color_by, sample))

    def live_counters(call: Call) -> Reply:
        body = counters.snapshot(call.organization)
        name = call.params.get("namespace")
        if name:
            body["index"] = registry.read(call.organization, name, index_state)
        return 200, body

    async def to_app(request: Request) -> Response:
        return RedirectResponse(PREFIX + "/", status_code=308)

    api = {
        API_PREFIX + "namespaces/{namespace}/projection": {"GET": Method(projection)},
        API_PREFIX + "counters": {"GET": Method(live_counters)},
    }
    return [
        *(method_route(path, methods, max_body_bytes, DEFAULT_DEADLINE_MS) for path, methods in api.items()),
        Route(PREFIX, to_app, methods=["GET", "HEAD"]),
        Mount(PREFIX, app=StaticFiles(directory=STATIC_DIR, html=True), name="console"),
    ]
