"""Turn ranked documents into response rows: ``id``, ``$dist``, selected attributes, computed attributes.

Attributes are rendered with the value codec (datetimes as ISO text, vectors as shortest float32
numbers or base64). A null attribute is omitted from the row, except when ``include_attributes``
listed it by name: then it is returned as ``null`` so clients reading ``row.attr`` find it. The
``vector`` key is never ``null``: the hosted service omits it (the spec's ``Row.vector`` is not nullable).
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
from .vector_search import row_distance


def render_rows(
    view: Any, plan: QueryPlan, ranked: list[tuple[dict[str, Any], float | None]], vector_encoding: str
) -> list[dict[str, Any]]:
    schema = view.schema
    selected = [(name, schema.get(name)) for name in plan.attributes]
    explicit = plan.attributes_explicit
    rows: list[dict[str, Any]] = []
    for doc, dist in ranked:
        row: dict[str, Any] = {"id": doc["id"]}
        if dist is not None:
            row["$dist"] = dist
        for name, attr_schema in selected:
            value = doc.get(name)
            if value is None:
                if explicit and name != "vector":
                    row[name] = None
            else:
                row[name] = encode_value(attr_schema, value, vector_encoding) if attr_schema else value
        rows.append(row)
    if plan.compute and rows:
        _add_computed(view, plan, ranked, rows)
    return rows


def _add_computed(
    view: Any, plan: QueryPlan, ranked: list[tuple[dict[str, Any], float | None]], rows: list[dict[str, Any]]
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
            index = view.fulltext(node.attr)
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
