"""Running scenario steps through a client with the official client's surface (``client.namespaces()``,
``client.namespace(name).<method>(...)``): the official client and the generated one share it.

What differs between the two is small and lives in their subclasses: how an error's message is read,
how ``update_schema`` takes its body, and how a result becomes plain JSON.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from .scenarios import Outcome, Step

# operationId -> namespace handle method
METHODS: dict[str, str] = {
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


class HandleClient:
    """Base of the client runners: ``client`` is the client object, ``status_error`` its HTTP error type."""

    name: str
    client: Any
    status_error: type[Exception]

    def run(self, namespace: str, step: Step, prefix: str) -> Outcome:
        try:
            return Outcome(value=self._call(namespace, step, prefix))
        except self.status_error as error:
            status = error.status_code  # type: ignore[attr-defined]
            return Outcome(error_status=status, error_message=self.error_message(error))

    def _call(self, namespace: str, step: Step, prefix: str) -> Any:
        if step.operation == "listNamespaces":
            params = {
                k: (v.replace("{prefix}", prefix) if isinstance(v, str) else v)
                for k, v in step.params.items()
            }
            return {"namespaces": [{"id": summary.id} for summary in self.client.namespaces(**params)]}
        handle = self.client.namespace(namespace)
        if step.operation == "query" and isinstance(step.body, dict) and "queries" in step.body:
            return self.dump(call_with_body(handle.multi_query, step.body))
        method = getattr(handle, METHODS[step.operation])
        if step.operation == "updateSchema":
            return self.dump(self.update_schema(method, step.body))
        return self.dump(call_with_body(method, step.body))

    # ---- what differs between clients ---------------------------------------------------------------
    def error_message(self, error: Any) -> str:
        raise NotImplementedError

    def update_schema(self, method: Callable[..., Any], body: Any) -> Any:
        raise NotImplementedError

    def dump(self, result: Any) -> Any:
        raise NotImplementedError


def call_with_body(method: Callable[..., Any], body: Any) -> Any:
    """Body fields the method has a keyword for go as keywords (so the client's own request
    transformations apply), anything else through ``extra_body``."""
    if body is None:
        return method()
    accepted = set(inspect.signature(method).parameters)
    keywords = {key: value for key, value in body.items() if key in accepted}
    extra = {key: value for key, value in body.items() if key not in accepted}
    return method(**keywords, **({"extra_body": extra} if extra else {}))


def dump_containers(result: Any, dump: Callable[[Any], Any]) -> Any:
    """Plain JSON of dicts and lists whose items ``dump`` converts; anything else unchanged."""
    if isinstance(result, dict):
        return {key: dump(value) for key, value in result.items()}
    if isinstance(result, list):
        return [dump(value) for value in result]
    return result
