"""Bearer-key authentication in front of routing, so every path (even an unknown one) answers 401 first.

Each key belongs to one organisation; the organisation is stored in the ASGI scope state and scopes
every namespace lookup, so namespaces are private to their organisation.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from .responses import error_response

ORGANIZATION_STATE_KEY = "organization"


def organization_for(authorization: str | None, keys: dict[str, str]) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return keys.get(token.strip())


class AuthMiddleware:
    def __init__(
        self, app: ASGIApp, keys: dict[str, str], is_public: Callable[[str], bool] = lambda path: False
    ) -> None:
        self.app = app
        self.keys = keys
        self.is_public = is_public  # paths served without a key (the console's static page)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.is_public(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        authorization = None
        for name, value in scope.get("headers", ()):
            if name == b"authorization":
                authorization = value.decode("latin-1")
                break
        org = organization_for(authorization, self.keys)
        if org is None:
            message = (
                "missing or invalid API key: send 'Authorization: Bearer <key>'"
                if authorization is None
                else "invalid API key"
            )
            response = error_response(None, 401, message, {"www-authenticate": "Bearer"})
            await response(scope, receive, send)
            return
        state = dict(scope.get("state") or {})
        state[ORGANIZATION_STATE_KEY] = org
        scope["state"] = state
        await self.app(scope, receive, send)
