"""Where the query layer hands ordering and aggregation to the columns.

Each function returns None when the columns cannot answer exactly (an attribute the columns do not
hold, or a case they cannot answer exactly): the caller then runs the per-document reference
(``ranking/ordering.py``, ``query/aggregate.py``), which stays the definition of the results.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..language.nodes import Aggregate, FilterNode, GroupKey
from ..seams import NamespaceView
from .aggregate import aggregate_rows, group_rows
from .candidates import RowCandidates
from .keys import key_at
from .masks import filter_mask
from .ordering import order_rows
from .store import ColumnStore

Array = np.ndarray[Any, Any]
Docs = Mapping[Any, dict[str, Any]]


def _store(view: NamespaceView) -> ColumnStore:
    return view.columns()


def _rows(store: ColumnStore, candidates: Docs | None) -> Array:
    rowmap = store.rowmap
    if isinstance(candidates, RowCandidates) and candidates.rowmap is rowmap:
        return candidates.rows
    return rowmap.live_rows() if candidates is None else rowmap.rows_of(candidates.keys())


def filtered_candidates(view: NamespaceView, tree: FilterNode) -> RowCandidates:
    """The documents satisfying ``tree``, evaluated over the columns (``masks.py``), in document order."""
    store, docs = _store(view), view.documents()
    return RowCandidates(store.rowmap, docs, filter_mask(store, view.schema, docs, tree))


def in_document_order(view: NamespaceView, ids: Docs) -> RowCandidates:
    """The documents of ``ids`` (live ids, e.g. a filter's hits) as candidates in document order."""
    store = _store(view)
    mask = np.zeros(store.rowmap.rows, dtype=np.bool_)
    mask[store.rowmap.rows_of(ids.keys())] = True
    return RowCandidates(store.rowmap, view.documents(), mask)


def candidate_vector_rows(view: NamespaceView, attr: str, candidates: Docs | None) -> Array | None:
    """The rows in ``attr``'s vector column of the candidates that have a vector (any order), or
    None when the candidates are not rows of the column store (then the index looks ids up)."""
    if not isinstance(candidates, RowCandidates):
        return None
    store = _store(view)
    if candidates.rowmap is not store.rowmap:
        return None
    positions = store.vector_rows(attr)
    if positions is None:
        return None
    found: Array = positions[candidates.rows]
    return found[found >= 0]


def ordered_documents(
    view: NamespaceView, candidates: Docs | None, keys: list[tuple[str, bool]], k: int | None
) -> list[dict[str, Any]] | None:
    """The documents (all, or ``candidates``) ordered by ``keys``, first ``k`` only when given."""
    store = _store(view)
    rows = _rows(store, candidates)
    sort_keys = []
    for attr, desc in keys:
        key = key_at(store, attr, view.schema, rows)
        if key is None:
            return None
        sort_keys.append((key, desc))
    docs, ids = view.documents(), store.rowmap.ids
    return [docs[ids[row]] for row in order_rows(rows, sort_keys, k).tolist()]


def aggregated(
    view: NamespaceView,
    candidates: Docs | None,
    aggregations: dict[str, Aggregate],
    group_by: list[GroupKey] | None,
    limit: int,
) -> dict[str, Any] | None:
    """The response object of an ``aggregate_by`` query (``aggregations`` or ``aggregation_groups``)."""
    store = _store(view)
    rows = _rows(store, candidates)
    if group_by is not None:
        groups = group_rows(store, view.schema, rows, aggregations, group_by, limit)
        return None if groups is None else {"aggregation_groups": groups}
    values = aggregate_rows(store, view.schema, rows, aggregations)
    return None if values is None else {"aggregations": values}
