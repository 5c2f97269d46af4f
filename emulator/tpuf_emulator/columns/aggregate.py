"""``aggregate_by`` and ``group_by`` over columns, vectorised, with the reference's exact output
(``query/aggregate.py``):

* ``Count`` counts rows; ``["Count", attr]`` the rows where ``attr`` is set.
* ``Sum`` of a float attribute adds in document order starting from 0.0, like the reference's
  running sum: ``np.cumsum`` (sequential, unlike ``np.sum``'s pairwise sum) and, per group,
  ``np.bincount`` with weights (one sequential pass) give the same float bits. An int/uint sum is
  exact: int64 when it cannot overflow, Python ints otherwise (ungrouped) or the reference path
  (grouped).
* Groups: one per distinct tuple of key values, null its own group ordered first, groups sorted by
  key tuple and cut to ``limit``. Each key becomes codes (0 = null, then values ascending:
  dictionary ranks for strings, ``np.unique`` for numbers) combined in mixed radix, so counting
  (``np.bincount``) or one ``np.unique`` of the combined codes numbers the groups in order. A group's key values are read
  from its first row in document order, as the reference keeps the first value it met.

``None`` means "the columns cannot answer exactly" (``ForEachUnique``, ``id`` keys, a string id
namespace, arrays...): the caller then runs the reference.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..language.nodes import Aggregate, GroupKey
from ..schema.model import Schema
from ..schema.values import encode_value
from .keys import key_at
from .store import ColumnStore
from .typed import NumericColumn

Array = np.ndarray[Any, Any]
_INT64_LIMIT = 2**63
_RADIX_LIMIT = 2**62
COUNTING_MIN_CODES = 1 << 16  # combined codes are counted in arrays up to max(this, rows x factor),
COUNTING_ROWS_FACTOR = 4  # sorted (np.unique) beyond


def _set_mask(store: ColumnStore, attr: str, schema: Schema, rows: Array) -> Array | None:
    """Where ``attr`` is set among ``rows`` (all of them for ``id``), or None when unknown."""
    if attr == "id":
        return np.ones(len(rows), dtype=np.bool_)
    if schema.get(attr) is None:
        return np.zeros(len(rows), dtype=np.bool_)
    column = store.column(attr, schema)
    return None if column is None else column.present[rows]


def _summed(store: ColumnStore, attr: str, schema: Schema, rows: Array) -> tuple[Array, Array] | None:
    """(values, set-mask) of a numeric attribute over ``rows`` (an attribute not in the schema sums to 0)."""
    if schema.get(attr) is None:
        return np.zeros(len(rows), dtype=np.int64), np.zeros(len(rows), dtype=np.bool_)
    column = store.column(attr, schema)
    if not isinstance(column, NumericColumn) or column.type_text not in ("int", "uint", "float"):
        return None
    return column.values[rows], column.present[rows]


def _exact_int_sum(values: Array) -> int:
    if len(values) == 0:
        return 0
    bound = max(abs(int(values.min())), abs(int(values.max())))
    if bound * len(values) < _INT64_LIMIT:
        return int(values.astype(np.int64).sum())
    return sum(values.tolist())


def aggregate_rows(
    store: ColumnStore, schema: Schema, rows: Array, aggregations: dict[str, Aggregate]
) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    for label, agg in aggregations.items():
        if agg.function == "Count":
            if agg.attr is None:
                out[label] = len(rows)
                continue
            mask = _set_mask(store, agg.attr, schema, rows)
            if mask is None:
                return None
            out[label] = int(mask.sum())
            continue
        summed = _summed(store, agg.attr or "", schema, rows)
        if summed is None:
            return None
        values, present = summed
        values = values[present]
        if values.dtype == np.float64:
            with np.errstate(over="ignore"):  # inf, as the reference's float additions give
                out[label] = float(np.cumsum(values)[-1]) + 0.0 if len(values) else 0.0
        else:
            out[label] = _exact_int_sum(values)
    return out


def _codes(store: ColumnStore, key: GroupKey, schema: Schema, rows: Array) -> tuple[Array, int, Any] | None:
    """Codes of one group key over ``rows`` that sort like its values, 0 for null; how many codes
    there can be; and the key's value reader. Dictionary and bool keys use their ordinals as they
    are; other keys are made dense by ``np.unique``."""
    if key.explode or key.attr == "id":
        return None
    found = key_at(store, key.attr, schema, rows)
    if found is None:
        return None
    if found.span is not None:
        return np.where(found.present, found.ordinal.astype(np.int64) + 1, 0), found.span + 1, found.values
    codes = np.zeros(len(rows), dtype=np.int64)
    distinct = 0
    if found.present.any():
        unique, inverse = np.unique(found.ordinal[found.present], return_inverse=True)
        codes[found.present] = inverse + 1
        distinct = len(unique)
    return codes, distinct + 1, found.values


def _groups(combined: Array, radix: int) -> tuple[Array, Array, int]:
    """(group of each row, first row of each group, number of groups); groups numbered in code order."""
    n = len(combined)
    if radix > max(
        COUNTING_ROWS_FACTOR * n, COUNTING_MIN_CODES
    ):  # codes too sparse for counting arrays: sort them
        _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
        return inverse, first, len(first)
    counts = np.bincount(combined, minlength=radix)
    used = counts > 0
    number = np.cumsum(used) - 1
    first = np.full(radix, n, dtype=np.int64)
    np.minimum.at(first, combined, np.arange(n, dtype=np.int64))
    return number[combined], first[used], int(used.sum())


def group_rows(
    store: ColumnStore,
    schema: Schema,
    rows: Array,
    aggregations: dict[str, Aggregate],
    keys: list[GroupKey],
    limit: int,
) -> list[dict[str, Any]] | None:
    combined = np.zeros(len(rows), dtype=np.int64)
    radix = 1
    per_key = []
    for key in keys:
        coded = _codes(store, key, schema, rows)
        if coded is None:
            return None
        codes, cardinality, reader = coded
        radix *= cardinality
        if radix >= _RADIX_LIMIT:
            return None
        combined = combined * cardinality + codes
        per_key.append((key, codes, reader))
    if len(rows) == 0:
        return []
    inverse, first, groups = _groups(combined, radix)
    totals = _group_aggregates(store, schema, rows, aggregations, inverse, groups)
    if totals is None:
        return None
    shown = min(groups, limit)
    leaders = first[:shown]
    columns: list[tuple[str, list[Any]]] = []
    for key, codes, reader in per_key:
        attr = schema.get(key.attr)
        leader_codes = codes[leaders]
        set_leaders = rows[leaders[leader_codes != 0]]  # a null key has no value to read
        values = iter(reader(set_leaders))
        encoded = [
            None if code == 0 else (encode_value(attr.type, value) if attr is not None else value)
            for code in leader_codes.tolist()
            for value in ((None,) if code == 0 else (next(values),))
        ]
        columns.append((key.out, encoded))
    out: list[dict[str, Any]] = []
    for g in range(shown):
        row: dict[str, Any] = {name: values[g] for name, values in columns}
        for label, total in totals.items():
            row[label] = total[g]
        out.append(row)
    return out


def _group_aggregates(
    store: ColumnStore,
    schema: Schema,
    rows: Array,
    aggregations: dict[str, Aggregate],
    inverse: Array,
    groups: int,
) -> dict[str, list[Any]] | None:
    out: dict[str, list[Any]] = {}
    for label, agg in aggregations.items():
        if agg.function == "Count":
            mask = None if agg.attr is None else _set_mask(store, agg.attr, schema, rows)
            if agg.attr is not None and mask is None:
                return None
            members = inverse if mask is None else inverse[mask]
            out[label] = np.bincount(members, minlength=groups).tolist()
            continue
        summed = _summed(store, agg.attr or "", schema, rows)
        if summed is None:
            return None
        values, present = summed
        members, values = inverse[present], values[present]
        if values.dtype == np.float64:
            with np.errstate(over="ignore"):
                sums = np.bincount(members, weights=values, minlength=groups)  # int zeros when empty
            out[label] = sums.astype(np.float64).tolist()
            continue
        if len(values) and max(abs(int(values.min())), abs(int(values.max()))) * len(values) >= _INT64_LIMIT:
            return None
        totals = np.zeros(groups, dtype=np.int64)
        np.add.at(totals, members, values.astype(np.int64))
        out[label] = totals.tolist()
    return out
