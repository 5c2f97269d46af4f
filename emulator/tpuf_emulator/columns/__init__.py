"""Attribute columns of a namespace and the vectorised ordering, grouping and aggregation over them.

``ColumnStore`` (``store.py``) holds ids <-> rows (``rowmap.py``) and one typed column with a null
mask per attribute a query used (``typed.py``), kept current by every write. ``ordering.py``,
``aggregate.py`` answer ``rank_by`` attribute orders and ``aggregate_by``/``group_by`` from them with
the reference implementation's exact results; ``masks.py`` evaluates filters as row masks
(``candidates.py`` carries the matching rows); ``dispatch.py`` is what the query layer calls.
Measurements and choices (numpy over pyarrow, lazy columns): ``README.md``.
"""

from .aggregate import aggregate_rows, group_rows
from .candidates import RowCandidates
from .dispatch import (
    aggregated,
    candidate_vector_rows,
    filtered_candidates,
    in_document_order,
    ordered_documents,
)
from .keys import key_at
from .masks import filter_mask, vectorised
from .ordering import order_rows
from .store import ColumnStore

__all__ = [
    "ColumnStore",
    "RowCandidates",
    "aggregate_rows",
    "aggregated",
    "candidate_vector_rows",
    "filter_mask",
    "filtered_candidates",
    "group_rows",
    "in_document_order",
    "key_at",
    "order_rows",
    "ordered_documents",
    "vectorised",
]
