"""The route table of section 2 of the API reference, each entry a thin call into the namespace layer."""

from __future__ import annotations

from urllib.parse import quote

from starlette.routing import Route

from ..deadline import DEFAULT_DEADLINE_MS
from ..errors import ApiError, bad_request
from ..namespaces import Registry
from .routing import Call, Method, Reply, method_route


def _int_param(call: Call, name: str, default: int, low: int, high: int) -> int:
    raw = call.params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad_request(f"query parameter {name}: expected an integer, found {raw!r}") from None
    if not low <= value <= high:
        raise bad_request(f"query parameter {name}: must be between {low} and {high}, got {value}")
    return value


def _str_param(call: Call, name: str, max_length: int | None = None) -> str | None:
    """An optional string query parameter; present means non-empty (the spec's minLength 1 / maxLength)."""
    raw = call.params.get(name)
    if raw is None:
        return None
    if raw == "" and name == "cursor":
        raise bad_request("query parameter cursor: must not be empty (omit it for the first page)")
    if max_length is not None and len(raw) > max_length:
        raise bad_request(f"query parameter {name}: at most {max_length} characters, got {len(raw)}")
    return raw


def build_routes(
    registry: Registry, max_body_bytes: int, deadline_ms: int = DEFAULT_DEADLINE_MS
) -> list[Route]:
    def ns(call: Call) -> str:
        return call.path["namespace"]

    def write(call: Call) -> Reply:
        return 200, registry.write(call.organization, ns(call), call.body or {})

    def delete_namespace(call: Call) -> Reply:
        return 200, registry.delete_namespace(call.organization, ns(call))

    def query(call: Call) -> Reply:
        return 200, registry.query(call.organization, ns(call), call.body or {})

    def multi_query(call: Call) -> Reply:
        """The multi-query path takes only multi-queries (the `query` path takes both)."""
        body = call.body or {}
        if "queries" not in body:
            raise ApiError(422, "missing field `queries`")
        return 200, registry.query(call.organization, ns(call), body)

    def explain(call: Call) -> Reply:
        return 200, registry.explain(call.organization, ns(call), call.body or {})

    def metadata(call: Call) -> Reply:
        return 200, registry.metadata(call.organization, ns(call))

    def patch_metadata(call: Call) -> Reply:
        return 200, registry.patch_metadata(call.organization, ns(call), call.body or {})

    def get_schema(call: Call) -> Reply:
        return 200, registry.get_schema(call.organization, ns(call))

    def update_schema(call: Call) -> Reply:
        return 200, registry.update_schema(call.organization, ns(call), call.body or {})

    def hint_cache_warm(call: Call) -> Reply:
        return 202, registry.hint_cache_warm(call.organization, ns(call))

    def list_namespaces(call: Call) -> Reply:
        page_size = _int_param(call, "page_size", 100, 1, 1000)
        return 200, registry.list_namespaces(
            call.organization, _str_param(call, "prefix", 128) or "", _str_param(call, "cursor"), page_size
        )

    def recall(call: Call) -> Reply:
        return 200, registry.recall(call.organization, ns(call), call.body or {})

    def export(call: Call) -> Reply:
        return 200, registry.export(call.organization, ns(call), _str_param(call, "cursor"))

    def start_copy(call: Call) -> Reply:
        """202 Accepted with the poll URL in ``Location`` (no ``Preference-Applied``: this answer is final)."""
        started = registry.start_copy(call.organization, ns(call), call.body or {})
        location = f"/v1/namespaces/{quote(ns(call), safe='')}/operations/{quote(started['token'], safe='')}"
        return 202, started, {"Location": location}

    def operation(call: Call) -> Reply:
        return 200, registry.operation(call.organization, ns(call), call.path["token"])

    table: dict[str, dict[str, Method]] = {
        "/v2/namespaces/{namespace}": {
            "POST": Method(write, reads_body=True, deadline="write"),
            "DELETE": Method(delete_namespace),
        },
        "/v2/namespaces/{namespace}/async": {"POST": Method(start_copy, reads_body=True)},
        "/v2/namespaces/{namespace}/query": {"POST": Method(query, reads_body=True, deadline="query")},
        "/v2/namespaces/{namespace}/multi-query": {
            "POST": Method(multi_query, reads_body=True, deadline="query")
        },
        "/v2/namespaces/{namespace}/explain_query": {
            "POST": Method(explain, reads_body=True, deadline="query")
        },
        "/v2/namespaces/{namespace}/metadata": {"GET": Method(metadata)},
        "/v1/namespaces/{namespace}/metadata": {
            "GET": Method(metadata),
            "PATCH": Method(patch_metadata, reads_body=True),
        },
        "/v1/namespaces/{namespace}/schema": {
            "GET": Method(get_schema),
            "POST": Method(update_schema, reads_body=True),
        },
        "/v1/namespaces/{namespace}/hint_cache_warm": {"GET": Method(hint_cache_warm)},
        "/v1/namespaces": {"GET": Method(list_namespaces)},
        "/v1/namespaces/{namespace}/_debug/recall": {
            "POST": Method(recall, reads_body=True, deadline="recall measurement")
        },
        "/v1/namespaces/{namespace}/operations/{token}": {"GET": Method(operation)},
        # Legacy v1 export (Appendix A.3 of the reference): still used by older tooling.
        "/v1/namespaces/{namespace}": {"GET": Method(export)},
    }
    return [method_route(path, methods, max_body_bytes, deadline_ms) for path, methods in table.items()]
