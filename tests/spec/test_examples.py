"""Every example in the spec validates against its own schema, and every operation has examples.

Examples are what users copy first; a wrong example is a wrong document. We validate media-type
examples (requests and responses), parameter examples and schema-level `examples`.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec.openapi_document import load_spec, operations, resolve, validation_errors


def _media_examples() -> list[tuple[str, dict[str, Any], Any]]:
    found = []
    for method, path, operation in operations():
        media = []
        if "requestBody" in operation:
            media.append(("request", resolve(operation["requestBody"])["content"]["application/json"]))
        for status, response in operation["responses"].items():
            content = resolve(response).get("content", {})
            if "application/json" in content:
                media.append((status, content["application/json"]))
        for where, media_type in media:
            for name, example in media_type.get("examples", {}).items():
                found.append(
                    (f"{method} {path} {where} {name}", media_type["schema"], resolve(example)["value"])
                )
    return found


def _schema_examples() -> list[tuple[str, dict[str, Any], Any]]:
    found = []
    for name, schema in load_spec()["components"]["schemas"].items():
        for index, value in enumerate(schema.get("examples", [])):
            found.append((f"{name}[{index}]", {"$ref": f"#/components/schemas/{name}"}, value))
    for name, parameter in load_spec()["components"]["parameters"].items():
        if "example" in parameter:
            found.append((f"parameter {name}", parameter["schema"], parameter["example"]))
    return found


@pytest.mark.parametrize(
    ("where", "schema", "value"), _media_examples() + _schema_examples(), ids=lambda v: str(v)[:80]
)
def test_example_is_valid(where: str, schema: dict[str, Any], value: Any) -> None:
    errors = validation_errors(schema, value)
    assert not errors, f"{where}:\n  " + "\n  ".join(errors)


@pytest.mark.parametrize(("method", "path", "operation"), operations(), ids=lambda v: str(v)[:60])
def test_every_operation_has_request_and_response_examples(method: str, path: str, operation: dict) -> None:
    if "requestBody" in operation:
        assert resolve(operation["requestBody"])["content"]["application/json"].get("examples"), (
            f"{method} {path}: no request example"
        )
    successes = [resolve(r) for status, r in operation["responses"].items() if status.startswith("2")]
    assert any(r.get("content", {}).get("application/json", {}).get("examples") for r in successes), (
        f"{method} {path}: no success response example"
    )


def test_examples_cover_both_query_forms() -> None:
    """The query path's examples exercise the single-query and the multi-query branch."""
    query = next(op for m, p, op in operations() if p.endswith("/query"))
    bodies = [e["value"] for e in query["requestBody"]["content"]["application/json"]["examples"].values()]
    assert any("queries" in body for body in bodies) and any("queries" not in body for body in bodies)
