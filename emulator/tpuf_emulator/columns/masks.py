"""Filter trees evaluated as boolean row masks over the columns (``store.py``), not document by document.

The per-document evaluator (``filters/evaluate.py``) stays the definition of what a filter means;
this module computes the same answer with numpy for the nodes whose meaning it can express
exactly, and asks the reference for the rest, row by row, over only the rows still undecided:

* ``Eq``/``NotEq``, ``In``/``NotIn``, ``Lt``/``Lte``/``Gt``/``Gte`` on a scalar column
  (``int``/``uint``/``datetime``/``float``/``bool``/``string``/``uuid``), with the null rules of
  §5.1: ``Eq null`` matches nulls, ``In`` with a listed null matches nulls, ``Lt``/``Lte`` match
  nulls unless the operand is null, ``Gt``/``Gte`` never do, a null operand orders nothing, every
  ``Not`` form is the exact complement. Operands are compared with Python's rules: an operand of a
  type Python cannot order against the column (a string against ints, ints against strings, a
  list) matches no value; a mix that needs care (a bool against ints, a fractional float against
  ints, an int beyond 2^53 against floats, an int outside the column's range) is not guessed at:
  that leaf falls back to the reference.
* ``Eq``/``NotEq`` null on any attribute with a column (presence is enough).
* ``id``: ``Eq``/``NotEq``/``In``/``NotIn`` through the row map's id -> row dict (dict lookup is
  Python equality), ordering operators over ``uint`` ids (``RowMap.int_ids``).
* token filters whose matching ids the full-text index supplied (``TokenMatch.matching_ids``).
* ``And``/``Or``/``Not`` combine masks; ``And []`` matches every row, ``Or []`` none.

Anything else (array operators, ``In`` on arrays, globs, regexes, ``Fuzzy``, a column that is
broken or missing) is a *fallback leaf*: ``compile_filter(leaf)`` runs on each row that can still
change the answer (for ``And``, rows every cheaper sibling accepted; for ``Or``, rows no sibling
accepted yet), under the query deadline (``paced``). Results therefore equal the reference's
exactly; ``tests/columns/test_filter_masks_match_reference.py`` checks it with hypothesis.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from typing import Any

import numpy as np

from ..deadline import paced
from ..filters import compile_filter
from ..language.nodes import Compare, FilterNode, Logical, RefNew, TokenMatch
from ..schema.model import Schema
from .rowmap import UINT64_MAX
from .store import ColumnStore
from .typed import Column, DictionaryColumn, NumericColumn

Mask = np.ndarray[Any, Any]

ORDER_OPS = ("Lt", "Lte", "Gt", "Gte")
_POSITIVE = {"NotEq": "Eq", "NotIn": "In"}
_EXACT_FLOAT_INT = 2**53
_NEVER = object()  # an operand no value of the column equals or orders against (Python: False/TypeError)


class _Unsupported(Exception):
    """This leaf's meaning over this column is not expressed here: the reference evaluates it."""


def filter_mask(
    store: ColumnStore, schema: Schema, docs: Mapping[Any, dict[str, Any]], tree: FilterNode
) -> Mask:
    """The rows (``0 .. rowmap.rows``) of live documents that satisfy ``tree``."""
    live = store.rowmap.live[: store.rowmap.rows].copy()
    return _Evaluation(store, schema, docs).mask(tree, live)


def vectorised(tree: FilterNode) -> bool:
    """Whether every leaf of ``tree`` is of a kind this module may express (the columns still decide)."""
    if isinstance(tree, Logical):
        return all(vectorised(child) for child in tree.children)
    if isinstance(tree, TokenMatch):
        return tree.matching_ids is not None
    return isinstance(tree, Compare) and _static_kind(tree)


def _static_kind(node: Compare) -> bool:
    if isinstance(node.value, RefNew) or (
        isinstance(node.value, tuple) and any(isinstance(v, RefNew) for v in node.value)
    ):
        return False
    return node.op in ("Eq", "NotEq", "In", "NotIn", *ORDER_OPS)


class _Evaluation:
    def __init__(self, store: ColumnStore, schema: Schema, docs: Mapping[Any, dict[str, Any]]) -> None:
        self.store = store
        self.schema = schema
        self.docs = docs
        self.rows = store.rowmap.rows

    def mask(self, node: FilterNode, within: Mask) -> Mask:
        """Rows of ``within`` that satisfy ``node`` (a new array; ``within`` is not modified)."""
        if isinstance(node, Logical):
            return self._logical(node, within)
        if not within.any():
            return within.copy()
        try:
            if isinstance(node, Compare) and _static_kind(node):
                return self._compare(node) & within
            if isinstance(node, TokenMatch) and node.matching_ids is not None:
                return self._id_rows(node.matching_ids) & within
        except _Unsupported:
            pass
        return self._reference(node, within)

    def _logical(self, node: Logical, within: Mask) -> Mask:
        if node.op == "Not":
            return within & ~self.mask(node.children[0], within)
        # Cheap (vectorised) children first, so fallback leaves see as few rows as possible.
        children = sorted(node.children, key=lambda child: not vectorised(child))
        if node.op == "And":
            current = within
            for child in children:
                current = self.mask(child, current)
            return current.copy() if current is within else current
        hits = np.zeros_like(within)
        remaining = within.copy()
        for child in children:
            if not remaining.any():
                break
            found = self.mask(child, remaining)
            hits |= found
            remaining &= ~found
        return hits

    def _reference(self, node: FilterNode, within: Mask) -> Mask:
        """The per-document evaluator on each row of ``within``."""
        test = compile_filter(node)
        docs, ids = self.docs, self.store.rowmap.ids
        out = np.zeros_like(within)
        rows = np.flatnonzero(within)
        out[rows] = np.fromiter(
            (test(docs[ids[row]], None) for row in paced(rows.tolist())), dtype=np.bool_, count=len(rows)
        )
        return out

    # ------------------------------------------------------------------------------------ comparisons

    def _compare(self, node: Compare) -> Mask:
        op, value = node.op, node.value
        if op in _POSITIVE:
            return ~self._compare(Compare(attr=node.attr, op=_POSITIVE[op], value=value))
        if node.attr == "id":
            return self._id_compare(op, value)
        column = self.store.column(node.attr, self.schema)
        if column is None:
            raise _Unsupported
        present = column.present[: self.rows]
        if op == "Eq":
            if value is None:
                return ~present
            if isinstance(value, tuple):  # a scalar never equals an array
                return self._scalar(column) & False
            return self._equal(column, [value]) & present
        if op == "In":
            listed = [v for v in value if v is not None]
            hits = self._equal(column, listed) & present if listed else np.zeros(self.rows, dtype=np.bool_)
            return hits | ~present if len(listed) < len(value) else hits
        # Lt / Lte / Gt / Gte
        self._scalar(column)
        if value is None:
            return np.zeros(self.rows, dtype=np.bool_)
        nulls = ~present if op in ("Lt", "Lte") else np.zeros(self.rows, dtype=np.bool_)
        operand = _operand(column, value)
        if operand is _NEVER:
            return nulls
        return (self._ordered(column, op, operand) & present) | nulls

    def _scalar(self, column: Column) -> Mask:
        """Zeros, for a column that holds scalar values; else unsupported."""
        if not isinstance(column, NumericColumn | DictionaryColumn):
            raise _Unsupported
        return np.zeros(self.rows, dtype=np.bool_)

    def _equal(self, column: Column, values: list[Any]) -> Mask:
        """Rows whose value equals one of ``values`` (nulls included, unmasked: callers mask)."""
        out = self._scalar(column)
        operands = [o for o in (_operand(column, v) for v in values) if o is not _NEVER]
        if not operands:
            return out
        if isinstance(column, DictionaryColumn):
            codes = [c for c in (column.code_for(o) for o in operands) if c is not None]
            if not codes:
                return out
            current = column.codes[: self.rows]
            return current == codes[0] if len(codes) == 1 else np.isin(current, codes)
        assert isinstance(column, NumericColumn)
        current = column.values[: self.rows]
        if len(operands) == 1:
            return np.asarray(current == operands[0])
        return np.isin(current, np.asarray(operands, dtype=column.dtype))

    def _ordered(self, column: Column, op: str, operand: Any) -> Mask:
        if isinstance(column, DictionaryColumn):
            ranks = column.ranks()
            if len(ranks) == 0:  # no value was ever set: every row is null (masked by the caller)
                return np.zeros(self.rows, dtype=np.bool_)
            ordered = column.sorted_values()
            if op in ("Lt", "Gte"):
                cut = bisect_left(ordered, operand)
            else:
                cut = bisect_right(ordered, operand)
            below = ranks[column.codes[: self.rows]] < cut
            return below if op in ("Lt", "Lte") else ~below
        assert isinstance(column, NumericColumn)
        current = column.values[: self.rows]
        if op == "Lt":
            return np.asarray(current < operand)
        if op == "Lte":
            return np.asarray(current <= operand)
        if op == "Gt":
            return np.asarray(current > operand)
        return np.asarray(current >= operand)

    # ------------------------------------------------------------------------------------ ids

    def _id_compare(self, op: str, value: Any) -> Mask:
        if op == "Eq":
            return self._id_rows([] if value is None or isinstance(value, tuple) else [value])
        if op == "In":
            return self._id_rows([list(v) if isinstance(v, tuple) else v for v in value])
        int_ids = self.store.rowmap.int_ids
        if int_ids is None or type(value) is not int or not 0 <= value <= UINT64_MAX:
            raise _Unsupported
        return self._ordered_ints(int_ids[: self.rows], op, np.uint64(value))

    def _ordered_ints(self, current: Mask, op: str, operand: Any) -> Mask:
        if op == "Lt":
            return np.asarray(current < operand)
        if op == "Lte":
            return np.asarray(current <= operand)
        if op == "Gt":
            return np.asarray(current > operand)
        return np.asarray(current >= operand)

    def _id_rows(self, ids: Any) -> Mask:
        """Rows of the listed ids (equality as Python's, through the id -> row dict)."""
        row_of = self.store.rowmap.row_of
        out = np.zeros(self.rows, dtype=np.bool_)
        found = []
        for doc_id in ids:
            if isinstance(doc_id, list):  # an array never equals an id (and is not hashable)
                continue
            try:
                row = row_of.get(doc_id)
            except TypeError:
                raise _Unsupported from None
            if row is not None:
                found.append(row)
        out[np.asarray(found, dtype=np.int64)] = True
        return out


def _operand(column: Column, value: Any) -> Any:
    """``value`` as the column's numpy scalar, ``_NEVER``, or ``_Unsupported`` for a mix not expressed."""
    kind = type(value)
    if isinstance(column, DictionaryColumn):
        if kind is str:
            return value
        if kind in (int, float, bool, tuple, list):
            return _NEVER  # a string neither equals nor orders against these
        raise _Unsupported
    assert isinstance(column, NumericColumn)
    if kind in (str, tuple, list):
        return _NEVER
    text = column.type_text
    if text == "bool":
        if kind is bool:
            return np.bool_(value)
        raise _Unsupported
    if kind is bool:
        raise _Unsupported
    if text == "float":
        if kind is float or (kind is int and abs(value) <= _EXACT_FLOAT_INT):
            return np.float64(value)
        raise _Unsupported
    # int / uint / datetime
    if kind is float:
        if not value.is_integer():
            raise _Unsupported
        value = int(value)
    elif kind is not int:
        raise _Unsupported
    info = np.iinfo(column.dtype)
    if not int(info.min) <= value <= int(info.max):
        raise _Unsupported
    return column.dtype(value)
