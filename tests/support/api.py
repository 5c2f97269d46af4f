"""Small request helpers over an httpx client of a running emulator (assert success, return JSON)."""

from __future__ import annotations

from typing import Any

import httpx


def write(client: httpx.Client, ns: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(f"/v2/namespaces/{ns}", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def write_error(client: httpx.Client, ns: str, body: dict[str, Any], status: int = 400) -> str:
    response = client.post(f"/v2/namespaces/{ns}", json=body)
    assert response.status_code == status, response.text
    payload = response.json()
    assert payload["status"] == "error"
    return payload["error"]


def docs(client: httpx.Client, ns: str, **extra: Any) -> dict[Any, dict[str, Any]]:
    """Every document of ``ns`` by id, all attributes included."""
    body = {"rank_by": ["id", "asc"], "top_k": 10_000, "include_attributes": True, **extra}
    response = client.post(f"/v2/namespaces/{ns}/query", json=body)
    assert response.status_code == 200, response.text
    return {row["id"]: row for row in response.json()["rows"]}
