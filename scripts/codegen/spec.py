"""Loading, validating and navigating the OpenAPI document."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

Schema = dict[str, Any]


def load_spec(path: Path) -> dict[str, Any]:
    """Parse the YAML document (plain dicts/lists; YAML anchors resolved by PyYAML)."""
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    if not isinstance(document, dict):
        raise SystemExit(f"{path}: expected an OpenAPI document (a mapping), found {type(document).__name__}")
    return document


def validate_spec(path: Path) -> None:
    """Fail loudly (with the validator's own message) on an invalid OpenAPI 3.1 document.

    Validating first means every later step can trust the document's structure.
    """
    from openapi_spec_validator import validate
    from openapi_spec_validator.readers import read_from_filename

    spec_dict, _ = read_from_filename(str(path))
    try:
        validate(spec_dict)
    except Exception as exc:  # the validator raises several unrelated exception types
        raise SystemExit(f"{path} is not a valid OpenAPI document:\n{exc}") from exc


def component_schemas(document: dict[str, Any]) -> dict[str, Schema]:
    return document.get("components", {}).get("schemas", {}) or {}


def ref_name(schema: Any) -> str | None:
    """``Foo`` for ``{"$ref": "#/components/schemas/Foo"}``, else ``None``."""
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        ref = schema["$ref"]
        prefix = "#/components/schemas/"
        if ref.startswith(prefix):
            return ref[len(prefix) :]
    return None


def deep_copy(document: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(document)


def walk(node: Any):
    """Yield every mapping inside ``node`` (depth first, document order)."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)
