"""Realistic documents written before fuzzing, so generated queries reach real rows.

Plain fuzzing of a query mostly hits unknown namespaces (404). The schemathesis runs draw the
``namespace`` path parameter from these seeded names part of the time (a schemathesis
dictionary binding), and the hooks re-seed a namespace after a fuzzed request deleted it.
The writes go over raw HTTP (httpx), independent of either client under test.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx

PRODUCTS = "products"
ARTICLES = "articles"

_CATEGORIES = ["shoes", "hats", "bags"]
_WORDS = ["red", "blue", "green", "leather", "canvas", "light", "warm", "classic", "trail", "city"]


def _product(i: int) -> dict[str, Any]:
    return {
        "id": i,
        "vector": [round(((i * 7 + k * 3) % 11) / 10.0 - 0.5, 2) for k in range(4)],
        "title": f"{_WORDS[i % 10]} {_WORDS[(i * 3) % 10]} {_CATEGORIES[i % 3][:-1]}",
        "category": _CATEGORIES[i % 3],
        "price": round(9.5 + i * 3.25, 2),
        "stock": i % 5,
        "tags": [_WORDS[i % 10], _WORDS[(i + 4) % 10]],
        "on_sale": i % 2 == 0,
    }


def _article(i: int) -> dict[str, Any]:
    return {
        "id": f"article-{i:02d}",
        "vector": [float(i % 3), float(i % 5) / 2.0, 1.0],
        "body": f"the {_WORDS[i % 10]} fox jumps over the {_WORDS[(i + 5) % 10]} dog in the {_WORDS[(i * 2) % 10]} city",
        "author": ["ada", "grace", "linus"][i % 3],
        "views": i * 17,
    }


@dataclass(frozen=True)
class SeedNamespace:
    """One seeded namespace: its name and the write request that (re)creates it."""

    name: str
    write: dict[str, Any]

    @property
    def rows(self) -> list[dict[str, Any]]:
        return list(self.write["upsert_rows"])


def seed_namespaces(prefix: str = "contract-seed-") -> list[SeedNamespace]:
    """The seeded namespaces, named ``<prefix><kind>``."""
    return [
        SeedNamespace(
            name=f"{prefix}{PRODUCTS}",
            write={
                "upsert_rows": [_product(i) for i in range(1, 25)],
                "distance_metric": "cosine_distance",
                "schema": {"title": {"type": "string", "full_text_search": True}},
            },
        ),
        SeedNamespace(
            name=f"{prefix}{ARTICLES}",
            write={
                "upsert_rows": [_article(i) for i in range(1, 13)],
                "distance_metric": "euclidean_squared",
                "schema": {"body": {"type": "string", "full_text_search": {"stemming": True}}},
            },
        ),
    ]


def write_seed(client: httpx.Client, seed: SeedNamespace, *, replace: bool = True) -> None:
    """(Re)create one seeded namespace. ``replace`` deletes it first so fuzzed schema changes go."""
    if replace:
        gone = client.delete(f"/v2/namespaces/{seed.name}")
        if gone.status_code not in (200, 404):
            raise RuntimeError(f"deleting seed namespace {seed.name}: {gone.status_code} {gone.text}")
    written = client.post(f"/v2/namespaces/{seed.name}", json=seed.write)
    if written.status_code != 200:
        raise RuntimeError(f"seeding namespace {seed.name}: {written.status_code} {written.text}")


def seed_all(base_url: str, api_key: str, seeds: list[SeedNamespace]) -> None:
    with http_client(base_url, api_key) as client:
        for seed in seeds:
            write_seed(client, seed)


def http_client(base_url: str, api_key: str, *, timeout: float = 30.0) -> httpx.Client:
    """A raw client for seeding and follow-up reads; it waits out 429s as Retry-After asks."""
    return httpx.Client(
        base_url=base_url,
        headers={"Authorization": f"Bearer {api_key}"},
        timeout=timeout,
        transport=_WaitOn429(httpx.HTTPTransport()),
    )


class _WaitOn429(httpx.BaseTransport):
    """Retry a 429 after its ``retry-after-ms`` / ``Retry-After`` (the harness's own reads must not
    fail because the suite itself exhausted a rate limit)."""

    def __init__(self, inner: httpx.BaseTransport, attempts: int = 8) -> None:
        self.inner = inner
        self.attempts = attempts

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for _ in range(self.attempts - 1):
            response = self.inner.handle_request(request)
            if response.status_code != 429:
                return response
            response.read()
            response.close()
            time.sleep(_retry_delay(response))
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def _retry_delay(response: httpx.Response) -> float:
    for header, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = response.headers.get(header)
        if value is not None:
            try:
                return min(max(float(value) * scale, 0.05), 10.0)
            except ValueError:
                pass
    return 1.0
