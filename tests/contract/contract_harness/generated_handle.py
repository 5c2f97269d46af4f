"""Run scenario steps through the GENERATED client's user-facing surface (``Turbopuffer`` + namespace handle).

Results are rebuilt from the client's public attributes (rows, aggregations, ``to_dict()`` of the
models), never from the raw JSON it keeps, so a parsing mistake shows up as a difference from the
official client. Retries and compression are off: one request per step, as sent.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import turbopuffer_openapi_client as generated

from .scenarios import Outcome, Step

_METHODS: dict[str, str] = {
    "write": "write",
    "query": "query",
    "explainQuery": "explain_query",
    "getMetadata": "metadata",
    "getSchema": "schema",
    "updateSchema": "update_schema",
    "updateMetadata": "update_metadata",
    "hintCacheWarm": "hint_cache_warm",
    "deleteNamespace": "delete_all",
    "recall": "recall",
}


class GeneratedClient:
    name = "generated client"

    def __init__(self, base_url: str, api_key: str) -> None:
        self.client = generated.Turbopuffer(
            api_key=api_key, base_url=base_url, max_retries=0, compression=False
        )

    def run(self, namespace: str, step: Step, prefix: str) -> Outcome:
        try:
            return Outcome(value=self._call(namespace, step, prefix))
        except generated.APIStatusError as error:
            return Outcome(error_status=error.status_code, error_message=error.message)

    def _call(self, namespace: str, step: Step, prefix: str) -> Any:
        if step.operation == "listNamespaces":
            params = {
                k: (v.replace("{prefix}", prefix) if isinstance(v, str) else v)
                for k, v in step.params.items()
            }
            return {"namespaces": [{"id": summary.id} for summary in self.client.namespaces(**params)]}
        handle = self.client.namespace(namespace)
        if step.operation == "query" and isinstance(step.body, dict) and "queries" in step.body:
            return dump(_call_with_body(handle.multi_query, step.body))
        method = getattr(handle, _METHODS[step.operation])
        if step.operation == "updateSchema":
            return dump(method(step.body))
        return dump(_call_with_body(method, step.body))


def _call_with_body(method: Callable[..., Any], body: Any) -> Any:
    if body is None:
        return method()
    accepted = set(inspect.signature(method).parameters)
    keywords = {key: value for key, value in body.items() if key in accepted}
    extra = {key: value for key, value in body.items() if key not in accepted}
    return method(**keywords, **({"extra_body": extra} if extra else {}))


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
    if isinstance(result, dict):
        return {key: dump(value) for key, value in result.items()}
    if isinstance(result, list):
        return [dump(value) for value in result]
    return result
