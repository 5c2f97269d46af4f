"""The one error type every layer raises.

The HTTP layer turns an ``ApiError`` into the API's single error shape
``{"status": "error", "error": message}`` with ``status`` as the HTTP status, so parsing,
evaluation and storage code never need to know about HTTP.
"""

from __future__ import annotations


class ApiError(Exception):
    """A failure the client should see, with the HTTP status the hosted API uses for it."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def bad_request(message: str) -> ApiError:
    """400: a well-formed body that asks for something invalid (semantic error)."""
    return ApiError(400, message)


def unprocessable(message: str) -> ApiError:
    """422: the JSON does not have the expected shape or types."""
    return ApiError(422, message)


def not_found(message: str) -> ApiError:
    return ApiError(404, message)
