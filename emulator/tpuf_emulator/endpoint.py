"""Where a turbopuffer client connects: a base URL and an API key, in the shapes clients take them.

Both a local emulator (``launcher.py``) and the hosted service (``pytest_plugin.py``'s
``--tpuf-url``) are an ``Endpoint``, so the same test code talks to either.
"""

from __future__ import annotations

from typing import TypedDict


class ClientKwargs(TypedDict):
    """``Turbopuffer(**kwargs)`` for both clients; a TypedDict so type checkers match the keys to the
    constructors' parameters (a ``dict[str, str]`` would be checked against every parameter)."""

    api_key: str
    base_url: str


class Endpoint:
    """``base_url`` (no trailing slash) and ``api_key``; ``client_kwargs``, ``env`` and ``headers``
    derived from them. An emulator's ``base_url`` changes when it is restarted on a new port."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    @property
    def client_kwargs(self) -> ClientKwargs:
        """Keyword arguments for both ``turbopuffer.Turbopuffer(...)`` (the official client) and
        ``turbopuffer_openapi_client.Turbopuffer(...)`` (the generated one): ``api_key`` and
        ``base_url``. No ``region``: with a base URL that has no ``{region}`` placeholder, both
        clients refuse one, so ``TURBOPUFFER_REGION`` must not be set in the environment either."""
        return {"api_key": self.api_key, "base_url": self.base_url}

    @property
    def env(self) -> dict[str, str]:
        """The environment variables both clients read when constructed without arguments:
        ``TURBOPUFFER_API_KEY`` and ``TURBOPUFFER_BASE_URL``."""
        return {"TURBOPUFFER_API_KEY": self.api_key, "TURBOPUFFER_BASE_URL": self.base_url}

    @property
    def headers(self) -> dict[str, str]:
        """The ``Authorization`` header for plain HTTP clients."""
        return {"Authorization": f"Bearer {self.api_key}"}
