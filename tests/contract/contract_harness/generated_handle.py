"""Run scenario steps through the GENERATED client's user-facing surface (``Turbopuffer`` + namespace handle).

Results are rebuilt from the client's public attributes (rows, aggregations, ``to_dict()`` of the
models), never from the raw JSON it keeps, so a parsing mistake shows up as a difference from the
official client. Retries and compression are off: one request per step, as sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import turbopuffer_openapi_client as generated

from .client_steps import HandleClient, dump_containers


class GeneratedClient(HandleClient):
    name = "generated client"
    status_error = generated.APIStatusError

    def __init__(self, base_url: str, api_key: str) -> None:
        self.client = generated.Turbopuffer(
            api_key=api_key, base_url=base_url, max_retries=0, compression=False
        )

    def error_message(self, error: Any) -> str:
        return error.message

    def update_schema(self, method: Callable[..., Any], body: Any) -> Any:
        return method(body)

    def dump(self, result: Any) -> Any:
        return dump(result)


def dump(result: Any) -> Any:
    """Plain JSON from the client's public result objects."""
    if isinstance(result, generated.MultiQueryResult):
        return {"results": [dump(item) for item in result.results]}
    if isinstance(result, generated.QueryResult):
        out: dict[str, Any] = {}
        if result.rows or (result.aggregations is None and result.aggregation_groups is None):
            out["rows"] = [row.to_dict() for row in result.rows]
        if result.aggregations is not None:
            out["aggregations"] = dict(result.aggregations)
        if result.aggregation_groups is not None:
            out["aggregation_groups"] = [dict(group) for group in result.aggregation_groups]
        return out
    if hasattr(result, "to_dict"):
        return result.to_dict()
    return dump_containers(result, dump)
