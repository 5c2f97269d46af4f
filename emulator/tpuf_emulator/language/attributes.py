"""Looking attributes up in the namespace schema on behalf of the parsers.

``id`` is always known: its type comes from the schema when the namespace declares it (``uint``,
``string`` or ``uuid``), otherwise from the JSON value given. Attributes that are not in the schema yet
are accepted in filters (no document has them, so they read as null), which lets a query name an
attribute before the first document carrying it is written.
"""

from __future__ import annotations

from typing import Any

from .. import serde_errors
from ..schema.model import AttributeSchema, AttributeType, Schema


def lookup(schema: Schema, name: str, where: str) -> AttributeSchema | None:
    if not isinstance(name, str):
        raise serde_errors.invalid_type(where, name, serde_errors.STRING)
    if not name:
        raise serde_errors.invalid_value(where, name, "a non-empty attribute name")
    return schema.get(name)


def id_type(schema: Schema, sample: Any = None) -> AttributeType:
    declared = schema.get("id")
    if declared is not None:
        return declared.type
    if isinstance(sample, str):
        return AttributeType("string", "scalar", "string")
    return AttributeType("uint", "scalar", "uint")
