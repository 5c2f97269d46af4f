"""``explain_query``: a readable description of the plan the executor will actually run.

The text is derived from the same parsed plan ``execute_query`` uses, so it cannot drift from what
happens: which filter is evaluated and how (full scan, or token postings), how rows are ranked
(vector index, exhaustive distances, score expression, attribute order), then diversification,
offset/limit and the returned attributes.
"""

from __future__ import annotations

from typing import Any

from .. import serde_errors
from ..language import parse_multi_query, parse_query
from ..language.nodes import (
    AttributeValue,
    Bm25,
    Combine,
    Compare,
    Constant,
    Curve,
    Distance,
    FilterNode,
    FilterTerm,
    FuzzyMatch,
    Logical,
    OrderBy,
    PatternMatch,
    Product,
    QueryPlan,
    RefNew,
    ScoreNode,
    ScoreRank,
    SparseScore,
    TokenMatch,
    VectorRank,
)
from ..seams import NamespaceView


def explain_query(view: NamespaceView, body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise serde_errors.invalid_type("", body, serde_errors.struct("QueryRequest"))
    size = len(view.documents())
    lines = [f"namespace {view.name!r}: {size} documents (all in memory, fully indexed)"]
    if "queries" in body:
        multi = parse_multi_query(body, view.schema, view.distance_metric)
        lines.append(f"multi-query: {len(multi.queries)} sub-queries on one snapshot")
        for i, sub in enumerate(multi.queries):
            lines.append(f"sub-query {i}:")
            lines.extend("  " + line for line in describe_plan(view, sub, size))
        if multi.rerank is not None:
            weights = multi.rerank.weights or [1.0] * len(multi.queries)
            lines.append(
                f"rerank: RRF score = sum(weight_i / ({multi.rerank.rank_constant} + rank_i)), weights {weights}"
            )
            if multi.limit is not None:
                lines.append(f"limit: {multi.limit} fused rows (offset {multi.offset})")
    else:
        lines.extend(describe_plan(view, parse_query(body, view.schema, view.distance_metric), size))
    return {"plan_text": "\n".join(lines)}


def describe_plan(view: NamespaceView, plan: QueryPlan, size: int) -> list[str]:
    lines: list[str] = []
    step = 1

    def add(text: str) -> None:
        nonlocal step
        lines.append(f"{step}. {text}")
        step += 1

    if plan.filter is not None:
        add(f"filter: evaluate {describe_filter(plan.filter)} on each of {size} documents")
    if plan.aggregations is not None:
        aggs = ", ".join(
            f"{label} = {agg.function}({agg.attr or '*'})" for label, agg in plan.aggregations.items()
        )
        if plan.group_by:
            keys = ", ".join(
                f"{k.out} = ForEachUnique({k.attr})" if k.explode else k.attr for k in plan.group_by
            )
            add(f"group by [{keys}]; per group compute {aggs}; sort groups by key; keep {plan.limit}")
        else:
            add(f"aggregate over the matching documents: {aggs}")
        return lines
    rank = plan.rank
    if isinstance(rank, VectorRank):
        vectors = view.vector_index(rank.attr) if rank.mode == "ANN" and not rank.multi else None
        how = "vector index search" if vectors is not None else "exhaustive distance computation (numpy)"
        kind = "late-interaction sum of closest distances" if rank.multi else rank.metric
        add(f"rank: {rank.mode} on {rank.attr!r} by {kind}, ascending, via {how}")
    elif isinstance(rank, ScoreRank):
        add(f"rank: score = {describe_score(rank.expr)}, descending; documents scoring 0 are dropped")
        for attr in dict.fromkeys(_bm25_attributes(rank.expr)):
            index = view.fulltext(attr)
            if index is not None:
                add(
                    f"BM25 on {attr!r}: inverted index of {index.doc_count} documents, {_ORIGINS[index.origin]}"
                )
    elif isinstance(rank, OrderBy):
        keys = ", ".join(f"{attr} {'desc' if desc else 'asc'}" for attr, desc in rank.keys)
        add(f"rank: order by {keys} (nulls first ascending, last descending)")
    if plan.per is not None:
        add(f"diversify: at most {plan.per.limit} rows per value of ({', '.join(plan.per.attributes)})")
    add(f"window: skip {plan.offset}, keep {plan.limit}")
    attrs = ", ".join(["id", *plan.attributes])
    if plan.compute:
        attrs += "; computed: " + ", ".join(plan.compute)
    add(f"return: {attrs}")
    return lines


def _value(value: Any) -> str:
    if isinstance(value, RefNew):
        return f"$ref_new.{value.attr}"
    if isinstance(value, tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return repr(value) if value is not None else "null"


def describe_filter(node: FilterNode) -> str:
    if isinstance(node, Logical):
        if node.op == "Not":
            return f"Not({describe_filter(node.children[0])})"
        return f"{node.op}(" + ", ".join(describe_filter(c) for c in node.children) + ")"
    if isinstance(node, Compare):
        return f"{node.attr} {node.op} {_value(node.value)}"
    if isinstance(node, PatternMatch):
        return f"{node.attr} {node.op} {node.pattern!r}"
    if isinstance(node, FuzzyMatch):
        return f"{node.attr} Fuzzy {node.query!r}"
    if isinstance(node, TokenMatch):
        source = " (from the full-text index postings)" if node.matching_ids is not None else ""
        return f"{node.attr} {node.op} {node.query!r}{source}"
    return type(node).__name__


_ORIGINS = {
    "documents": "built from the documents when the attribute was indexed, then kept current by writes",
    "snapshot": "loaded from the snapshot, then kept current by writes",
    "query": "built by this query (the namespace had no index for it)",
}


def _bm25_attributes(node: ScoreNode) -> list[str]:
    if isinstance(node, Bm25):
        return [node.attr]
    if isinstance(node, Combine):
        return [attr for child in node.children for attr in _bm25_attributes(child)]
    if isinstance(node, Product | Curve | Distance):
        return _bm25_attributes(node.child)
    return []


def describe_score(node: ScoreNode) -> str:
    if isinstance(node, Bm25):
        prefix = ", last_as_prefix" if node.last_as_prefix else ""
        return f"BM25({node.attr}, {node.query!r}{prefix})"
    if isinstance(node, Combine):
        return f"{node.op}(" + ", ".join(describe_score(c) for c in node.children) + ")"
    if isinstance(node, Product):
        return f"{node.weight:g} * {describe_score(node.child)}"
    if isinstance(node, Curve):
        return (
            f"{node.op}({describe_score(node.child)}, midpoint={node.midpoint:g}, exponent={node.exponent:g})"
        )
    if isinstance(node, Distance):
        return f"|{describe_score(node.child)} - {node.origin:g}|"
    if isinstance(node, AttributeValue):
        return node.attr
    if isinstance(node, Constant):
        return f"{node.value:g}"
    if isinstance(node, FilterTerm):
        return f"[{describe_filter(node.filter)}]"
    if isinstance(node, SparseScore):
        return f"SparseKNN({node.attr}, {len(node.query)} dims)"
    return type(node).__name__
