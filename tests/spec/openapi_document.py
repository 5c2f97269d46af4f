"""Validate JSON values against the schemas of spec/turbopuffer.yaml (loaded by scripts/fidelity).

The spec's schemas use local references (`#/components/schemas/X`). We register the whole
document as one JSON Schema 2020-12 resource, so any sub-schema can be validated with its
references resolved exactly as an OpenAPI 3.1 tool would.
"""

from __future__ import annotations

import functools
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from scripts.fidelity.spec_document import REPO_ROOT, SPEC_PATH, load_spec, operations, resolve

__all__ = [
    "REPO_ROOT",
    "SPEC_PATH",
    "component_validator",
    "load_spec",
    "operations",
    "resolve",
    "validation_errors",
    "validator_for",
]
_DOCUMENT_URI = "urn:tpuf:spec"


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
