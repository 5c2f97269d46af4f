"""Logical byte sizes of documents: the basis of ``approx_logical_bytes`` and of write/query billing.

Sizes follow the stored width of each value: 8 bytes per int/uint/float/datetime, 1 per bool,
16 per native uuid, UTF-8 length for strings, decoded length for bytes, element width times
dimensions for vectors (f32: 4, f16: 2, i8: 1), 6 bytes per sparse entry (f16 weight + 4-byte key id).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..schema.model import AttributeSchema, Schema

_FIXED = {"int": 8, "uint": 8, "float": 8, "datetime": 8, "bool": 1, "uuid": 16}
_VECTOR_WIDTH = {"f32": 4, "f16": 2, "i8": 1}


def id_bytes(doc_id: Any) -> int:
    return len(doc_id.encode()) if isinstance(doc_id, str) else 8


def _scalar_bytes(element: str, value: Any) -> int:
    if element in _FIXED:
        return _FIXED[element]
    if isinstance(value, str):
        return len(value.encode())
    if isinstance(value, bytes):
        return len(value)
    return 8


def value_bytes(attr: AttributeSchema | None, value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, np.ndarray):
        width = _VECTOR_WIDTH.get(attr.type.element, 4) if attr is not None else 4
        return int(value.size) * width
    if isinstance(value, dict):
        return 6 * len(value)
    element = attr.type.element if attr is not None else ""
    if isinstance(value, list):
        return sum(_scalar_bytes(element, item) for item in value)
    return _scalar_bytes(element, value)


def document_bytes(schema: Schema, doc: dict[str, Any]) -> int:
    total = id_bytes(doc["id"])
    for name, value in doc.items():
        if name != "id":
            total += value_bytes(schema.get(name), value)
    return total


def billable_bytes(schema: Schema, doc: dict[str, Any], names: Any = None) -> int:
    """Write billing: non-filterable attributes are billed at half price (reference 3.6)."""
    total = id_bytes(doc["id"])
    for name in names if names is not None else doc:
        if name == "id" or name not in doc:
            continue
        attr = schema.get(name)
        size = value_bytes(attr, doc[name])
        total += size if attr is None or attr.filterable else size // 2
    return total
