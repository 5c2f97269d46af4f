"""Push one schemathesis ``Case`` THROUGH the generated client's typed endpoint function.

``call_through_generated_client`` finds the endpoint module of the case's operation
(``turbopuffer_openapi_client.api.<tag>.<operation_id in snake case>``), builds the request model
from ``case.body`` with the model's own ``from_dict``, passes path, query and header parameters
as the function's keyword arguments (absent optional ones as ``UNSET``, so the client may not add
any), and captures the raw ``httpx`` request and response with event hooks. What the client did
is returned as a ``ClientExchange`` for the contract assertions in ``test_contract_client.py``.
"""

from __future__ import annotations

import functools
import gzip
import importlib
import inspect
import json
import pkgutil
import re
import typing
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
import turbopuffer_openapi_client
import turbopuffer_openapi_client.api
from turbopuffer_openapi_client import errors
from turbopuffer_openapi_client.types import UNSET


def snake(name: str) -> str:
    """``getMetadataV1`` -> ``get_metadata_v1``, ``Accept-Encoding`` -> ``accept_encoding``."""
    name = re.sub(r"[^A-Za-z0-9]+", "_", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return name.lower().strip("_")


@functools.cache
def endpoint_modules() -> dict[str, Any]:
    """operation module name (snake case operationId) -> module, over every tag package."""
    found: dict[str, Any] = {}
    package = turbopuffer_openapi_client.api
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        if hasattr(module, "sync_detailed"):
            found[info.name.rsplit(".", 1)[1]] = module
    return found


def endpoint_for(operation_id: str) -> Any:
    modules = endpoint_modules()
    name = snake(operation_id)
    if name not in modules:
        raise LookupError(
            f"the generated client has no endpoint module for operation {operation_id!r} ({name})"
        )
    return modules[name]


@dataclass
class ClientExchange:
    request: httpx.Request | None = None
    response: httpx.Response | None = None
    parsed: Any = None
    error: errors.APIStatusError | None = None
    body_model: Any = None
    sent_headers: dict[str, str] = field(default_factory=dict)

    def sent_json(self) -> Any:
        assert self.request is not None, "the client sent no request"
        content = self.request.read()
        if self.request.headers.get("content-encoding", "").lower() == "gzip":
            content = gzip.decompress(content)
        return json.loads(content) if content else None


def new_client(base_url: str, api_key: str, exchange_sink: list[ClientExchange]) -> Any:
    """A generated client whose every request/response lands in ``exchange_sink[-1]``."""

    def on_request(request: httpx.Request) -> None:
        exchange_sink[-1].request = request

    def on_response(response: httpx.Response) -> None:
        exchange_sink[-1].response = response

    return turbopuffer_openapi_client.Client(
        api_key=api_key,
        base_url=base_url,
        max_retries=0,
        compression=False,
        httpx_args={"event_hooks": {"request": [on_request], "response": [on_response]}},
    )


def build_body_model(annotation: Any, body: Any) -> Any:
    """The request model for ``body``: the first candidate type whose ``from_dict`` round-trips it."""
    candidates = [arg for arg in typing.get_args(annotation) if arg is not type(None)] or [annotation]
    failures = []
    for candidate in candidates:
        if not hasattr(candidate, "from_dict"):
            continue
        try:
            model = candidate.from_dict(body)
        except Exception as exc:  # noqa: BLE001 - try the next union member, report all at the end
            failures.append(f"{candidate.__name__}.from_dict: {exc!r}")
            continue
        if strict_json_equal(model.to_dict(), body):
            return model
        failures.append(f"{candidate.__name__}.to_dict() changes the body to {model.to_dict()!r}")
    raise AssertionError(f"no request model of the generated client reproduces the body {body!r}: {failures}")


def call_through_generated_client(
    client: Any, sink: list[ClientExchange], case: Any, operation_id: str
) -> ClientExchange:
    module = endpoint_for(operation_id)
    function = module.sync_detailed
    hints = typing.get_type_hints(function)
    exchange = ClientExchange()
    sink.append(exchange)
    kwargs: dict[str, Any] = {"client": client}
    supplied = {
        **{snake(k): v for k, v in (case.path_parameters or {}).items()},
        **{snake(k): v for k, v in (case.query or {}).items()},
        **{snake(k): v for k, v in (case.headers or {}).items() if k.lower() != "authorization"},
    }
    for name, parameter in inspect.signature(function).parameters.items():
        if name == "client":
            continue
        if name == "body":
            exchange.body_model = build_body_model(hints["body"], case.body)
            kwargs["body"] = exchange.body_model
        elif name in supplied:
            kwargs[name] = supplied.pop(name)
        elif parameter.default is not inspect.Parameter.empty:
            kwargs[name] = UNSET
        else:
            raise AssertionError(f"{operation_id}: required parameter {name!r} has no value in the case")
    exchange.sent_headers = {
        k: str(v) for k, v in (case.headers or {}).items() if k.lower() != "authorization"
    }
    try:
        exchange.parsed = function(**kwargs).parsed
    except errors.APIStatusError as error:
        exchange.error = error
    return exchange


def strict_json_equal(left: Any, right: Any) -> bool:
    """JSON equality that tells ``1`` from ``1.0`` and ``true`` from ``1`` (Python's ``==`` does not).

    One documented equivalence: two RFC 3339 date-times with offsets that name the same instant are
    equal (``...20.271Z`` and ``...20.271000+00:00``): models parse ``format: date-time`` into
    ``datetime`` and render it back in Python's form, which every consumer reads identically.
    """
    if isinstance(left, str) and isinstance(right, str) and left != right:
        return _same_instant(left, right)
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(strict_json_equal(left[k], right[k]) for k in left)
    if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        return len(left) == len(right) and all(
            strict_json_equal(a, b) for a, b in zip(left, right, strict=True)
        )
    if isinstance(left, float) and isinstance(right, float) and left != left and right != right:
        return True
    return type(left) is type(right) and left == right


_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _same_instant(left: str, right: str) -> bool:
    if not (_RFC3339.match(left) and _RFC3339.match(right)):
        return False
    return datetime.fromisoformat(left) == datetime.fromisoformat(right)
