"""Load spec/turbopuffer.yaml once and validate JSON values against its schemas.

The spec's schemas use local references (`#/components/schemas/X`). We register the whole
document as one JSON Schema 2020-12 resource, so any sub-schema can be validated with its
references resolved exactly as an OpenAPI 3.1 tool would.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "spec" / "turbopuffer.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_DOCUMENT_URI = "urn:tpuf:spec"


@functools.cache
def load_spec() -> dict[str, Any]:
    """The parsed spec (cached: treat it as read-only)."""
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def resolve(node: Any) -> Any:
    """Follow `$ref`s (local JSON pointers) until a node without one is reached."""
    spec = load_spec()
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """Every (METHOD, path, operation object) of the spec."""
    found = []
    for path, item in load_spec()["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                found.append((method.upper(), path, item[method]))
    return found


def _absolute_refs(node: Any) -> Any:
    """Rewrite local refs to point into the registered document."""
    if isinstance(node, dict):
        return {
            key: (_DOCUMENT_URI + value if key == "$ref" and value.startswith("#") else _absolute_refs(value))
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_absolute_refs(item) for item in node]
    return node


@functools.cache
def _registry() -> Registry:
    resource = Resource.from_contents(load_spec(), default_specification=DRAFT202012)
    return Registry().with_resource(_DOCUMENT_URI, resource)


def validator_for(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    """A validator for a schema taken from the spec (inline or a `$ref`), with format checks."""
    return jsonschema.Draft202012Validator(
        _absolute_refs(schema), registry=_registry(), format_checker=jsonschema.FormatChecker()
    )


def component_validator(name: str) -> jsonschema.Draft202012Validator:
    """A validator for `#/components/schemas/<name>`."""
    return validator_for({"$ref": f"#/components/schemas/{name}"})


def validation_errors(schema: dict[str, Any], value: Any) -> list[str]:
    """Readable validation errors of `value` against `schema` (empty when valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message[:300]}"
        for error in validator_for(schema).iter_errors(value)
    ]
