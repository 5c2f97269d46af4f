"""The two organisations and namespaces the console tests share: orgA's ``products`` (3-D vectors in
two clusters, a full-text ``title``, a ``colour``) and orgB's ``orgb-secret``."""

from __future__ import annotations

from typing import Any

from tests.support.server import RunningEmulator

ORG_ARGS = ["--api-key", "orgA:keyA", "--api-key", "orgB:keyB"]
NS_A = "products"
NS_B = "orgb-secret"
NS_SCRATCH = "scratch"  # orgA's, deleted through the console

TITLES = [
    "red running shoes for trail",
    "blue denim jacket",
    "green garden hose",
    "yellow rain coat",
    "black leather boots",
    "white cotton shirt",
]


def rows_a(count: int = 60) -> list[dict[str, Any]]:
    rows = []
    for i in range(1, count + 1):
        cluster = i % 2
        base = [1.0, 0.0, 0.0] if cluster == 0 else [0.0, 1.0, 0.0]
        vector = [b + 0.01 * ((i * k) % 7) for k, b in enumerate(base, start=1)]
        rows.append({"id": i, "vector": vector, "title": TITLES[i % len(TITLES)] + f" model {i}",
                     "colour": "warm" if cluster == 0 else "cool"})  # fmt: skip
    return rows


def seed(server: RunningEmulator) -> None:
    with server.client("keyA") as a:
        reply = a.post(f"/v2/namespaces/{NS_A}", json={
            "upsert_rows": rows_a(),
            "distance_metric": "cosine_distance",
            "schema": {"title": {"type": "string", "full_text_search": True}},
        })  # fmt: skip
        reply.raise_for_status()
        a.post(
            f"/v2/namespaces/{NS_SCRATCH}", json={"upsert_rows": [{"id": 1, "note": "x"}]}
        ).raise_for_status()
    with server.client("keyB") as b:
        reply = b.post(f"/v2/namespaces/{NS_B}", json={
            "upsert_rows": [{"id": 1, "vector": [0.5, 0.5, 0.5], "title": "orgB private"}],
            "distance_metric": "euclidean_squared",
        })  # fmt: skip
        reply.raise_for_status()
