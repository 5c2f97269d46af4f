"""Looking attributes up in the namespace schema on behalf of the parsers.

``id`` is always known: its type comes from the schema when the namespace declares it (``uint``,
``string`` or ``uuid``), otherwise from the JSON value given. Attributes that are not in the schema yet
are accepted in filters (no document has them, so they read as null), which lets a query name an
attribute before the first document carrying it is written.
"""

from __future__ import annotations

from typing import Any

from ..errors import ApiError
from ..schema.model import AttributeSchema, AttributeType, Schema

_INFERRED = {bool: "bool", int: "int", float: "float", str: "string"}


def lookup(schema: Schema, name: str, where: str) -> AttributeSchema | None:
    if not isinstance(name, str) or not name:
        raise ApiError(422, f"{where}: expected an attribute name (non-empty string), found {name!r}")
    return schema.get(name)


def id_type(schema: Schema, sample: Any = None) -> AttributeType:
    declared = schema.get("id")
    if declared is not None:
        return declared.type
    if isinstance(sample, str):
        return AttributeType("string", "scalar", "string")
    return AttributeType("uint", "scalar", "uint")


def inferred_type(value: Any) -> AttributeType | None:
    """The type a JSON literal would have, for attributes the schema does not know yet."""
    if isinstance(value, list):
        inner = next((inferred_type(v) for v in value if v is not None), None)
        if inner is None or inner.kind != "scalar":
            return None
        return AttributeType(f"[]{inner.element}", "array", inner.element)
    name = _INFERRED.get(type(value))
    return AttributeType(name, "scalar", name) if name else None
