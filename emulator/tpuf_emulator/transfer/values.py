"""Codecs for the values files hold differently from the wire: dense vectors and datetimes.

Dense vectors travel as base64 of little-endian float32 (every vector type, §1.3 of the API
reference) or as number arrays; files keep them as float32, which is exact either way.
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_LE_F32 = np.dtype("<f4")


def vector_from_json(value: Any, where: str) -> NDArray[np.float32]:
    """A dense vector from its JSON form (base64 float32 text, or an array of numbers)."""
    if isinstance(value, str):
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError(f"{where}: a vector string must be base64 of float32 values") from None
        if len(raw) % 4:
            raise ValueError(f"{where}: a base64 vector must hold whole float32 values (4 bytes each)")
        return np.frombuffer(raw, dtype=_LE_F32).astype(np.float32)
    if isinstance(value, list) and all(isinstance(x, int | float) and not isinstance(x, bool) for x in value):
        return np.asarray(value, dtype=np.float32)
    raise ValueError(f"{where}: a vector must be an array of numbers or a base64 string")


def vector_to_base64(vector: NDArray[Any]) -> str:
    return base64.b64encode(np.ascontiguousarray(vector, dtype=_LE_F32).tobytes()).decode("ascii")


def datetime_to_ms(value: Any, where: str) -> int:
    """Epoch milliseconds of an ISO 8601 datetime (date required; no zone means UTC)."""
    if not isinstance(value, str):
        raise ValueError(f"{where}: a datetime must be ISO 8601 text, got {value!r}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not an ISO 8601 datetime") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    delta = parsed - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def ms_to_datetime(ms: int) -> str:
    """The ISO text the API answers with: UTC, milliseconds, ``Z``."""
    moment = EPOCH + timedelta(milliseconds=ms)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T{moment.hour:02d}:{moment.minute:02d}:"
        f"{moment.second:02d}.{moment.microsecond // 1000:03d}Z"
    )


def datetime_text(value: datetime) -> str:
    """A ``datetime`` read from a file (naive means UTC) as the API's ISO text."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    delta = value - EPOCH
    return ms_to_datetime((delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000)
