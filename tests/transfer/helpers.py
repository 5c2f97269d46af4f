"""Helpers of the transfer suite: a schema and rows with every attribute type, the ``tpuf-emulator``
command as a user runs it, and reading a namespace back over HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from tests.support.server import RunningEmulator

SCHEMA: dict[str, Any] = {
    "id": "uint",
    "title": {"type": "string", "full_text_search": {"language": "french", "stemming": True, "k1": 1.5}},
    "body": {"type": "string", "full_text_search": True, "filterable": True},
    "code": {"type": "string", "regex": True, "glob": True},
    "count": "int",
    "big": "uint",
    "price": "float",
    "active": "bool",
    "when": "datetime",
    "ref": "uuid",
    "blob": "bytes",
    "tags": {
        "type": "[]string",
        "full_text_search": {"tokenizer": "pre_tokenized_array", "case_sensitive": True},
    },
    "ints": "[]int",
    "uints": "[]uint",
    "floats": "[]float",
    "flags": "[]bool",
    "dates": "[]datetime",
    "refs": "[]uuid",
    "vector": {"type": "[4]f32", "ann": True},
    "half": {"type": "[3]f16", "ann": True},
    "sparse": {"type": "{}f16", "sparse_knn": {"distance_metric": "dot_product"}},
    "tokens": {"type": "[][2]f32", "ann": {"late_interaction": True}},  # late interaction (multi-vector)
}


def rich_rows() -> list[dict[str, Any]]:
    """Rows using every attribute type, extreme values, and rows where most attributes are null."""
    rows: list[dict[str, Any]] = [
        {
            "id": 1,
            "title": "Les chats mangent des souris",
            "body": "the quick brown fox",
            "code": "A-17",
            "count": -(2**63),
            "big": 2**64 - 1,
            "price": 0.1,
            "active": True,
            "when": "2024-02-29T23:59:59.999Z",
            "ref": "6F9619FF-8B86-D011-B42D-00C04FC964FF",
            "blob": "AAECA/8=",
            "tags": ["Red", "blue"],
            "ints": [-1, 0, 2**63 - 1],
            "uints": [0, 2**64 - 1],
            "floats": [1e-300, -2.5],
            "flags": [True, False, True],
            "dates": ["1969-07-20T20:17:40Z", "2038-01-19"],
            "refs": ["00000000-0000-0000-0000-000000000000"],
            "vector": [0.1, -0.2, 1e-7, 3.4e38],
            "half": [0.1, 65504.0, -1.0],
            "sparse": {"7": 0.5, "dim-x": 1.25},
            "tokens": [[0.1, 0.2], [-3.0, 1e-5], [0.0, 0.0]],
        },
        {"id": 2, "vector": [1.0, 2.0, 3.0, 4.0], "half": [1.0, 2.0, 3.0]},  # every other attribute null
        {
            "id": 3,
            "title": "",
            "count": 0,
            "price": -0.0,
            "active": False,
            "tags": [],
            "vector": [0.0, 0.0, 0.0, 1.0],
            "half": [0.0, 0.5, 0.25],
            "sparse": {},
        },
    ]
    for i in range(4, 40):
        rows.append(
            {
                "id": i * 1000,
                "title": f"document numéro {i}",
                "count": i,
                "price": i / 7,
                "when": f"2020-01-{(i % 28) + 1:02d}T12:00:00+02:00",
                "vector": [i / 3, -i / 7, 1.0, 0.5],
                "half": [i / 11, 0.0, 1.0],
            }
        )
    return rows


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``tpuf-emulator ARGS`` as a user runs it; TURBOPUFFER_* variables only as given."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("TURBOPUFFER_")}
    return subprocess.run(
        [sys.executable, "-m", "tpuf_emulator", *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        timeout=300,
    )


def all_rows(server: RunningEmulator, namespace: str) -> list[dict[str, Any]]:
    """Every row (vectors as exact base64), in id order."""
    with server.client() as client:
        answer = client.post(
            f"/v2/namespaces/{namespace}/query",
            json={
                "rank_by": ["id", "asc"],
                "limit": 10_000,
                "include_attributes": True,
                "vector_encoding": "base64",
            },
        )
    assert answer.status_code == 200, answer.text
    return list(answer.json()["rows"])


def schema_of(server: RunningEmulator, namespace: str) -> dict[str, Any]:
    with server.client() as client:
        answer = client.get(f"/v1/namespaces/{namespace}/schema")
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def exists(server: RunningEmulator, namespace: str) -> bool:
    with server.client() as client:
        return client.get(f"/v1/namespaces/{namespace}/schema").status_code == 200
