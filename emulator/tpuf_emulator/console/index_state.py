"""The ANN and BM25 index state of one namespace, for the console's live view."""

from __future__ import annotations

from typing import Any

from ..namespaces.namespace import Namespace


def index_state(ns: Namespace) -> dict[str, Any]:
    built = ns.built_vector_indexes()
    ann = {}
    for attr in ns.vector_attributes():
        index = built.get(attr)
        ann[attr] = {
            "state": "not built yet (built by the first ANN query)" if index is None else (
                "updating" if index.indexing_backlog else "up-to-date"),
            "rows": 0 if index is None else len(index),
            "unindexed_rows": 0 if index is None else int(index.unindexed_count),
        }  # fmt: skip
    bm25 = {
        attr: {"state": "up-to-date", "documents": index.doc_count}
        for attr, index in sorted(ns.fulltext_indexes().items())
    }
    return {"namespace": ns.name, "rows": ns.row_count, "ann": ann, "bm25": bm25}
