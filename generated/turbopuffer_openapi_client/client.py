# copied from clientlib/turbopuffer_openapi_client/client.py by scripts/generate.py — edit it there, not here
"""The connection to the API shared by every call: configuration plus pooled sync and async httpx clients.

Our override of openapi-python-client's ``client.py``. Instead of a bare ``base_url`` and token, a
client is configured like the official one (``api_key`` / ``TURBOPUFFER_API_KEY``, ``region`` /
``TURBOPUFFER_REGION``, ``base_url`` / ``TURBOPUFFER_BASE_URL``) and its httpx clients run on
:mod:`._transport` (gzip, retries with backoff, typed connection errors) with default timeouts and a
connection pool. The generated endpoint functions take any :class:`Client`; :class:`Turbopuffer` and
:class:`AsyncTurbopuffer` add the namespace handle on top.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, Self

import httpx

from ._config import (
    DEFAULT_CONNECTION_LIMITS,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    ClientConfig,
    resolve_config,
)
from ._transport import AsyncRetryingTransport, RetryingTransport, RetryPolicy


class Client:
    """Configuration and pooled HTTP connections (created lazily, reused by every request).

    Args:
        api_key: the API key; defaults to ``TURBOPUFFER_API_KEY``.
        region: fills ``{region}`` in the base URL; defaults to ``TURBOPUFFER_REGION``.
        base_url: defaults to ``TURBOPUFFER_BASE_URL``, then to the spec's server URL.
        timeout: seconds or an :class:`httpx.Timeout` (default 60 s, 5 s to connect); ``None`` = none.
        max_retries: retries of connection errors, timeouts, 408, 409, 429 and 5xx (default 4).
        compression: gzip request bodies over 1 KiB and ask for gzip responses (default on).
        default_headers: extra headers sent with every request.
        limits: the connection pool size.
        httpx_args: extra keyword arguments for both :class:`httpx.Client` and :class:`httpx.AsyncClient`.
    """

    raise_on_unexpected_status: bool = True

    def __init__(
        self,
        *,
        api_key: str | None = None,
        region: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        compression: bool = True,
        default_headers: Mapping[str, str] | None = None,
        limits: httpx.Limits = DEFAULT_CONNECTION_LIMITS,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        self._config = resolve_config(
            api_key=api_key,
            region=region,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            compression=compression,
            default_headers=default_headers,
            limits=limits,
        )
        self._httpx_args: dict[str, Any] = dict(httpx_args or {})
        self._client: httpx.Client | None = None
        self._async_client: httpx.AsyncClient | None = None

    @classmethod
    def from_config(cls, config: ClientConfig, *, httpx_args: Mapping[str, Any] | None = None) -> Self:
        client = cls.__new__(cls)
        client._config = config
        client._httpx_args = dict(httpx_args or {})
        client._client = None
        client._async_client = None
        return client

    @property
    def config(self) -> ClientConfig:
        return self._config

    @property
    def base_url(self) -> str:
        return self._config.base_url

    def with_options(self, **changes: Any) -> Self:
        """A new client with some settings changed (``timeout=``, ``max_retries=``, ``compression=``...)."""
        if "timeout" in changes and not isinstance(changes["timeout"], httpx.Timeout):
            changes["timeout"] = httpx.Timeout(changes["timeout"])
        return type(self).from_config(
            dataclasses.replace(self._config, **changes), httpx_args=self._httpx_args
        )

    def _retry_policy(self) -> RetryPolicy:
        return RetryPolicy(max_retries=self._config.max_retries)

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use your own :class:`httpx.Client` (it then owns base URL, headers, timeouts and retries)."""
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        if self._client is None:
            transport = RetryingTransport(
                httpx.HTTPTransport(limits=self._config.limits),
                policy=self._retry_policy(),
                compression=self._config.compression,
            )
            self._client = httpx.Client(
                base_url=self._config.base_url,
                headers=self._config.headers(),
                timeout=self._config.timeout,
                transport=transport,
                **self._httpx_args,
            )
        return self._client

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use your own :class:`httpx.AsyncClient` (it then owns base URL, headers, timeouts and retries)."""
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        if self._async_client is None:
            transport = AsyncRetryingTransport(
                httpx.AsyncHTTPTransport(limits=self._config.limits),
                policy=self._retry_policy(),
                compression=self._config.compression,
            )
            self._async_client = httpx.AsyncClient(
                base_url=self._config.base_url,
                headers=self._config.headers(),
                timeout=self._config.timeout,
                transport=transport,
                **self._httpx_args,
            )
        return self._async_client

    def close(self) -> None:
        """Close the pooled sync connections (the async ones close with :meth:`aclose`)."""
        if self._client is not None:
            self._client.close()
            self._client = None

    async def aclose(self) -> None:
        if self._async_client is not None:
            await self._async_client.aclose()
            self._async_client = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *args: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._config.base_url!r})"


#: The generated endpoint functions accept ``AuthenticatedClient | Client``: every client authenticates.
AuthenticatedClient = Client

__all__ = ["AuthenticatedClient", "Client"]
