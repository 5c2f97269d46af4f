"""The generator view: the spec as openapi-python-client gets to see it.

The real spec stays untouched (schemathesis and the emulator need the full recursive grammar). In the
view:

* every query-language schema (families, tuple forms, family members) becomes an opaque JSON value
  marked ``x-tpuf-opaque: <Name>``. openapi-python-client drops recursive tuple schemas, then the
  bodies that use them, then the endpoints themselves; as opaque values they survive as ``Any``, and
  our own templates supply the typed builders;
* object and array ``default`` values are dropped (documentation only; the server applies defaults);
* a union with a branch that accepts any JSON value (``RowValue``: ``AttributeValue | [HighlightFragment]``)
  accepts any JSON value as a whole, so it becomes opaque too: the generator would otherwise try the
  typed branches first and coerce (or crash on) values they were never meant for, such as a
  ``tags: ["blue", "light"]`` attribute parsed as highlight fragments;
* defaults of optional parameters are dropped (kept in their description): the server applies them,
  and a generated endpoint that sends them unasked overrides the client — ``Accept-Encoding: identity``
  on every call would cancel the transport's ``Accept-Encoding: gzip``;
* ``format: uuid`` is removed: the generator would parse UUID-looking strings into ``uuid.UUID`` and
  re-send them lower-cased and hyphenated, silently changing a user's document IDs.
"""

from __future__ import annotations

from typing import Any

from .query_language import QueryLanguage
from .spec import component_schemas, deep_copy, ref_name, walk

OPAQUE_KEY = "x-tpuf-opaque"


def derive_generator_view(document: dict[str, Any], language: QueryLanguage) -> dict[str, Any]:
    view = deep_copy(document)
    schemas = component_schemas(view)
    for name in [f.name for f in language.families] + [f.name for f in language.forms]:
        if name in schemas:
            original = schemas[name]
            opaque: dict[str, Any] = {OPAQUE_KEY: name}
            description = original.get("description") if isinstance(original, dict) else None
            opaque["description"] = description or f"A `{name}` query-language expression (a JSON array)."
            schemas[name] = opaque
    _drop_optional_parameter_defaults(view)
    _make_unconstrained_unions_opaque(view)
    _make_ambiguous_unions_opaque(view)
    for node in walk(view):
        if node.get("format") == "uuid":
            del node["format"]
        if isinstance(node.get("default"), (dict, list)) and (
            "type" in node or "$ref" in node or "oneOf" in node
        ):
            del node[
                "default"
            ]  # the generator rejects object/array defaults ("ModelProperty cannot have a default")
    return view


def _drop_optional_parameter_defaults(view: dict[str, Any]) -> None:
    """An optional parameter is sent only when its caller gives it; its default stays documented."""
    parameters = list((view.get("components", {}).get("parameters") or {}).values())
    for path_item in (view.get("paths") or {}).values():
        for operation in [path_item, *path_item.values()] if isinstance(path_item, dict) else []:
            if isinstance(operation, dict):
                parameters.extend(operation.get("parameters") or [])
    for parameter in parameters:
        schema = parameter.get("schema") if isinstance(parameter, dict) else None
        if not isinstance(schema, dict) or "default" not in schema or parameter.get("required"):
            continue
        default = schema.pop("default")
        note = f"The server's default: `{default}`."
        described = " ".join(str(schema.get("description") or parameter.get("description") or "").split())
        schema["description"] = f"{described} {note}".lstrip()  # the generator documents the schema's


# Keywords that document a schema without constraining its values.
_ANNOTATIONS = frozenset(
    {
        "description",
        "title",
        "examples",
        "example",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "$comment",
    }
)


def _accepts_anything(document: dict[str, Any], schema: Any, depth: int = 0) -> bool:
    """True for a schema every JSON value satisfies: no constraining keyword (``{}``, a description, an
    opaque value), or a union one of whose branches accepts anything (following ``$ref``)."""
    if schema is True:
        return True
    if not isinstance(schema, dict) or depth > 8:
        return False
    name = ref_name(schema)
    if name is not None:
        return _accepts_anything(document, component_schemas(document).get(name), depth + 1)
    constraints = {key for key in schema if not key.startswith("x-") and key not in _ANNOTATIONS}
    if not constraints:
        return True
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches and constraints <= {"anyOf", "oneOf"}:
        return any(_accepts_anything(document, branch, depth + 1) for branch in branches)
    return False


def _make_unconstrained_unions_opaque(view: dict[str, Any]) -> None:
    """A union with a branch that accepts anything accepts anything: pass its values through untouched
    (``x-tpuf-opaque: any``) instead of letting the generator try its typed branches first."""
    for node in list(walk(view)):
        branches = node.get("anyOf") or node.get("oneOf")
        if branches and _accepts_anything(view, node):
            description = node.get("description")
            node.clear()
            node[OPAQUE_KEY] = "any"
            if description:
                node["description"] = description


def _array_branches(document: dict[str, Any], schema: Any, depth: int = 0) -> int:
    """How many branches of a union are JSON arrays (following ``$ref`` and nested unions)."""
    if not isinstance(schema, dict) or depth > 8:
        return 0
    name = ref_name(schema)
    if name is not None:
        return _array_branches(document, component_schemas(document).get(name), depth + 1)
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        return sum(_array_branches(document, branch, depth + 1) for branch in branches)
    return 1 if schema.get("type") == "array" or "items" in schema or "prefixItems" in schema else 0


def _make_ambiguous_unions_opaque(view: dict[str, Any]) -> None:
    """A union with two list branches (``[vector, ...] | vector``) generates dead, ill-typed code: the
    first ``isinstance(x, list)`` wins. Such values pass through untouched as opaque JSON instead."""
    for node in list(walk(view)):
        branches = node.get("anyOf") or node.get("oneOf")
        if branches and _array_branches(view, {"anyOf": branches}) >= 2:
            description = node.get("description")
            node.clear()
            node[OPAQUE_KEY] = "union"
            if description:
                node["description"] = description
