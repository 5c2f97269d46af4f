"""Query execution: filter -> rank -> diversify (``limit.per``) -> offset/limit -> rows; or aggregations.

The caller (``namespaces/``) holds the namespace's read lock for the whole call, so every sub-query of
a multi-query reads the same snapshot. The response is the complete JSON body, with ``billing`` and
``performance`` describing what this execution actually did:

* ``performance.server_total_ms`` / ``query_execution_ms``: measured wall time of the execution;
  ``exhaustive_search_count``: documents whose vector distance or score was computed by a scan
  rather than an index; ``approx_namespace_size``: documents in the namespace; the cache is in
  memory, so ``cache_hit_ratio`` is 1.0 and ``cache_temperature`` ``"hot"``;
  ``last_included_write_at``: the namespace's newest write (every acknowledged write is visible).
* ``billing.billable_logical_bytes_queried``: logical bytes of the namespace the query read (the
  namespace's logical size for each sub-query; no per-query minimum is applied);
  ``billable_logical_bytes_returned``: size of the returned rows as JSON.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from .. import serde_errors
from ..columns import aggregated, filtered_candidates, in_document_order, ordered_documents, vectorised
from ..deadline import paced
from ..filters import compile_filter
from ..language import parse_multi_query, parse_query
from ..language.nodes import Bm25 as Bm25Node
from ..language.nodes import Combine as CombineNode
from ..language.nodes import Curve as CurveNode
from ..language.nodes import Distance as DistanceNode
from ..language.nodes import (
    FilterNode,
    FilterTerm,
    Logical,
    MultiQueryPlan,
    OrderBy,
    QueryPlan,
    ScoreNode,
    ScoreRank,
    TokenMatch,
    VectorRank,
)
from ..language.nodes import Product as ProductNode
from ..ranking import diversify, order_documents, rank_by_score, rrf_fuse
from ..schema.values import format_datetime
from ..seams import NamespaceView, fulltext_index
from .aggregate import aggregate, aggregate_groups
from .rows import render_rows
from .vector_search import vector_search

FEW_CANDIDATES = 256  # narrowed by the filter index to at most this many ids: test them one by one
# ... unless the columns can evaluate the whole filter: a mask costs ~1 ns a row plus ~20 us, testing
# a document ~0.4 us (21k rows, 1% range filter: 0.19 ms one by one, 0.03 ms as a mask)
FEW_VECTORISED = 64
FEW_VECTORISED_DIVISOR = 512


@dataclass
class Stats:
    """What an execution did, for the performance and billing objects."""

    exhaustive: int = 0
    bytes_queried: int = 0
    bytes_returned: int = 0


def execute_query(view: NamespaceView, body: Any) -> dict[str, Any]:
    """Run a single query or a multi-query (told apart by ``queries``) and return the response body."""
    started = time.perf_counter()
    if not isinstance(body, dict):
        raise serde_errors.invalid_type("", body, serde_errors.struct("QueryRequest"))
    stats = Stats()
    if "queries" in body:
        plan = parse_multi_query(body, view.schema, view.distance_metric)
        response = run_multi_query(view, plan, stats)
    else:
        single = parse_query(body, view.schema, view.distance_metric)
        response = run_query(view, single, single.vector_encoding, stats)
    stats.bytes_returned = len(orjson.dumps(response.get("rows") or response.get("results") or response))
    response["billing"] = {
        "billable_logical_bytes_queried": stats.bytes_queried,
        "billable_logical_bytes_returned": stats.bytes_returned,
    }
    response["performance"] = performance(view, started, stats)
    return response


def performance(view: NamespaceView, started: float, stats: Stats) -> dict[str, Any]:
    elapsed = int(round((time.perf_counter() - started) * 1000))
    out: dict[str, Any] = {
        "cache_hit_ratio": 1.0,
        "cache_temperature": "hot",
        "server_total_ms": elapsed,
        "query_execution_ms": elapsed,
        "exhaustive_search_count": stats.exhaustive,
        "approx_namespace_size": len(view.documents()),
    }
    if view.last_write_at is not None:
        out["last_included_write_at"] = format_datetime(view.last_write_at)
    return out


def namespace_bytes(view: NamespaceView) -> int:
    """The namespace's logical size, as the namespace maintains it."""
    return view.logical_bytes


# ---------------------------------------------------------------------------------------------- single query


def run_query(view: NamespaceView, plan: QueryPlan, vector_encoding: str, stats: Stats) -> dict[str, Any]:
    """Execute one parsed query and return its result object (rows, aggregations or groups)."""
    docs = view.documents()
    stats.bytes_queried += namespace_bytes(view)
    _bind_indexes(view, plan)
    candidates = _filtered(docs, plan.filter, view, keep_order=_ties_possible(plan))
    if plan.aggregations is not None:
        answer = aggregated(view, candidates, plan.aggregations, plan.group_by, plan.limit)
        if answer is not None:  # the columns answered (columns/); else the per-document reference
            return answer
        matching = docs.values() if candidates is None else candidates.values()
        if plan.group_by is not None:
            groups = aggregate_groups(matching, plan.aggregations, plan.group_by, view.schema, plan.limit)
            return {"aggregation_groups": groups}
        return {"aggregations": aggregate(matching, plan.aggregations, view.schema)}
    ranked = _rank(view, plan, docs, candidates, stats)
    if plan.per is not None:
        ranked = list(diversify(ranked, plan.per.attributes, plan.per.limit))
    window = ranked[plan.offset : plan.offset + plan.limit]
    return {"rows": render_rows(view, plan, window, vector_encoding)}


def _ties_possible(plan: QueryPlan) -> bool:
    """Whether filtered candidates must stay in document order, which breaks ties of the ranking.

    Not for ANN (the index takes the candidates as a set) nor for an order that includes ``id``
    (ids are unique: no ties). Restoring document order walks the whole namespace, which made a
    1M-document ``id In [...]`` lookup take 24 ms instead of well under one.
    """
    rank = plan.rank
    if isinstance(rank, VectorRank):
        return not (rank.mode == "ANN" and not rank.multi and plan.aggregations is None)
    if isinstance(rank, OrderBy):
        return all(attr != "id" for attr, _ in rank.keys)
    return True


def _filtered(
    docs: Mapping[Any, dict[str, Any]],
    tree: FilterNode | None,
    view: NamespaceView | None = None,
    keep_order: bool = True,
) -> Mapping[Any, dict[str, Any]] | None:
    """The documents satisfying ``tree``, in document order when ``keep_order`` (or None: no filter).

    Over the columns (``columns/masks.py``: numpy masks, per-row reference only for leaves it cannot
    express) unless the filter index narrows the tree to a few ids: testing those few documents is
    cheaper than any pass over every row.
    """
    if tree is None:
        return None
    test = compile_filter(tree)
    index = None if view is None else view.filter_index()  # postings narrow equality filters (filterindex/)
    masks = view is not None and vectorised(tree)
    if masks:
        at_most: int | None = max(FEW_VECTORISED, len(docs) // FEW_VECTORISED_DIVISOR)
    else:
        at_most = None
    narrowed = index.candidates(tree, at_most) if index is not None else None
    few = narrowed is not None and len(narrowed) <= (at_most or max(FEW_CANDIDATES, len(docs) // 64))
    if view is not None and not few and (masks or narrowed is None):
        return filtered_candidates(view, tree)
    if narrowed is not None and len(narrowed) < len(docs):
        hits = {i: docs[i] for i in paced(narrowed) if i in docs and test(docs[i], None)}
        if keep_order and len(hits) > 1:  # document order, so ties rank as without the index
            if view is not None:
                return in_document_order(view, hits)
            return {i: hits[i] for i in docs if i in hits}
        return hits
    return {doc_id: doc for doc_id, doc in paced(docs.items()) if test(doc, None)}


def _rank(
    view: NamespaceView,
    plan: QueryPlan,
    docs: Mapping[Any, dict[str, Any]],
    candidates: Mapping[Any, dict[str, Any]] | None,
    stats: Stats,
) -> list[tuple[dict[str, Any], float | None]]:
    rank = plan.rank
    wanted = plan.offset + plan.limit
    if isinstance(rank, VectorRank):
        pool_size = len(docs) if candidates is None else len(candidates)
        k = pool_size if plan.per is not None else wanted
        result = vector_search(view, rank, candidates, k)
        stats.exhaustive += result.scanned
        return [(docs[i], d) for i, d in result.ranked]
    if isinstance(rank, ScoreRank) and isinstance(rank.expr, Bm25Node):
        # A plain BM25 rank: scored and cut to the top k by the index itself (fulltext/topk.py),
        # in the same order rank_by_score gives, without a dict of every match.
        node = rank.expr
        index = fulltext_index(view, node.attr)
        hits = index.bm25_top(node.query, node.last_as_prefix, None if plan.per is not None else wanted,
                              None if candidates is None else candidates.keys())  # fmt: skip
        return [(docs[i], s) for i, s in hits]
    if isinstance(rank, ScoreRank):
        pool = docs if candidates is None else candidates
        scored = rank_by_score(view, rank.expr, pool, None if plan.per is not None else wanted)
        stats.exhaustive += _scanned_by_score(rank.expr, len(pool))
        return [(docs[i], s) for i, s in scored]
    assert isinstance(rank, OrderBy)
    top: int | None = None if plan.per else wanted
    ordered = ordered_documents(view, candidates, rank.keys, top)  # columns/, when they hold the keys
    if ordered is None:
        pool_docs = list((docs if candidates is None else candidates).values())
        ordered = order_documents(pool_docs, rank.keys, top)
    return [(doc, None) for doc in ordered]


def _scanned_by_score(node: ScoreNode, pool_size: int) -> int:
    """Score terms other than BM25 are computed by scanning the candidates."""
    from ..language.nodes import Bm25

    if isinstance(node, Bm25):
        return 0
    if isinstance(node, CombineNode):
        return max((_scanned_by_score(c, pool_size) for c in node.children), default=0)
    if isinstance(node, ProductNode | CurveNode | DistanceNode):
        return _scanned_by_score(node.child, pool_size)
    return pool_size


def _bind_indexes(view: NamespaceView, plan: QueryPlan) -> None:
    """Give token filters the matching ids from the attribute's full-text index (fast path)."""
    trees: list[FilterNode] = [plan.filter] if plan.filter is not None else []
    if isinstance(plan.rank, ScoreRank):
        trees.extend(_score_filters(plan.rank.expr))
    for tree in trees:
        _bind_filter(view, tree)


def _score_filters(node: ScoreNode) -> list[FilterNode]:
    if isinstance(node, FilterTerm):
        return [node.filter]
    if isinstance(node, CombineNode):
        return [f for child in node.children for f in _score_filters(child)]
    if isinstance(node, ProductNode | CurveNode | DistanceNode):
        return _score_filters(node.child)
    return []


def _bind_filter(view: NamespaceView, node: FilterNode) -> None:
    if isinstance(node, Logical):
        for child in node.children:
            _bind_filter(view, child)
    elif isinstance(node, TokenMatch) and node.matching_ids is None and node.compiled is None:
        index = view.fulltext(node.attr)
        if index is not None:
            node.matching_ids = node.matcher.matching_ids(index)


# ---------------------------------------------------------------------------------------------- multi-query


def run_multi_query(view: NamespaceView, plan: MultiQueryPlan, stats: Stats) -> dict[str, Any]:
    results = [run_query(view, sub, plan.vector_encoding, stats) for sub in plan.queries]
    if plan.rerank is None:
        return {"results": results}
    lists = [result.get("rows", []) for result in results]
    fused = rrf_fuse(
        [[row["id"] for row in rows] for rows in lists], plan.rerank.rank_constant, plan.rerank.weights
    )
    merged: dict[Any, dict[str, Any]] = {}
    for rows in lists:
        for row in rows:
            target = merged.setdefault(row["id"], {})
            for key, value in row.items():
                if key != "$dist" and key not in target:
                    target[key] = value
    limit = plan.limit if plan.limit is not None else max((q.limit for q in plan.queries), default=0)
    window = fused[plan.offset : plan.offset + limit]
    rows = []
    for doc_id, score in window:
        row = {"id": doc_id, "$dist": score}
        row.update({k: v for k, v in merged[doc_id].items() if k != "id"})
        rows.append(row)
    return {"results": [{"rows": rows}]}
