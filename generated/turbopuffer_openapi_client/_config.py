# copied from clientlib/turbopuffer_openapi_client/_config.py by scripts/generate.py — edit it there, not here
"""Client configuration, resolved the way the official client does it.

* ``api_key`` or ``TURBOPUFFER_API_KEY`` (a clear error, before any request, when both are missing);
* ``base_url`` or ``TURBOPUFFER_BASE_URL``, defaulting to the spec's first server URL;
* ``region`` or ``TURBOPUFFER_REGION`` fills ``{region}``; a region with a base URL that has no
  ``{region}`` is refused (it would be silently ignored otherwise).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx

from ._spec_defaults import DEFAULT_BASE_URL, KNOWN_REGIONS, USER_AGENT
from .errors import ConfigurationError

#: 60 s for the whole request, 5 s to connect (the official client's defaults).
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 4
#: Request bodies larger than this are gzip-compressed when compression is on.
COMPRESSION_THRESHOLD_BYTES = 1024
DEFAULT_CONNECTION_LIMITS = httpx.Limits(
    max_connections=512, max_keepalive_connections=512, keepalive_expiry=60.0
)

_PLACEHOLDER = "{region}"
ENV_API_KEY = "TURBOPUFFER_API_KEY"
ENV_REGION = "TURBOPUFFER_REGION"
ENV_BASE_URL = "TURBOPUFFER_BASE_URL"


@dataclass(frozen=True)
class ClientConfig:
    """Everything a client needs to talk to the API; immutable once resolved."""

    api_key: str
    base_url: str
    timeout: httpx.Timeout
    max_retries: int = DEFAULT_MAX_RETRIES
    compression: bool = True
    default_headers: Mapping[str, str] = field(default_factory=dict)
    limits: httpx.Limits = field(default_factory=lambda: DEFAULT_CONNECTION_LIMITS)

    def __repr__(self) -> str:  # never print the key
        return (
            f"ClientConfig(base_url={self.base_url!r}, timeout={self.timeout!r}, "
            f"max_retries={self.max_retries}, compression={self.compression})"
        )

    def headers(self) -> dict[str, str]:
        """Headers sent with every request (explicit ``default_headers`` win)."""
        headers = {
            "Authorization": f"Bearer {self.api_key}",
            "Accept": "application/json",
            "Accept-Encoding": "gzip" if self.compression else "identity",
            "User-Agent": USER_AGENT,
        }
        headers.update(self.default_headers)
        return headers


def resolve_config(
    *,
    api_key: str | None = None,
    region: str | None = None,
    base_url: str | None = None,
    timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
    max_retries: int = DEFAULT_MAX_RETRIES,
    compression: bool = True,
    default_headers: Mapping[str, str] | None = None,
    limits: httpx.Limits = DEFAULT_CONNECTION_LIMITS,
) -> ClientConfig:
    """Merge arguments with the environment; raise :class:`ConfigurationError` on anything unusable."""
    key = api_key if api_key is not None else os.environ.get(ENV_API_KEY)
    if not key:
        raise ConfigurationError(
            f"No API key: pass api_key=... or set the {ENV_API_KEY} environment variable "
            "(the emulator's development key is 'tpuf-emulator-dev-key')."
        )
    url = base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL
    region = region or os.environ.get(ENV_REGION) or None
    if _PLACEHOLDER in url:
        if not region:
            raise ConfigurationError(
                f"No region: {url} needs one. Pass region=... or set {ENV_REGION} "
                f"(for example {', '.join(KNOWN_REGIONS[:3])}), or pass base_url=... / set {ENV_BASE_URL}."
            )
        url = url.replace(_PLACEHOLDER, region)
    elif region:
        raise ConfigurationError(
            f"region={region!r} was given but the base URL {url!r} has no {_PLACEHOLDER!r} placeholder to "
            f"fill; unset {ENV_REGION} or use a base URL containing {_PLACEHOLDER!r}."
        )
    if max_retries < 0:
        raise ConfigurationError(f"max_retries must be 0 or more, got {max_retries}")
    if timeout is None or isinstance(timeout, (int, float)):
        resolved_timeout = httpx.Timeout(timeout)
    else:
        resolved_timeout = timeout
    return ClientConfig(
        api_key=key,
        base_url=url.rstrip("/"),
        timeout=resolved_timeout,
        max_retries=max_retries,
        compression=compression,
        default_headers=dict(default_headers or {}),
        limits=limits,
    )
