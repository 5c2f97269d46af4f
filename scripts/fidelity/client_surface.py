"""Discover, by introspection, what the installed official `turbopuffer` client sends and expects.

Nothing here is a hand-written list of the client's operations or fields: we read the HTTP
method and path out of each resource method's source (the generated code always calls
`self._<method>(path_template("..."))` or `get_api_list("...")`), the request TypedDict from
its `maybe_transform(..., <module>.<Params>)` call, and the response type from the method's
return annotation. The SDK's own body-nesting table (`lib/nested_body.py`) tells which
overloads wrap their parameters under a write-request property. The query-language aliases
(``types/custom.py``) and every ``Literal`` alias of ``turbopuffer.types`` are found the same way.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
import typing
from typing import Any
from urllib.parse import parse_qs, urlsplit

import turbopuffer
import turbopuffer.lib.nested_body as nested_body
import turbopuffer.types
import turbopuffer.types.custom as client_language
from turbopuffer._client import Turbopuffer
from turbopuffer.lib.performance import ClientPerformance
from turbopuffer.resources.namespaces import NamespacesResource

_CALL = re.compile(
    r"self\.(?:_(?P<method>get|post|put|patch|delete)|get_api_list)\(\s*"
    r"(?:path_template\(\s*)?\"(?P<path>[^\"]+)\"",
    re.S,
)
_TRANSFORM = re.compile(
    r"maybe_transform\(\s*(?P<arg>\{|\w+)(?:.|\n)*?,\s*(?P<module>\w+_params)\.(?P<cls>\w+),?\s*\)",
    re.S,
)


@dataclasses.dataclass(frozen=True)
class ClientOperation:
    """One HTTP operation of the official client."""

    name: str
    method: str
    path: str  # without the query string
    overload: str | None  # the `stainless_overload` query value, if any
    body_type: Any | None  # the request TypedDict (None without a body)
    body_key: str | None  # the write property the SDK nests the body under, if any
    bare_body_param: str | None  # for `body=maybe_transform(<param>, ...)`: the param sent bare
    query_type: Any | None  # TypedDict of query-string parameters
    response_type: Any

    @property
    def label(self) -> str:
        return f"{self.name} ({self.method} {self.path})"


def _params_class(module_name: str, class_name: str) -> Any:
    module = importlib.import_module(f"turbopuffer.types.{module_name}")
    return getattr(module, class_name)


def _return_type(function: Any) -> Any:
    """Evaluate only the return annotation (other parameters may hold unresolvable forward refs)."""
    annotation = function.__annotations__["return"]
    if isinstance(annotation, str):
        annotation = eval(annotation, vars(inspect.getmodule(function)))  # noqa: S307 - the SDK's own annotation
    return annotation


def _describe(name: str, function: Any) -> ClientOperation | None:
    source = inspect.getsource(function)
    call = _CALL.search(source)
    if call is None:
        return None
    method = (call.group("method") or "get").upper()
    url = call.group("path")
    overloads = parse_qs(urlsplit(url).query).get("stainless_overload")
    overload = overloads[0] if overloads else None
    body_type = query_type = bare = None
    for match in _TRANSFORM.finditer(source):
        params = _params_class(match.group("module"), match.group("cls"))
        if source[: match.start()].rstrip().endswith("query="):
            query_type = params
        else:
            body_type = params
            if match.group("arg") != "{":
                bare = match.group("arg")
    response = _return_type(function)
    return ClientOperation(
        name=name,
        method=method,
        path=urlsplit(url).path,
        overload=overload,
        body_type=body_type,
        body_key=nested_body._NESTED_BODY_KEYS.get(overload) if overload else None,
        bare_body_param=bare,
        query_type=query_type,
        response_type=response,
    )


def client_operations() -> list[ClientOperation]:
    """Every HTTP operation of the client: namespace methods plus the client-level list."""
    found = []
    candidates: list[tuple[str, Any]] = list(inspect.getmembers(NamespacesResource, inspect.isfunction))
    candidates.append(("namespaces", Turbopuffer.namespaces))
    for name, function in candidates:
        if name.startswith("_"):
            continue
        operation = _describe(name, function)
        if operation is not None:
            found.append(operation)
    return found


def client_version() -> str:
    return turbopuffer.__version__


def client_only_fields() -> set[str]:
    """Genuine non-wire fields, and nothing else: the ``client_*`` timings of ClientPerformance are
    measured by the SDK itself and added to the parsed response locally (the server never sends them)."""
    return set(ClientPerformance.model_fields)


def forward_ref_namespace() -> dict[str, Any]:
    """Where the SDK's string annotations (``"Filter"``, ``"RankBy"``...) resolve."""
    return vars(client_language)


def language_aliases() -> dict[str, Any]:
    """The client's query-language type aliases (custom.py), by name."""
    return {
        name: value
        for name, value in vars(client_language).items()
        if not name.startswith("_")
        and typing.get_origin(value) is not None
        and value.__module__ == "typing"
        and getattr(typing, name, None) is not value  # not an imported typing name (Tuple, ...)
    }


def literal_aliases() -> dict[str, tuple[Any, ...]]:
    """Every ``Literal`` alias of ``turbopuffer.types``: ``"<module>.<name>" -> values``."""
    found = {}
    for module_info in pkgutil.iter_modules(turbopuffer.types.__path__):
        module = importlib.import_module(f"turbopuffer.types.{module_info.name}")
        for name, value in vars(module).items():
            if typing.get_origin(value) is typing.Literal:
                found[f"{module_info.name}.{name}"] = typing.get_args(value)
    return found
