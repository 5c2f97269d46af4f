"""Run scenario steps through the OFFICIAL client (PyPI ``turbopuffer``), the hosted API's real peer.

Body fields the official method has a keyword for are passed as keywords (so its own request
transformations apply, e.g. float vectors sent as base64); anything else goes through its
``extra_body``. Retries are off: a contract test wants the first answer, not a retried one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import turbopuffer

from .client_steps import HandleClient, dump_containers


class OfficialClient(HandleClient):
    name = "official turbopuffer client"
    status_error = turbopuffer.APIStatusError

    def __init__(self, base_url: str, api_key: str) -> None:
        self.client = turbopuffer.Turbopuffer(api_key=api_key, base_url=base_url, max_retries=0)

    def error_message(self, error: Any) -> str:
        body = error.body if isinstance(error.body, dict) else {}
        return body.get("error", str(error.body))

    def update_schema(self, method: Callable[..., Any], body: Any) -> Any:
        return method(schema=body)

    def dump(self, result: Any) -> Any:
        if hasattr(result, "to_dict"):
            return result.to_dict(mode="json")
        return dump_containers(result, self.dump)
