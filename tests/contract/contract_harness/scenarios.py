"""Client-independent API scenarios: the same steps are run through every client under test.

A step names a spec operation (``operationId``) and its wire-level inputs (JSON body, query
parameters). Each client adapter turns a step into a call of ITS API and returns the outcome as
plain JSON (``Outcome``), so two clients can be compared value by value. Results are normalised
only where two correct runs legitimately differ: timings, billing estimates, timestamps, and the
namespace prefix each client runs under.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Fields that differ between two correct runs of the same scenario.
VOLATILE_KEYS = frozenset({"performance", "billing", "created_at", "updated_at", "last_write_at"})


@dataclass(frozen=True)
class Step:
    label: str
    operation: str
    body: Any = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What a client returned: the response JSON, or the error status and the server's message."""

    value: Any = None
    error_status: int | None = None
    error_message: str | None = None

    def normalised(self, prefix: str) -> dict[str, Any]:
        if self.error_status is not None:
            return {"error_status": self.error_status, "error": _strip_prefix(self.error_message, prefix)}
        return {"value": normalise(self.value, prefix)}


def normalise(value: Any, prefix: str) -> Any:
    if isinstance(value, dict):
        return {key: normalise(item, prefix) for key, item in value.items() if key not in VOLATILE_KEYS}
    if isinstance(value, list):
        return [normalise(item, prefix) for item in value]
    if isinstance(value, str):
        return _strip_prefix(value, prefix)
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a model may parse 3 into 3.0; the value is the same
    return value


def _strip_prefix(text: str | None, prefix: str) -> str | None:
    return text.replace(prefix, "<prefix>") if isinstance(text, str) else text


def _product(i: int) -> dict[str, Any]:
    colours = ["red", "blue", "green", "black"]
    return {
        "id": i,
        "vector": [round(0.1 * ((i * 3 + k) % 7) - 0.3, 2) for k in range(4)],
        "title": f"{colours[i % 4]} {'running' if i % 3 else 'leather'} shoe number {i}",
        "category": ["shoes", "boots"][i % 2],
        "price": 10 + 2.5 * i,
        "tags": [colours[i % 4], "sale"] if i % 3 == 0 else [colours[i % 4]],
        "version": 1,
    }


ANN_VECTOR = [0.1, -0.2, 0.3, 0.0]

CATALOGUE = "catalogue"

# One namespace's life: write it, read it every way the API offers, change it, break it, delete it.
CATALOGUE_STEPS: tuple[Step, ...] = (
    Step(
        "upsert rows with a schema",
        "write",
        {
            "upsert_rows": [_product(i) for i in range(1, 13)],
            "distance_metric": "cosine_distance",
            "schema": {"title": {"type": "string", "full_text_search": True}},
        },
    ),
    Step(
        "vector ANN with a filter",
        "query",
        {
            "rank_by": ["vector", "ANN", ANN_VECTOR],
            "limit": 5,
            "filters": ["category", "Eq", "shoes"],
            "include_attributes": ["title", "price"],
        },
    ),
    Step("BM25 full-text", "query", {"rank_by": ["title", "BM25", "red leather"], "limit": 5}),
    Step(
        "attribute order with And/Contains filters, all attributes",
        "query",
        {
            "rank_by": ["price", "desc"],
            "filters": ["And", [["price", "Gte", 20], ["tags", "Contains", "sale"]]],
            "limit": 10,
            "include_attributes": True,
        },
    ),
    Step(
        "grouped aggregation",
        "query",
        {"aggregate_by": {"n": ["Count"]}, "group_by": ["category"], "filters": ["price", "Lt", 30]},
    ),
    Step("count aggregation", "query", {"aggregate_by": {"n": ["Count"]}}),
    Step(
        "multi-query fused with RRF",
        "query",
        {
            "queries": [
                {"rank_by": ["vector", "ANN", ANN_VECTOR], "limit": 4},
                {"rank_by": ["title", "BM25", "blue running"], "limit": 4},
            ],
            "rerank_by": ["RRF"],
        },
    ),
    Step(
        "patch, delete and report affected ids",
        "write",
        {
            "patch_rows": [{"id": 1, "price": 99.5}, {"id": 2, "category": "sandals"}],
            "deletes": [3, 4],
            "return_affected_ids": True,
        },
    ),
    Step(
        "conditional upsert on version",
        "write",
        {
            "upsert_rows": [
                {**_product(5), "version": 2, "title": "newer"},
                {**_product(6), "version": 0, "title": "older"},
            ],
            "upsert_condition": ["version", "Lt", {"$ref_new": "version"}],
            "distance_metric": "cosine_distance",
            "return_affected_ids": True,
        },
    ),
    Step(
        "read everything back by id",
        "query",
        {
            "rank_by": ["id", "asc"],
            "limit": 20,
            "include_attributes": ["title", "price", "category", "version"],
        },
    ),
    Step("schema", "getSchema"),
    Step("add a filterable attribute", "updateSchema", {"colour": {"type": "string"}}),
    Step("metadata", "getMetadata"),
    Step("explain a query", "explainQuery", {"rank_by": ["price", "asc"], "limit": 3}),
    Step("warm the cache", "hintCacheWarm"),
    Step("list namespaces under the prefix", "listNamespaces", params={"prefix": "{prefix}"}),
    Step(
        "error: filter operand of the wrong type",
        "query",
        {"rank_by": ["id", "asc"], "filters": ["price", "Eq", "x"]},
    ),
    Step("error: unknown attribute in rank_by", "query", {"rank_by": ["nope", "BM25", "shoe"], "limit": 3}),
    Step("delete the namespace", "deleteNamespace"),
    Step("error: query a deleted namespace", "query", {"rank_by": ["id", "asc"], "limit": 3}),
    Step("error: schema of a deleted namespace", "getSchema"),
)
