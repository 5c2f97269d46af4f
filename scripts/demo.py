"""`make demo`: the generated client against a local emulator, end to end, in about a second.

Starts the emulator in memory on a free port, writes a small catalogue of sea creatures (text
attributes and 4-dimensional "embeddings"), then runs a vector query, a BM25 query, a filtered query,
an aggregation and a hybrid multi-query fused with reciprocal rank fusion, printing ranked results.
The emulator is stopped on the way out, whatever happens.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import tpuf_emulator
from turbopuffer_openapi_client import QueryResult, Turbopuffer
from turbopuffer_openapi_client.lang import filter as f
from turbopuffer_openapi_client.lang import rank_by as r
from turbopuffer_openapi_client.lang import score_expression as s

# One row per creature, in the order of FIELDS; the toy embedding's dimensions are
# (reef, deep sea, danger, edible).
FIELDS = ("id", "title", "habitat", "price", "description", "v")
ROWS = [
    (1, "Pufferfish", "reef", 45.0, "A poisonous fish that inflates into a spiky ball when threatened.",
     [0.9, 0.1, 0.9, 0.2]),
    (2, "Clownfish", "reef", 12.5, "A small orange reef fish living among sea anemones.", [1.0, 0.0, 0.1, 0.1]),
    (3, "Anglerfish", "deep sea", 80.0, "A deep sea fish that lures prey with a glowing lure.", [0.0, 1.0, 0.6, 0.1]),
    (4, "Blue tang", "reef", 30.0, "A bright blue reef fish that grazes on algae.", [0.95, 0.05, 0.2, 0.1]),
    (5, "Atlantic cod", "open ocean", 9.0, "A cold water fish, a classic for fish and chips.", [0.1, 0.3, 0.0, 1.0]),
    (6, "Lionfish", "reef", 55.0, "A venomous reef fish with striped spines; an invasive predator.",
     [0.8, 0.1, 0.95, 0.3]),
    (7, "Gulper eel", "deep sea", 120.0, "A deep sea eel with an enormous hinged mouth.", [0.0, 0.95, 0.3, 0.0]),
    (8, "Stonefish", "reef", 70.0, "The most venomous fish known, camouflaged as a poisonous rock.",
     [0.7, 0.2, 1.0, 0.1]),
    (9, "Yellowfin tuna", "open ocean", 25.0, "A fast ocean fish prized for sashimi.", [0.1, 0.2, 0.0, 0.95]),
    (10, "Fugu", "reef", 200.0, "Pufferfish served as a delicacy; poisonous unless prepared by a licensed chef.",
     [0.6, 0.1, 0.8, 0.8]),
]  # fmt: skip
CATALOGUE: list[dict[str, Any]] = [dict(zip(FIELDS, row, strict=True)) for row in ROWS]


def show(title: str, result: QueryResult, columns: tuple[str, ...] = ("title", "habitat", "price")) -> None:
    print(f"\n== {title}")
    print((f"   {'#':>2}  {'id':>3}  {'$dist':>8}  " + "  ".join(f"{c:<14}" for c in columns)).rstrip())
    for rank, row in enumerate(result.rows, start=1):
        dist = "" if row.dist is None else f"{row.dist:8.4f}"
        values = "  ".join(f"{str(row.get(c, '')):<14}" for c in columns)
        print(f"   {rank:>2}  {row.id!s:>3}  {dist:>8}  {values}".rstrip())


def run(base_url: str, api_key: str) -> None:
    with Turbopuffer(api_key=api_key, base_url=base_url) as tpuf:
        ns = tpuf.namespace("demo-sea-creatures")
        vectors = np.array([doc["v"] for doc in CATALOGUE], dtype=np.float32)
        written = ns.write(
            upsert_columns={
                "id": [doc["id"] for doc in CATALOGUE],
                "vector": vectors,  # a numpy matrix, sent as base64 float32
                **{
                    key: [doc[key] for doc in CATALOGUE]
                    for key in ("title", "habitat", "price", "description")
                },
            },
            distance_metric="cosine_distance",
            schema={"description": {"type": "string", "full_text_search": {"stemming": True}}},
        )
        print(f"wrote {written.rows_affected} documents to namespace {ns.name!r} at {base_url}")

        dangerous_reef = np.array([0.9, 0.1, 0.9, 0.1], dtype=np.float32)
        attrs = ["title", "habitat", "price"]
        show(
            "vector search: nearest to a 'dangerous reef fish' embedding (cosine distance)",
            ns.query(rank_by=r.ANN("vector", dangerous_reef), top_k=4, include_attributes=attrs),
        )
        show(
            "BM25 full-text search: 'poisonous fish'",
            ns.query(rank_by=s.BM25("description", "poisonous fish"), top_k=4, include_attributes=attrs),
        )
        show(
            "filtered: reef fish under $60, cheapest first",
            ns.query(
                rank_by=r.asc("price"),
                filters=f.And([f.Eq("habitat", "reef"), f.Lt("price", 60)]),
                top_k=10,
                include_attributes=attrs,
            ),
        )
        groups = ns.query(
            aggregate_by={"fish": ("Count",), "total_price": ("Sum", "price")},
            group_by=["habitat"],
            top_k=10,
        )
        print("\n== aggregation: count and total price per habitat")
        for group in groups.aggregation_groups or []:
            print(f"   {group['habitat']:<12} fish={group['fish']:<3} total_price={group['total_price']:.2f}")
        hybrid = ns.multi_query(
            queries=[
                {"rank_by": r.ANN("vector", dangerous_reef), "top_k": 5, "include_attributes": attrs},
                {"rank_by": s.BM25("description", "venomous reef"), "top_k": 5, "include_attributes": attrs},
            ],
            rerank_by=("RRF", {"rank_constant": 60}),
            limit=5,
        )
        show("hybrid: vector + BM25 'venomous reef', fused with RRF ($dist = RRF score)", hybrid.results[0])
        ns.delete_all()


def main() -> int:
    print("starting the emulator (in memory, free port)...")
    with tpuf_emulator.run() as emulator:  # in a thread of this process: ready in a fraction of a second
        run(emulator.base_url, emulator.api_key)
    print("\nemulator stopped; nothing left running.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
