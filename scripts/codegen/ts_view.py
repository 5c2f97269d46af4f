"""The TypeScript generator view: the spec as @hey-api/openapi-ts gets to see it.

hey-api reads ``prefixItems`` tuples faithfully, recursion included, but ignores ``minItems``: a form
with optional trailing positions (``[attr, "ContainsAllTokens", query, params?]``) would become a
tuple whose every position is required. In the view such a form is an ``anyOf`` of one closed tuple
per allowed length, so the emitted TypeScript type accepts exactly the lengths the spec allows.
Nothing else changes; the real spec stays untouched.
"""

from __future__ import annotations

from typing import Any

from .query_language import is_tuple_schema
from .spec import component_schemas, deep_copy


def _split_by_length(schema: dict[str, Any]) -> dict[str, Any]:
    items = schema["prefixItems"]
    shortest = int(schema.get("minItems", len(items)))
    if shortest >= len(items):
        return schema
    base = {key: value for key, value in schema.items() if key not in {"prefixItems", "minItems", "maxItems"}}
    description = base.pop("description", None)
    variants = [
        {**base, "prefixItems": items[:length], "minItems": length, "maxItems": length}
        for length in range(shortest, len(items) + 1)
    ]
    return {"description": description, "anyOf": variants} if description else {"anyOf": variants}


def derive_ts_view(document: dict[str, Any]) -> dict[str, Any]:
    view = deep_copy(document)
    schemas = component_schemas(view)
    for name, schema in list(schemas.items()):
        if is_tuple_schema(schema):
            schemas[name] = _split_by_length(schema)
    return view
