"""The namespace handle's methods, bound to the spec's operations.

The handle's method names are our public API (they match the official client's), so the table below
names them; everything else — path, HTTP method, keyword arguments and their types, docstrings, the
generated endpoint module that parses the answer — is read from the spec. Generation fails if an
operation the table needs is missing from the spec, instead of emitting a method that cannot work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .naming import safe_identifier, snake_case
from .query_language import QueryLanguage, _Reader
from .request_types import RequestType, RequestTypeReader
from .spec import Schema, component_schemas, ref_name

NAMESPACE_PARAM = "namespace"


@dataclass(frozen=True)
class Binding:
    """``method`` of the handle = ``http_method path``; ``variant`` picks a ``oneOf`` body alternative."""

    method: str
    http_method: str
    path: str
    result: str  # "model": the generated endpoint parses it; "query" / "multi_query": our fast results
    variant: str | None = None  # "single" (no `queries`) or "multi" (with `queries`)
    body: str = "fields"  # "fields": one keyword per body property; "map": one positional mapping
    # "sync": only the 200 body is a valid answer (a 202 cannot happen without `Prefer: respond-async`,
    # so the method returns the 200 model, not the union); "async_start": sends `Prefer: respond-async`
    # and returns the union (the server may still answer synchronously).
    mode: str = "plain"


HANDLE_BINDINGS = (
    Binding("write", "post", "/v2/namespaces/{namespace}", "model", mode="sync"),
    Binding("write_async_start", "post", "/v2/namespaces/{namespace}", "model", mode="async_start"),
    Binding("query", "post", "/v2/namespaces/{namespace}/query", "query", variant="single"),
    Binding("multi_query", "post", "/v2/namespaces/{namespace}/query", "multi_query", variant="multi"),
    Binding("explain_query", "post", "/v2/namespaces/{namespace}/explain_query", "model"),
    Binding("delete_all", "delete", "/v2/namespaces/{namespace}", "model"),
    Binding("schema", "get", "/v1/namespaces/{namespace}/schema", "model"),
    Binding("update_schema", "post", "/v1/namespaces/{namespace}/schema", "model", body="map"),
    Binding("metadata", "get", "/v2/namespaces/{namespace}/metadata", "model"),
    Binding("update_metadata", "patch", "/v1/namespaces/{namespace}/metadata", "model"),
    Binding("hint_cache_warm", "get", "/v1/namespaces/{namespace}/hint_cache_warm", "model"),
    Binding("recall", "post", "/v1/namespaces/{namespace}/_debug/recall", "model"),
)
EXISTS_BINDING = Binding("exists", "get", "/v1/namespaces/{namespace}/schema", "exists")
LIST_NAMESPACES = ("get", "/v1/namespaces")


@dataclass
class Keyword:
    name: str  # Python name
    wire_name: str  # JSON property / query parameter
    annotation: str
    required: bool
    description: str


@dataclass
class HandleMethod:
    binding: Binding
    operation_id: str
    endpoint_module: str  # dotted, relative to the package: "api.documents.write"
    summary: str
    description: str
    keywords: list[Keyword] = field(default_factory=list)
    map_argument: str | None = None  # name of the positional mapping for body="map"
    map_annotation: str = "Mapping[str, Any]"
    success_model: str | None = None  # the 200 body's model (``mode="sync"`` returns only it)

    @property
    def path_expression(self) -> str:
        return self.binding.path.replace("{namespace}", "{}")


@dataclass
class ListOperation:
    operation_id: str
    path: str
    keywords: list[Keyword]
    endpoint_module: str


def _qualify(annotation: str, names: list[str], prefix: str) -> str:
    for name in sorted(names, key=len, reverse=True):
        annotation = re.sub(rf'(?<![\w."]){re.escape(name)}(?![\w"])', f"{prefix}{name}", annotation)
    return annotation


def _operation(document: dict[str, Any], http_method: str, path: str) -> dict[str, Any]:
    operation = document.get("paths", {}).get(path, {}).get(http_method)
    if not isinstance(operation, dict):
        raise SystemExit(f"the spec has no `{http_method.upper()} {path}`, which the namespace handle needs")
    return operation


def _endpoint_module(operation: dict[str, Any]) -> str:
    """Where openapi-python-client puts the operation: ``api/<first tag>/<operationId>.py``."""
    tags = operation.get("tags") or ["default"]
    return f"api.{snake_case(str(tags[0]))}.{snake_case(str(operation['operationId']))}"


def _resolve(document: dict[str, Any], schema: Any) -> Schema:
    seen: set[str] = set()
    while isinstance(schema, dict) and (name := ref_name(schema)) and name not in seen:
        seen.add(name)
        schema = component_schemas(document).get(name, {})
    return schema if isinstance(schema, dict) else {}


def _body_schema(document: dict[str, Any], operation: dict[str, Any]) -> Schema | None:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    return _resolve(document, content.get("schema")) if content else None


def _pick_variant(document: dict[str, Any], schema: Schema, variant: str | None) -> Schema:
    alternatives = schema.get("oneOf") or schema.get("anyOf")
    if not alternatives:
        return schema
    resolved = [_resolve(document, alt) for alt in alternatives]
    if variant is None:
        return resolved[0]
    wanted = variant == "multi"
    for alternative in resolved:
        if ("queries" in alternative.get("properties", {})) == wanted:
            return alternative
    raise SystemExit(f"no `{variant}` alternative in the request body schema")


def _merged_properties(document: dict[str, Any], schema: Schema) -> tuple[dict[str, Any], set[str]]:
    properties: dict[str, Any] = {}
    required: set[str] = set(schema.get("required", []))
    for part in schema.get("allOf", []):
        sub_properties, sub_required = _merged_properties(document, _resolve(document, part))
        properties.update(sub_properties)
        required |= sub_required
    properties.update(schema.get("properties", {}))
    return properties, required


def _describe(schema: Any, document: dict[str, Any]) -> str:
    if isinstance(schema, dict) and schema.get("description"):
        return " ".join(str(schema["description"]).split())
    return " ".join(str(_resolve(document, schema).get("description", "")).split())


def qualify_lang_names(language: QueryLanguage) -> Callable[[str], str]:
    """Qualifies query-language names in an annotation with ``lang_types.`` (their module)."""
    lang_names = language.names + ["VectorLike"]
    return lambda annotation: _qualify(annotation, lang_names, "lang_types.")


def read_handle_methods(document: dict[str, Any], language: QueryLanguage) -> list[HandleMethod]:
    return read_handle_surface(document, language)[0]


def read_handle_surface(
    document: dict[str, Any], language: QueryLanguage
) -> tuple[list[HandleMethod], list[RequestType]]:
    """The handle's methods and the TypedDicts (``params`` module) their keyword arguments use."""
    reader = RequestTypeReader(document, language)
    qualify = qualify_lang_names(language)

    def annotate(schema: Any) -> str:
        return qualify(reader.annotation(schema))

    methods = []
    for binding in HANDLE_BINDINGS + (EXISTS_BINDING,):
        operation = _operation(document, binding.http_method, binding.path)
        method = HandleMethod(
            binding=binding,
            operation_id=str(operation["operationId"]),
            endpoint_module=_endpoint_module(operation),
            summary=" ".join(str(operation.get("summary", "")).split()),
            description=str(operation.get("description", "")).strip(),
        )
        if binding.mode == "sync":
            method.success_model = _success_model(document, operation, binding)
        body = _body_schema(document, operation)
        if body is not None and binding.body == "map":
            method.map_argument = snake_case(binding.method.replace("update_", ""))
            method.map_annotation = annotate(body)
        elif body is not None:
            properties, required = _merged_properties(
                document, _pick_variant(document, body, binding.variant)
            )
            for wire_name, schema in properties.items():
                method.keywords.append(
                    Keyword(
                        name=safe_identifier(wire_name),
                        wire_name=wire_name,
                        annotation=annotate(schema),
                        required=wire_name in required,
                        description=_describe(schema, document),
                    )
                )
        methods.append(method)
    return methods, reader.definitions(qualify)


def _success_model(document: dict[str, Any], operation: dict[str, Any], binding: Binding) -> str:
    """The component schema of the ``200`` answer (a ``$ref``), which names the generated model."""
    response = operation.get("responses", {}).get("200", {})
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    name = ref_name(schema) if isinstance(schema, dict) else None
    if not name:
        raise SystemExit(
            f"`{binding.method}` needs a `$ref` 200 body in `{binding.http_method} {binding.path}`"
        )
    return name


def read_list_operation(document: dict[str, Any]) -> ListOperation:
    http_method, path = LIST_NAMESPACES
    operation = _operation(document, http_method, path)
    keywords = []
    for parameter in operation.get("parameters", []):
        parameter = _resolve_parameter(document, parameter)
        if parameter.get("in") == "query" and parameter.get("name") != "cursor":
            keywords.append(
                Keyword(
                    name=safe_identifier(str(parameter["name"])),
                    wire_name=str(parameter["name"]),
                    annotation=_Reader(document).annotation(parameter.get("schema", {})),
                    required=False,
                    description=" ".join(str(parameter.get("description", "")).split()),
                )
            )
    return ListOperation(str(operation["operationId"]), path, keywords, _endpoint_module(operation))


def _resolve_parameter(document: dict[str, Any], parameter: dict[str, Any]) -> dict[str, Any]:
    ref = parameter.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/parameters/"):
        return document["components"]["parameters"][ref.rsplit("/", 1)[-1]]
    return parameter


def namespace_pattern(document: dict[str, Any]) -> str | None:
    """The spec's pattern for namespace names, so the handle refuses bad names before any request."""
    for parameter in document.get("components", {}).get("parameters", {}).values():
        if parameter.get("in") == "path" and parameter.get("name") == NAMESPACE_PARAM:
            schema = _resolve(document, parameter.get("schema", {}))
            pattern = schema.get("pattern")
            return str(pattern) if pattern else None
    return None
