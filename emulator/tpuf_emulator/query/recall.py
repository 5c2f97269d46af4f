"""``POST /v1/namespaces/{ns}/_debug/recall`` (§9.5): measure ANN recall against exhaustive search.

Samples ``num`` stored vectors (of documents matching ``filters``) (or uses the one query vector of ``rank_by``), runs the ANN path the
query executor uses (the namespace's vector index when it has one) and an exact numpy scan, both over
the documents matching ``filters``, and reports recall@top_k = |ANN ∩ exact| / |exact| averaged over
the samples, plus the mean result counts. With exact search standing in for ANN the recall is 1.0,
which is then the honest answer.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np

from .. import serde_errors
from ..errors import ApiError
from ..filters import compile_filter
from ..language import parse_filter
from ..language.nodes import VectorRank
from ..language.ranking import RankParser
from ..language.shape import expect_bool, expect_int, expect_object, reject_unknown_keys
from ..schema.values import encode_vector
from ..seams import NamespaceView
from .vector_search import vector_search

RECALL_FIELDS = ("num", "top_k", "filters", "rank_by", "include_ground_truth")


def _default_vector_attr(view: NamespaceView) -> str:
    dense = [n for n, a in view.schema.attributes.items() if a.type.kind == "vector"]
    if "vector" in dense:
        return "vector"
    if dense:
        return dense[0]
    raise ApiError(400, "recall: the namespace has no dense vector attribute to evaluate")


def recall(view: NamespaceView, body: Any) -> dict[str, Any]:
    body = expect_object(body if body is not None else {}, "", serde_errors.struct("RecallRequest"))
    reject_unknown_keys(body, RECALL_FIELDS, "")
    top_k = expect_int(body.get("top_k", 10) if body.get("top_k") is not None else 10, "top_k", 1, 10_000)
    num = body.get("num")
    include_truth = expect_bool(body.get("include_ground_truth", False), "include_ground_truth")
    tree = parse_filter(body["filters"], view.schema) if body.get("filters") is not None else None
    docs = view.documents()
    candidates = None
    if tree is not None:
        test = compile_filter(tree)
        candidates = {i: d for i, d in docs.items() if test(d, None)}
    if body.get("rank_by") is not None:
        if num is not None and expect_int(num, "num") != 1:
            raise ApiError(400, "num: must be null or 1 when rank_by is given")
        rank = RankParser(view.schema, view.distance_metric).rank_by(body["rank_by"])
        if not isinstance(rank, VectorRank):
            raise ApiError(400, 'rank_by: recall evaluates vector search; give [attr, "ANN", vector]')
        attr, queries = rank.attr, [rank.query]
    else:
        count = expect_int(num if num is not None else 25, "num", 1, 10_000)
        attr = _default_vector_attr(view)
        pool = docs if candidates is None else candidates  # sample among the documents the filter keeps
        stored = [doc[attr] for doc in pool.values() if doc.get(attr) is not None]
        queries = random.sample(stored, min(count, len(stored)))
    metric_attr = view.schema.get(attr)
    assert metric_attr is not None  # _default_vector_attr picked it from the schema
    metric = RankParser(view.schema, view.distance_metric).metric_for(metric_attr)
    recalls: list[float] = []
    ann_counts: list[int] = []
    exact_counts: list[int] = []
    truth: list[dict[str, Any]] = []
    for query in queries:
        query = np.asarray(query, dtype=np.float32)
        ann = vector_search(view, VectorRank(attr, "ANN", query, metric), candidates, top_k).ranked
        exact = vector_search(view, VectorRank(attr, "kNN", query, metric), candidates, top_k).ranked
        exact_ids = {i for i, _ in exact}
        if exact_ids:
            recalls.append(len(exact_ids & {i for i, _ in ann}) / len(exact_ids))
        ann_counts.append(len(ann))
        exact_counts.append(len(exact))
        if include_truth:
            truth.append(
                {
                    "query_vector": encode_vector(query),
                    "nearest_neighbors": [
                        {"id": i, "$dist": d, attr: encode_vector(docs[i][attr])} for i, d in exact
                    ],
                }
            )
    response: dict[str, Any] = {
        "avg_recall": float(np.mean(recalls)) if recalls else 1.0,
        "avg_exhaustive_count": float(np.mean(exact_counts)) if exact_counts else 0.0,
        "avg_ann_count": float(np.mean(ann_counts)) if ann_counts else 0.0,
    }
    if include_truth:
        response["ground_truth"] = truth
    return response
