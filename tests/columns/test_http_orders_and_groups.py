"""Over real HTTP with the official client: attribute orders and groups on a realistic namespace
(~300 distinct ``source`` strings, an int ``length`` with nulls and heavy ties, a float ``score``),
through upserts, patches and deletes, equal a plain-Python model of the same documents in their
document order (a replaced document keeps its place, a re-written deleted one moves to the end).
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

import pytest
import turbopuffer


@pytest.fixture(scope="module")
def tpuf(emulator):
    with turbopuffer.Turbopuffer(
        api_key=emulator.api_key, base_url=emulator.base_url, max_retries=0
    ) as client:
        yield client


def realistic_rows(rng: random.Random, ids: range) -> list[dict[str, Any]]:
    rows = []
    for i in ids:
        row: dict[str, Any] = {
            "id": i,
            "source": f"pkg-{rng.randrange(300):03d}",
            "score": rng.choice([0.5, 1.25, 2.0]),
        }
        if rng.random() < 0.9:
            row["length"] = rng.choice([600, 600, 600, rng.randrange(1, 600)])
        if rng.random() < 0.05:
            row["source"] = None
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def written(tpuf, request):
    """The namespace and the model: id -> attributes (non-null only), in document order."""
    rng = random.Random(16)
    ns = tpuf.namespace(f"columns-http-{id(request) % 100000}")
    model: dict[int, dict[str, Any]] = {}

    def upsert(rows: list[dict[str, Any]]) -> None:
        ns.write(upsert_rows=rows, schema={"length": "int", "score": "float", "source": "string"})
        for row in rows:
            model[row["id"]] = {k: v for k, v in row.items() if k != "id" and v is not None}

    upsert(realistic_rows(rng, range(3_000)))
    ns.query(rank_by=("length", "desc"), top_k=1)  # columns exist now: the writes below maintain them
    upsert(realistic_rows(rng, range(2_500, 3_500)))  # replaces 500 in place, appends 500
    gone = rng.sample(sorted(model), 800)
    ns.write(deletes=gone)
    for doc_id in gone:
        del model[doc_id]
    upsert(realistic_rows(rng, gone[:200]))  # written again: at the end now
    patched = rng.sample(sorted(model), 300)
    ns.write(patch_rows=[{"id": i, "length": None if i % 7 == 0 else 17} for i in patched])
    for i in patched:
        model[i].pop("length", None)
        if i % 7:
            model[i]["length"] = 17
    return ns, model


def expected_order(model: dict[int, dict[str, Any]], keys: list[tuple[str, str]], k: int) -> list[int]:
    ordered = list(model)
    for attr, direction in reversed(keys):  # stable sorts, last key first; null below every value
        ordered.sort(key=lambda i: (attr in model[i], model[i].get(attr, 0)), reverse=direction == "desc")
    return ordered[:k]


@pytest.mark.parametrize(
    "keys",
    [
        [("length", "desc")],
        [("length", "asc")],
        [("source", "asc"), ("length", "desc")],
        [("score", "desc"), ("source", "desc"), ("length", "asc")],
    ],
)
def test_attribute_orders_match_the_model(written, keys):
    ns, model = written
    rank_by = list(keys[0]) if len(keys) == 1 else [list(key) for key in keys]
    result = ns.query(rank_by=rank_by, top_k=37, include_attributes=["length", "source"])
    assert [row.id for row in result.rows] == expected_order(model, keys, 37)


def test_groups_and_sums_match_the_model(written):
    ns, model = written
    result = ns.query(
        aggregate_by={"n": ("Count",), "total": ("Sum", "length"), "scored": ("Sum", "score")},
        group_by=["source"],
        top_k=250,
    )
    counts: dict[Any, int] = defaultdict(int)
    totals: dict[Any, int] = defaultdict(int)
    scored: dict[Any, float] = defaultdict(float)
    for attrs in model.values():
        key = attrs.get("source")
        counts[key] += 1
        totals[key] += attrs.get("length", 0)
        scored[key] += attrs.get("score", 0.0)
    order = sorted(counts, key=lambda key: (key is not None, key or ""))[:250]
    want = [{"source": key, "n": counts[key], "total": totals[key], "scored": scored[key]} for key in order]
    groups = [g.model_dump() if hasattr(g, "model_dump") else dict(g) for g in result.aggregation_groups]
    assert groups == want
    assert groups[0]["source"] is None and len(groups) == 250


def test_filtered_aggregate_matches_the_model(written):
    ns, model = written
    result = ns.query(
        aggregate_by={"n": ("Count",), "total": ("Sum", "length")}, filters=("length", "Lt", 600)
    )
    short = [attrs["length"] for attrs in model.values() if attrs.get("length", 600) < 600]
    nulls = sum(1 for attrs in model.values() if "length" not in attrs)  # Lt matches a missing value too
    assert result.aggregations == {"n": len(short) + nulls, "total": sum(short)}
