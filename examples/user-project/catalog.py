"""The application under test: a product catalogue searched by meaning (vectors) and by words (BM25).

It takes a namespace handle, so the same code runs with the official ``turbopuffer`` client and with
``turbopuffer_openapi_client`` (both have ``namespace(name).write(...)`` / ``.query(...)``), against
the hosted service in production and against the emulator in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ENGLISH = {"language": "english", "stemming": True, "remove_stopwords": True}


@dataclass(frozen=True)
class Product:
    id: int
    name: str
    description: str
    category: str
    embedding: list[float]


def index_products(ns: Any, products: list[Product]) -> None:
    ns.write(
        upsert_rows=[
            {
                "id": p.id,
                "vector": p.embedding,
                "name": p.name,
                "description": p.description,
                "category": p.category,
            }
            for p in products
        ],
        distance_metric="cosine_distance",
        schema={"description": {"type": "string", "full_text_search": ENGLISH}},
    )


def search_words(ns: Any, text: str, *, category: str | None = None, limit: int = 5) -> list[int]:
    """Product ids best matching ``text`` (BM25), optionally within one category."""
    extra: dict[str, Any] = {} if category is None else {"filters": ("category", "Eq", category)}
    result = ns.query(rank_by=("description", "BM25", text), top_k=limit, **extra)
    return [row.id for row in result.rows]


def similar(ns: Any, embedding: list[float], *, limit: int = 3) -> list[int]:
    """Product ids nearest to ``embedding``."""
    result = ns.query(rank_by=("vector", "ANN", embedding), top_k=limit)
    return [row.id for row in result.rows]
