"""An attribute (or ``id``) of selected rows as sort keys: a null mask and an ordinal array.

``ordinal`` compares like the values (numbers as themselves, bools as 0/1, strings by their rank
in the dictionary's sorted order) and holds 0 where the value is null, so two nulls tie. ``None``
from ``key_at`` means the columns cannot express this key and the caller must use the
per-document reference path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..schema.model import Schema
from .store import ColumnStore
from .typed import DictionaryColumn, NumericColumn

Array = np.ndarray[Any, Any]


@dataclass
class Key:
    present: Array  # bool, one per selected row
    ordinal: Array  # int64 / uint64 / uint8 / float64, one per selected row, 0 where null
    values: Callable[[Array], list[Any]]  # Python values of absolute rows (only present ones asked)
    span: int | None = None  # when known: every ordinal of a set value is in range(span)


def _no_values(rows: Array) -> list[Any]:
    return [None] * len(rows)


def key_at(store: ColumnStore, attr: str, schema: Schema, rows: Array) -> Key | None:
    """The key of ``attr`` over ``rows`` (absolute, ascending), or None when columns cannot hold it."""
    if attr == "id":
        int_ids = store.rowmap.int_ids
        if int_ids is None:
            return None
        ids = store.rowmap.ids
        return Key(np.ones(len(rows), dtype=np.bool_), int_ids[rows], lambda r: [ids[i] for i in r.tolist()])
    if schema.get(attr) is None:  # no document holds an attribute the schema lacks: all null
        return Key(np.zeros(len(rows), dtype=np.bool_), np.zeros(len(rows), dtype=np.int64), _no_values)
    column = store.column(attr, schema)
    present = None if column is None else column.present[rows]
    if isinstance(column, NumericColumn):
        assert present is not None
        values = column.values[rows]
        if values.dtype == np.bool_:
            values = values.view(np.uint8)
        span = 2 if values.dtype == np.uint8 else None
        return Key(present, np.where(present, values, values.dtype.type(0)), column.python_values, span)
    if isinstance(column, DictionaryColumn):
        assert present is not None
        ranks = column.ranks()
        ordinal = np.where(present, ranks[column.codes[rows]] if len(ranks) else 0, 0).astype(np.int64)
        return Key(present, ordinal, column.python_values, len(ranks))
    return None


def descending(ordinal: Array) -> Array:
    """An array that sorts ascending in the reverse order of ``ordinal`` (no overflow for any dtype)."""
    if ordinal.dtype.kind == "f":
        return -ordinal
    return ~ordinal
