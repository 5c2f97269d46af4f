"""Legacy v1 export (``GET /v1/namespaces/{ns}``): column-oriented pages of up to 10,000 documents.

Documents are paged in id order (integers first, then strings) with a cursor naming the last id
returned, so a page boundary is stable even while other requests write to the namespace.

Unlike query rows (which omit null attributes, ``query/rows.py``), columns hold a ``null`` for a
document without the attribute: each column must line up with ``ids``, as in the v1 format.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

import orjson

from ..errors import bad_request
from ..schema.values import encode_value
from .ids import sort_key
from .namespace import Namespace

EXPORT_PAGE_SIZE = 10_000


def _encode_cursor(doc_id: Any) -> str:
    return base64.urlsafe_b64encode(orjson.dumps([doc_id])).decode().rstrip("=")


def _decode_cursor(cursor: str) -> Any:
    try:
        value = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        (doc_id,) = value
        return doc_id
    except (binascii.Error, ValueError, TypeError, orjson.JSONDecodeError):
        raise bad_request(f"cursor {cursor[:40]!r} is not a cursor returned by this endpoint") from None


def export_page(ns: Namespace, cursor: str | None) -> dict[str, Any]:
    ids = sorted(ns.docs, key=sort_key)
    if cursor:
        after = sort_key(_decode_cursor(cursor))
        ids = [doc_id for doc_id in ids if sort_key(doc_id) > after]
    page = ids[:EXPORT_PAGE_SIZE]
    docs = [ns.docs[doc_id] for doc_id in page]
    out: dict[str, Any] = {"ids": page}
    vector = ns.schema.get("vector")
    if vector is not None:
        out["vectors"] = [encode_value(vector, doc.get("vector")) for doc in docs]
    out["attributes"] = {
        name: [encode_value(attr, doc.get(name)) for doc in docs]
        for name, attr in ns.schema.attributes.items()
        if name not in ("id", "vector")
    }
    out["next_cursor"] = _encode_cursor(page[-1]) if len(ids) > EXPORT_PAGE_SIZE else None
    return out
