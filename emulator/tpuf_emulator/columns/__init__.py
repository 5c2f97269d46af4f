"""Attribute columns of a namespace and the vectorised ordering, grouping and aggregation over them.

``ColumnStore`` (``store.py``) holds ids <-> rows (``rowmap.py``) and one typed column with a null
mask per attribute a query used (``typed.py``), kept current by every write. ``ordering.py``,
``aggregate.py`` answer ``rank_by`` attribute orders and ``aggregate_by``/``group_by`` from them with
the reference implementation's exact results; ``dispatch.py`` is what the query layer calls.
Measurements and choices (numpy over pyarrow, lazy columns): ``README.md``.
"""

from .aggregate import aggregate_rows, group_rows
from .dispatch import aggregated, ordered_documents
from .keys import key_at
from .ordering import order_rows
from .store import ColumnStore

__all__ = [
    "ColumnStore",
    "aggregate_rows",
    "aggregated",
    "group_rows",
    "key_at",
    "order_rows",
    "ordered_documents",
]
