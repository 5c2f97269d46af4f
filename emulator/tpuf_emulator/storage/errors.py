"""Failures of the durable storage layer.

Start-up failures (``StorageCorrupted``, ``StorageLocked``) are plain exceptions: the command line
reports them and refuses to serve, because serving from a damaged or shared data directory would
hand out wrong data. A failure while persisting an acknowledged write (``StorageWriteFailed``) is
also an ``ApiError`` (503): the HTTP layer renders it like any other error and the write is NOT
applied, so the client may retry.
"""

from __future__ import annotations

from ..errors import ApiError


class StorageError(Exception):
    """Base class of every storage failure."""


class StorageCorrupted(StorageError):
    """The data directory holds damaged data that cannot be dropped safely (not a torn tail)."""


class StorageLocked(StorageError):
    """Another process already uses this data directory."""


class StorageUnavailable(StorageError):
    """The data directory could not be read or written at start-up (a full disk, permissions)."""


class StorageWriteFailed(StorageError, ApiError):
    """A record could not be made durable; it was not acknowledged and must not be applied."""

    def __init__(self, message: str) -> None:
        StorageError.__init__(self, message)
        ApiError.__init__(self, 503, message, {"Retry-After": "1"})
