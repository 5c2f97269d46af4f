"""Run scenario steps through the OFFICIAL client (PyPI ``turbopuffer``), the hosted API's real peer.

Body fields the official method has a keyword for are passed as keywords (so its own request
transformations apply, e.g. float vectors sent as base64); anything else goes through its
``extra_body``. Retries are off: a contract test wants the first answer, not a retried one.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import turbopuffer

from .scenarios import Outcome, Step

# operationId -> (namespace method name | None for client-level, how the body is passed)
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


class OfficialClient:
    name = "official turbopuffer client"

    def __init__(self, base_url: str, api_key: str) -> None:
        self.client = turbopuffer.Turbopuffer(api_key=api_key, base_url=base_url, max_retries=0)

    def run(self, namespace: str, step: Step, prefix: str) -> Outcome:
        try:
            return Outcome(value=self._call(namespace, step, prefix))
        except turbopuffer.APIStatusError as error:
            body = error.body if isinstance(error.body, dict) else {}
            return Outcome(error_status=error.status_code, error_message=body.get("error", str(error.body)))

    def _call(self, namespace: str, step: Step, prefix: str) -> Any:
        if step.operation == "listNamespaces":
            params = {
                k: (v.replace("{prefix}", prefix) if isinstance(v, str) else v)
                for k, v in step.params.items()
            }
            return {"namespaces": [{"id": summary.id} for summary in self.client.namespaces(**params)]}
        handle = self.client.namespace(namespace)
        if step.operation == "query" and isinstance(step.body, dict) and "queries" in step.body:
            return _dump(_call_with_body(handle.multi_query, step.body))
        method = getattr(handle, _METHODS[step.operation])
        if step.operation == "updateSchema":
            return _dump(method(schema=step.body))
        return _dump(_call_with_body(method, step.body))


def _call_with_body(method: Callable[..., Any], body: Any) -> Any:
    if body is None:
        return method()
    accepted = set(inspect.signature(method).parameters)
    keywords = {key: value for key, value in body.items() if key in accepted}
    extra = {key: value for key, value in body.items() if key not in accepted}
    return method(**keywords, **({"extra_body": extra} if extra else {}))


def _dump(result: Any) -> Any:
    if hasattr(result, "to_dict"):
        return result.to_dict(mode="json")
    if isinstance(result, dict):
        return {key: _dump(value) for key, value in result.items()}
    if isinstance(result, list):
        return [_dump(value) for value in result]
    return result
