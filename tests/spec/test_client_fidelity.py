"""The spec may go beyond the official client, never fall short of it.

Everything the installed `turbopuffer` package knows is discovered at test time by
introspection (see client_surface.py); the comparison rules are in type_coverage.py. A
failure names the operation, the field path and what differs.
"""

from __future__ import annotations

import importlib
import pkgutil
import typing
from typing import Any

import pytest
import turbopuffer.types
import turbopuffer.types.custom as client_language
import typing_extensions
from turbopuffer.lib.performance import ClientPerformance

from tests.spec.client_surface import ClientOperation, client_operations
from tests.spec.openapi_document import load_spec, operations, resolve
from tests.spec.type_coverage import TypeCoverage, typeddict_key_required

# Genuine non-wire artifacts, and nothing else:
#  * the `client_*` timings of ClientPerformance are measured by the SDK itself and added to the
#    parsed response locally (the server never sends them).
CLIENT_ONLY_FIELDS = set(ClientPerformance.model_fields)

OPERATIONS = client_operations()
_FORWARD_REFS = vars(client_language)


def _coverage(direction: str, extra_skip: set[str] = frozenset()) -> TypeCoverage:  # type: ignore[assignment]
    return TypeCoverage(
        direction, forward_ref_namespace=_FORWARD_REFS, skip_fields=CLIENT_ONLY_FIELDS | extra_skip
    )


def _spec_operation(op: ClientOperation) -> dict[str, Any]:
    for method, path, spec_op in operations():
        if method == op.method and path == op.path:
            return spec_op
    pytest.fail(f"{op.label}: the official client calls it, the spec has no such operation")


def _path_parameter_names(spec_op: dict[str, Any], path: str) -> set[str]:
    item = load_spec()["paths"][path]
    params = [resolve(p) for p in item.get("parameters", []) + spec_op.get("parameters", [])]
    return {p["name"] for p in params if p["in"] == "path"}


def _assert_no_mismatches(errors: list[str], what: str) -> None:
    assert not errors, f"{what}:\n  " + "\n  ".join(errors)


def test_the_client_exposes_the_operations_we_compare_against() -> None:
    names = {op.name for op in OPERATIONS}
    # Guards the introspection itself: if the SDK's code shape changes, fail loudly, not vacuously.
    assert {"write", "query", "multi_query", "namespaces", "update_schema"} <= names, names
    assert all(op.response_type is not None for op in OPERATIONS)


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_operation_exists(op: ClientOperation) -> None:
    _spec_operation(op)


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.body_type], ids=lambda op: op.name)
def test_request_body_covers_the_client(op: ClientOperation) -> None:
    spec_op = _spec_operation(op)
    body = spec_op.get("requestBody")
    assert body, f"{op.label}: the client sends a body, the spec declares none"
    schema = resolve(body)["content"]["application/json"]["schema"]
    path_params = _path_parameter_names(spec_op, op.path)
    coverage = _coverage("request", path_params)
    if op.bare_body_param:  # e.g. update_schema: the map itself is the body
        hint = typing.get_type_hints(op.body_type, localns=_FORWARD_REFS)[op.bare_body_param]
        errors = coverage.check(schema, hint, op.name)
    elif op.body_key:  # copy/branch overloads: the SDK nests the params under a write property
        holders = [b for b in coverage._branches(schema) if op.body_key in b.get("properties", {})]
        assert holders, f"{op.label}: the spec body has no `{op.body_key}` property"
        errors = coverage.check(
            holders[0]["properties"][op.body_key], op.body_type, f"{op.name}.{op.body_key}"
        )
    else:
        errors = coverage.check(schema, op.body_type, op.name)
    _assert_no_mismatches(errors, f"{op.label} request body")


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.query_type], ids=lambda op: op.name)
def test_query_parameters_cover_the_client(op: ClientOperation) -> None:
    spec_op = _spec_operation(op)
    params = {p["name"]: p for p in map(resolve, spec_op.get("parameters", [])) if p["in"] == "query"}
    coverage = _coverage("request")
    errors = []
    hints = typing_extensions.get_type_hints(op.query_type, localns=_FORWARD_REFS, include_extras=True)
    for name, hint in hints.items():
        if name not in params:
            errors.append(f"{name}: query parameter known to the client is missing from the spec")
            continue
        if typeddict_key_required(op.query_type, name, hint) != params[name].get("required", False):
            errors.append(f"{name}: required-ness differs")
        errors.extend(coverage.check(params[name]["schema"], hint, name))
    _assert_no_mismatches(errors, f"{op.label} query parameters")


def _success_schema(spec_op: dict[str, Any]) -> dict[str, Any]:
    for code in sorted(spec_op["responses"]):
        response = resolve(spec_op["responses"][code])
        if code.startswith("2") and "content" in response:
            return response["content"]["application/json"]["schema"]
    pytest.fail("no 2xx response with a body")


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_success_response_covers_the_client(op: ClientOperation) -> None:
    schema = _success_schema(_spec_operation(op))
    errors = _coverage("response").check(schema, op.response_type, op.name)
    _assert_no_mismatches(errors, f"{op.label} response")


def _language_aliases() -> dict[str, Any]:
    """The client's query-language type aliases (custom.py), by name."""
    return {
        name: value
        for name, value in vars(client_language).items()
        if not name.startswith("_")
        and typing.get_origin(value) is not None
        and value.__module__ == "typing"
        and getattr(typing, name, None) is not value  # not an imported typing name (Tuple, ...)
    }


def test_query_language_families_cover_the_client() -> None:
    spec_schemas = load_spec()["components"]["schemas"]
    aliases = _language_aliases()
    compared = {name: alias for name, alias in aliases.items() if name in spec_schemas}
    assert {"Filter", "RankBy", "Expr", "AggregateBy", "GroupBy", "RerankBy"} <= set(compared), (
        compared.keys()
    )
    errors = []
    for name, alias in compared.items():
        errors.extend(_coverage("request").check({"$ref": f"#/components/schemas/{name}"}, alias, name))
    _assert_no_mismatches(errors, "query language")


def test_every_client_language_form_is_part_of_a_compared_family() -> None:
    """Aliases without a same-named spec schema (RankByText, RankByAnnMulti, ...) must be reached
    through a compared family, so the previous test covers them too."""
    aliases = _language_aliases()
    spec_schemas = load_spec()["components"]["schemas"]
    coverage = _coverage("request")
    reached: set[int] = set()

    def walk(tp: Any, seen: set[int]) -> None:
        tp = coverage._normalise(tp)
        if id(tp) in seen:
            return
        seen.add(id(tp))
        reached.add(id(tp))
        if typing.get_origin(tp) is typing.Literal:
            return
        for arg in typing.get_args(tp):
            if arg is not Ellipsis:
                walk(arg, seen)

    for name, alias in aliases.items():
        if name in spec_schemas:
            walk(alias, set())
    unreached = [name for name, alias in aliases.items() if id(alias) not in reached]
    assert not unreached, f"client language forms not covered by any compared family: {unreached}"


def _literal_aliases() -> dict[str, tuple[Any, ...]]:
    found = {}
    for module_info in pkgutil.iter_modules(turbopuffer.types.__path__):
        module = importlib.import_module(f"turbopuffer.types.{module_info.name}")
        for name, value in vars(module).items():
            if typing.get_origin(value) is typing.Literal:
                found[f"{module_info.name}.{name}"] = typing.get_args(value)
    return found


def _spec_enums() -> list[set[Any]]:
    enums = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "enum" in node:
                enums.append(set(node["enum"]))
            if "const" in node:
                enums.append({node["const"]})
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_spec())
    return enums


@pytest.mark.parametrize("alias", sorted(_literal_aliases()))
def test_every_client_enum_is_in_the_spec(alias: str) -> None:
    values = set(_literal_aliases()[alias])
    assert any(values <= enum for enum in _spec_enums()) or all(
        any(value in enum for enum in _spec_enums()) for value in values
    ), f"{alias}: values {sorted(values)} are not enumerated in the spec"
