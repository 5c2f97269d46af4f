"""Listing namespaces: lexicographic order, prefix filter, and cursors that survive concurrent writes.

The cursor is the URL-safe base64 of the last name returned; the next page starts strictly after
that name, so namespaces created or deleted between pages never cause skips or repeats of others.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from typing import Any

from ..errors import bad_request


def encode_cursor(name: str) -> str:
    return base64.urlsafe_b64encode(name.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        name = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True).decode()
    except (binascii.Error, ValueError, UnicodeDecodeError):
        name = ""
    if not name or encode_cursor(name) != cursor:
        raise bad_request(f"cursor {cursor[:40]!r} is not a cursor returned by this endpoint")
    return name


def list_page(names: Iterable[str], prefix: str, cursor: str | None, page_size: int) -> dict[str, Any]:
    after = decode_cursor(cursor) if cursor else None
    matching = sorted(n for n in names if n.startswith(prefix) and (after is None or n > after))
    page = matching[:page_size]
    out: dict[str, Any] = {"namespaces": [{"id": name} for name in page]}
    if len(matching) > page_size:
        out["next_cursor"] = encode_cursor(page[-1])
    return out
