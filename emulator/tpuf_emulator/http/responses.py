"""Response encoding: orjson bodies, gzip only when the client asked for it and the body is big enough.

The hosted API gzips large responses for clients that send ``Accept-Encoding: gzip`` and never
compresses small ones or answers to ``identity``; the official client relies on neither, but
clients with ``compression=True`` expect exactly this.
"""

from __future__ import annotations

import gzip
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

GZIP_MIN_BYTES = 1024
_JSON_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS


def encode_json(body: Any) -> bytes:
    return orjson.dumps(body, option=_JSON_OPTIONS)


def accepts_gzip(accept_encoding: str | None) -> bool:
    """True when the Accept-Encoding header allows gzip (explicitly or via ``*``) with q > 0."""
    if not accept_encoding:
        return False
    allowed: dict[str, float] = {}
    for part in accept_encoding.split(","):
        token, _, params = part.strip().partition(";")
        token = token.strip().lower()
        if not token:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        allowed[token] = quality
    if "gzip" in allowed:
        return allowed["gzip"] > 0
    return allowed.get("*", 0.0) > 0


def json_response(
    request: Request | None, status: int, body: Any, headers: dict[str, str] | None = None
) -> Response:
    content = encode_json(body)
    out_headers = {"vary": "Accept-Encoding", **(headers or {})}
    accept = request.headers.get("accept-encoding") if request is not None else None
    if len(content) > GZIP_MIN_BYTES and accepts_gzip(accept):
        content = gzip.compress(content, compresslevel=5)
        out_headers["content-encoding"] = "gzip"
    return Response(content, status_code=status, headers=out_headers, media_type="application/json")


def error_response(
    request: Request | None, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    return json_response(request, status, {"status": "error", "error": message}, headers)
