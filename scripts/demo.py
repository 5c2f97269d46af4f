"""`make demo`: the generated client against a local emulator, end to end, in about a second.

Starts the emulator in memory on a free port, writes a small catalogue of sea creatures (text
attributes and 4-dimensional "embeddings"), then runs a vector query, a BM25 query, a filtered query,
an aggregation and a hybrid multi-query fused with reciprocal rank fusion, printing ranked results.
The emulator is stopped on the way out, whatever happens.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from turbopuffer_openapi_client import QueryResult, Turbopuffer  # noqa: E402
from turbopuffer_openapi_client.lang import filter as f  # noqa: E402
from turbopuffer_openapi_client.lang import rank_by as r  # noqa: E402
from turbopuffer_openapi_client.lang import score_expression as s  # noqa: E402

from tests.support.server import start_emulator  # noqa: E402

# Dimensions of the toy embedding: (reef, deep sea, danger, edible).
CATALOGUE: list[dict[str, Any]] = [
    {"id": 1, "title": "Pufferfish", "habitat": "reef", "price": 45.0,
     "description": "A poisonous fish that inflates into a spiky ball when threatened.", "v": [0.9, 0.1, 0.9, 0.2]},
    {"id": 2, "title": "Clownfish", "habitat": "reef", "price": 12.5,
     "description": "A small orange reef fish living among sea anemones.", "v": [1.0, 0.0, 0.1, 0.1]},
    {"id": 3, "title": "Anglerfish", "habitat": "deep sea", "price": 80.0,
     "description": "A deep sea fish that lures prey with a glowing lure.", "v": [0.0, 1.0, 0.6, 0.1]},
    {"id": 4, "title": "Blue tang", "habitat": "reef", "price": 30.0,
     "description": "A bright blue reef fish that grazes on algae.", "v": [0.95, 0.05, 0.2, 0.1]},
    {"id": 5, "title": "Atlantic cod", "habitat": "open ocean", "price": 9.0,
     "description": "A cold water fish, a classic for fish and chips.", "v": [0.1, 0.3, 0.0, 1.0]},
    {"id": 6, "title": "Lionfish", "habitat": "reef", "price": 55.0,
     "description": "A venomous reef fish with striped spines; an invasive predator.", "v": [0.8, 0.1, 0.95, 0.3]},
    {"id": 7, "title": "Gulper eel", "habitat": "deep sea", "price": 120.0,
     "description": "A deep sea eel with an enormous hinged mouth.", "v": [0.0, 0.95, 0.3, 0.0]},
    {"id": 8, "title": "Stonefish", "habitat": "reef", "price": 70.0,
     "description": "The most venomous fish known, camouflaged as a poisonous rock.", "v": [0.7, 0.2, 1.0, 0.1]},
    {"id": 9, "title": "Yellowfin tuna", "habitat": "open ocean", "price": 25.0,
     "description": "A fast ocean fish prized for sashimi.", "v": [0.1, 0.2, 0.0, 0.95]},
    {"id": 10, "title": "Fugu", "habitat": "reef", "price": 200.0,
     "description": "Pufferfish served as a delicacy; poisonous unless prepared by a licensed chef.",
     "v": [0.6, 0.1, 0.8, 0.8]},
]  # fmt: skip


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
    with start_emulator() as emulator:
        run(emulator.base_url, emulator.api_key)
    print("\nemulator stopped; nothing left running.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
