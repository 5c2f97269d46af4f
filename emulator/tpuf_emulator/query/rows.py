"""Turn ranked documents into response rows: ``id``, ``$dist``, selected attributes, computed attributes.

Attributes are rendered with the value codec (datetimes as ISO text, vectors as shortest float32
numbers or base64). An attribute that is null (or missing) for the document is OMITTED from its
row, also when ``include_attributes`` names it explicitly: the hosted service answers a document
without ``hello`` queried with ``include_attributes: ["hello", "vector"]`` with
``{"id", "vector", "$dist"}`` and nothing else (reference §4.2). Every row-shaped answer follows
this rule: single queries, each result of a multi-query and the fused rows of RRF (built from
those rows). The one exception is the legacy column-oriented export (``GET /v1/namespaces/{ns}``,
``namespaces/export.py``): its columns must stay aligned with ``ids``, so a missing value is a
``null`` placeholder there, as in the v1 format (reference A.3).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..fulltext.highlight import highlight
from ..language.nodes import (
    Bm25,
    Combine,
    Curve,
    Distance,
    HighlightCompute,
    Product,
    QueryPlan,
    RankCompute,
    ScoreCompute,
    ScoreNode,
    ScoreRank,
    VectorDistCompute,
)
from ..ranking import ScoreEvaluator, finite_score
from ..schema.values import encode_value
from ..seams import NamespaceView, fulltext_index
from .vector_search import row_distance


def render_rows(
    view: NamespaceView,
    plan: QueryPlan,
    ranked: list[tuple[dict[str, Any], float | None]],
    vector_encoding: str,
) -> list[dict[str, Any]]:
    schema = view.schema
    selected = [(name, schema.get(name)) for name in plan.attributes]
    rows: list[dict[str, Any]] = []
    for doc, dist in ranked:
        row: dict[str, Any] = {"id": doc["id"]}
        if dist is not None:
            row["$dist"] = dist
        for name, attr_schema in selected:
            value = doc.get(name)
            if value is not None:
                row[name] = encode_value(attr_schema, value, vector_encoding) if attr_schema else value
        rows.append(row)
    if plan.compute and rows:
        _add_computed(view, plan, ranked, rows)
    return rows


def _add_computed(
    view: NamespaceView,
    plan: QueryPlan,
    ranked: list[tuple[dict[str, Any], float | None]],
    rows: list[dict[str, Any]],
) -> None:
    returned: Mapping[Any, dict[str, Any]] = {doc["id"]: doc for doc, _ in ranked}
    for name, node in plan.compute.items():
        if isinstance(node, VectorDistCompute | RankCompute):
            spec = node.rank if isinstance(node, RankCompute) else node
            for (doc, _), row in zip(ranked, rows, strict=True):
                row[name] = row_distance(spec.attr, spec.metric, spec.multi, spec.query, doc)
        elif isinstance(node, ScoreCompute):
            scores = ScoreEvaluator(view, returned).evaluate(node.expr)
            for row in rows:
                value = scores.get(row["id"], 0.0)
                row[name] = finite_score(value)
        elif isinstance(node, HighlightCompute):
            index = fulltext_index(view, node.attr)
            query = _bm25_query_for(plan, node.attr, index)
            for (doc, _), row in zip(ranked, rows, strict=True):
                row[name] = highlight(
                    doc.get(node.attr), index, query, node.config, where=f"compute_attributes.{name}"
                )


def _bm25_query_for(plan: QueryPlan, attr: str, index: Any) -> Any:
    """The analysed query of the first BM25 clause on ``attr`` in the query's rank_by (or None)."""
    if not isinstance(plan.rank, ScoreRank):
        return None
    found = _find_bm25(plan.rank.expr, attr)
    if found is None:
        return None
    return index.analyzer.query(found.query, last_as_prefix=found.last_as_prefix)


def _find_bm25(node: ScoreNode, attr: str) -> Bm25 | None:
    if isinstance(node, Bm25):
        return node if node.attr == attr else None
    children: list[ScoreNode] = []
    if isinstance(node, Combine):
        children = node.children
    elif isinstance(node, Product | Curve | Distance):
        children = [node.child]
    for child in children:
        found = _find_bm25(child, attr)
        if found is not None:
            return found
    return None
