# copied from clientlib/turbopuffer_openapi_client/errors.py by scripts/generate.py — edit it there, not here
"""Typed exceptions raised by every API call of this client.

Every failure is raised, never returned: an HTTP status outside 2xx becomes an :class:`APIStatusError`
subclass chosen by status (like the official client), carrying the status, the server's ``error``
message and the raw response. Connection failures and timeouts become :class:`APIConnectionError` /
:class:`APITimeoutError`; a 2xx answer whose body is not the documented JSON (a proxy's HTML page, a
truncated body, a missing field) becomes :class:`APIResponseValidationError`. Building an error never
fails: malformed, non-JSON or empty bodies and non-standard statuses (499, 520, ...) still produce a
readable exception.
"""

from __future__ import annotations

import json
from typing import Any

import httpx


class TurbopufferError(Exception):
    """Base class of every exception this package raises."""


class ConfigurationError(TurbopufferError, ValueError):
    """The client was configured inconsistently (missing API key, region without ``{region}``...)."""


class APIError(TurbopufferError):
    """A request failed: at the transport level or with an HTTP error status."""

    message: str
    request: httpx.Request | None

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request


class APIConnectionError(APIError):
    """The server could not be reached, or the connection broke (after all retries)."""

    def __init__(self, message: str = "Connection error.", *, request: httpx.Request | None = None) -> None:
        super().__init__(message, request=request)


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or pool timeout), after all retries."""

    def __init__(self, message: str = "Request timed out.", *, request: httpx.Request | None = None) -> None:
        super().__init__(message, request=request)


class APIStatusError(APIError):
    """The server answered with an error status (the base of every per-status exception).

    Attributes:
        status_code: the HTTP status (any integer, including non-standard ones such as 520).
        message: the server's ``error`` message when the body has one, else a readable summary.
        body: the decoded JSON body, or the raw text when the body is not JSON (``None`` if empty).
        response: the :class:`httpx.Response` itself (headers such as ``Retry-After`` included).
    """

    status_code: int
    body: Any
    response: httpx.Response

    def __init__(self, message: str, *, response: httpx.Response, body: Any) -> None:
        request = response._request  # not `response.request`: that raises when the request is unset
        super().__init__(f"Error code: {response.status_code} - {message}", request=request)
        self.message = message
        self.status_code = response.status_code
        self.body = body
        self.response = response


class APIResponseValidationError(APIError):
    """A success status whose body is not what the spec documents (not JSON, or the wrong shape).

    Attributes:
        status_code: the (2xx) HTTP status.
        message: what could not be read, and why.
        body: the decoded JSON body, or the raw text when it is not JSON (``None`` if empty).
        response: the :class:`httpx.Response` itself.
    """

    status_code: int
    body: Any
    response: httpx.Response

    def __init__(self, message: str, *, response: httpx.Response, body: Any) -> None:
        super().__init__(message, request=response._request)
        self.status_code = response.status_code
        self.body = body
        self.response = response


#: What reading a malformed success body raises (JSON decoding, a missing key, a wrong type).
RESPONSE_PARSE_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
)


def invalid_response(response: httpx.Response, cause: Exception) -> APIResponseValidationError:
    """The exception for a success answer that could not be parsed (``cause`` says why)."""
    content = response.content
    reason = f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
    message = (
        f"HTTP {response.status_code} answer is not the documented JSON ({reason}); body: "
        f"{_summary(content, limit=200) or '(empty)'}"
    )
    return APIResponseValidationError(message, response=response, body=_decode(content))


class BadRequestError(APIStatusError):
    """400: the request is semantically invalid (bad filter operand, duplicate IDs, limits...)."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or unknown."""


class PermissionDeniedError(APIStatusError):
    """403: the API key lacks the permission the operation needs."""


class NotFoundError(APIStatusError):
    """404: the namespace (or route) does not exist."""


class ConflictError(APIStatusError):
    """409: a needed index is still being built (retried automatically before this is raised)."""


class PayloadTooLargeError(APIStatusError):
    """413: the request body is over the server's size limit."""


class UnprocessableEntityError(APIStatusError):
    """422: the body has the wrong JSON shape or type."""


class RateLimitError(APIStatusError):
    """429: backpressure or a concurrency limit (retried automatically before this is raised)."""


class InternalServerError(APIStatusError):
    """5xx: a server fault (retried automatically before this is raised)."""


class UnexpectedStatus(APIStatusError):
    """A status the spec does not document for this operation (kept under its generator name)."""

    def __init__(self, status_code: int, content: bytes, *, response: httpx.Response | None = None) -> None:
        response = response if response is not None else httpx.Response(status_code, content=content)
        self.content = content
        super().__init__(_summary(content) or "unexpected status", response=response, body=_decode(content))


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _decode(content: bytes) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:
        return content.decode("utf-8", errors="replace")


def _summary(content: bytes, limit: int = 500) -> str:
    text = content.decode("utf-8", errors="replace").strip()
    return text if len(text) <= limit else text[:limit] + "..."


def error_class_for_status(status_code: int) -> type[APIStatusError]:
    if status_code >= 500:
        return InternalServerError
    return _BY_STATUS.get(status_code, APIStatusError)


def error_for_response(response: httpx.Response) -> APIStatusError:
    """The exception for an error response; never raises itself, whatever the body looks like."""
    try:
        content = response.read()
    except Exception:  # a broken stream still deserves a typed error
        content = b""
    body = _decode(content)
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        message = body["error"]
    elif isinstance(body, dict) and isinstance(body.get("message"), str):
        message = body["message"]
    elif content:
        message = _summary(content)
    else:
        message = response.reason_phrase or "no response body"
    return error_class_for_status(response.status_code)(message, response=response, body=body)


def raise_for_status(response: httpx.Response) -> None:
    """Raise the typed exception for a non-2xx response; return quietly otherwise."""
    if not 200 <= response.status_code < 300:
        raise error_for_response(response)


__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RESPONSE_PARSE_ERRORS",
    "RateLimitError",
    "TurbopufferError",
    "UnexpectedStatus",
    "UnprocessableEntityError",
    "error_class_for_status",
    "error_for_response",
    "invalid_response",
    "raise_for_status",
]
