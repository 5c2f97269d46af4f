"""The app factory: wires configuration, storage, the namespace registry and the routes together."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response

from ..config import EmulatorConfig
from ..console.counters import Counters, CountersMiddleware
from ..console.routes import console_routes, is_public_path
from ..namespaces import Registry
from . import overload
from .auth import AuthMiddleware
from .endpoints import build_routes
from .responses import error_response

log = logging.getLogger("tpuf_emulator.http")


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        message = f"no route for {request.method} {request.url.path}"
    elif exc.status_code == 405:
        message = f"method {request.method} not allowed on {request.url.path}"
    else:
        message = str(exc.detail)
    return error_response(request, exc.status_code, message, dict(exc.headers or {}))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, f"internal error while handling {request.method} {request.url.path}")


def _overload_middleware(config: EmulatorConfig) -> list[Middleware]:
    """The 429 admission control of ``http/overload.py``."""
    return list(overload.middleware(config))


def create_app(config: EmulatorConfig | None = None, registry: Registry | None = None) -> Starlette:
    """Build the ASGI app. ``registry`` lets in-process tests share or inspect state."""
    config = config or EmulatorConfig()
    owned = registry is None
    registry = registry or Registry.open(config)
    if config.seed_paths:
        from ..transfer.seed import seed_registry

        try:
            seed_registry(registry, config.seed_organization, config.seed_paths)
        except BaseException:
            if owned:
                registry.close()
            raise

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if owned:
                registry.close()

    counters = Counters()
    app = Starlette(
        routes=[
            *build_routes(registry, config.max_body_bytes, config.query_deadline_ms),
            *console_routes(registry, counters, config.max_body_bytes),
        ],
        middleware=[
            Middleware(AuthMiddleware, keys=config.effective_api_keys(), is_public=is_public_path),
            Middleware(CountersMiddleware, counters=counters),  # outside admission control: sees the 429s
            *_overload_middleware(config),
        ],
        exception_handlers={HTTPException: _http_exception, Exception: _unexpected},
        lifespan=lifespan,
    )
    app.router.redirect_slashes = False
    app.state.registry = registry
    app.state.config = config
    app.state.counters = counters
    return app
