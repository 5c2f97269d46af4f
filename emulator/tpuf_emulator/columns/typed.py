"""Typed columns of one attribute: values by row plus a null mask (``present``).

* ``NumericColumn``: ``int``/``datetime`` as int64, ``uint`` as uint64, ``float`` as float64,
  ``bool`` as bool. Ordered and grouped by the values themselves.
* ``DictionaryColumn``: ``string``/``uuid`` as int32 codes into a dictionary of distinct values;
  ``ranks()`` gives each code its position in Python's sort order of the values (cached until a
  new value is added), so strings are ordered and grouped as integers.
* ``PresenceColumn``: any other attribute (arrays, vectors, bytes): only whether it is set, which
  is all ``["Count", attr]`` needs.

A value of an unexpected Python type (the schema guarantees it cannot happen, but a column never
guesses) marks the column ``broken``: the store then answers "no column" and the query layer uses
the per-document reference path, so results never depend on a column being right by luck.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .arrays import grown

NUMERIC_DTYPES = {
    "int": np.int64,
    "datetime": np.int64,
    "uint": np.uint64,
    "float": np.float64,
    "bool": np.bool_,
}
DICTIONARY_TYPES = ("string", "uuid")
_EXACT_FLOAT_INT = 2**53


class Column:
    """What every column has: the attribute's type text, the null mask and the broken flag."""

    def __init__(self, type_text: str, capacity: int) -> None:
        self.type_text = type_text
        self.present = np.zeros(capacity, dtype=np.bool_)
        self.broken = False

    def grow(self, rows: int) -> None:
        self.present = grown(self.present, rows)

    def assign(self, rows: np.ndarray[Any, Any], values: list[Any]) -> None:
        """Set row ``rows[i]`` to ``values[i]`` (None: null)."""
        self.present[rows] = [value is not None for value in values]

    def compact(self, keep: np.ndarray[Any, Any], capacity: int) -> None:
        """Keep only rows ``keep`` (ascending), renumbered from 0."""
        present = np.zeros(capacity, dtype=np.bool_)
        present[: len(keep)] = self.present[keep]
        self.present = present


class PresenceColumn(Column):
    pass


class NumericColumn(Column):
    def __init__(self, type_text: str, capacity: int) -> None:
        super().__init__(type_text, capacity)
        self.dtype = NUMERIC_DTYPES[type_text]
        self.values: np.ndarray[Any, Any] = np.zeros(capacity, dtype=self.dtype)

    def grow(self, rows: int) -> None:
        super().grow(rows)
        self.values = grown(self.values, rows)

    def assign(self, rows: np.ndarray[Any, Any], values: list[Any]) -> None:
        mask = np.fromiter((value is not None for value in values), dtype=np.bool_, count=len(values))
        given = [value for value in values if value is not None] if not mask.all() else values
        if not self._accepts(given):
            self.broken = True
            return
        self.present[rows] = mask
        self.values[rows[mask]] = np.asarray(given, dtype=self.dtype)

    def _accepts(self, values: list[Any]) -> bool:
        kinds = set(map(type, values))
        if self.type_text == "bool":
            return kinds <= {bool}
        if self.type_text == "float":
            if kinds <= {float}:
                return True
            return kinds <= {float, int} and all(abs(v) <= _EXACT_FLOAT_INT for v in values if type(v) is int)
        if not kinds <= {int} or not values:
            return kinds <= {int}
        info = np.iinfo(self.dtype)
        return bool(int(info.min) <= min(values) and max(values) <= int(info.max))

    def compact(self, keep: np.ndarray[Any, Any], capacity: int) -> None:
        super().compact(keep, capacity)
        values: np.ndarray[Any, Any] = np.zeros(capacity, dtype=self.dtype)
        values[: len(keep)] = self.values[keep]
        self.values = values

    def python_values(self, rows: np.ndarray[Any, Any]) -> list[Any]:
        return list(self.values[rows].tolist())


class DictionaryColumn(Column):
    def __init__(self, type_text: str, capacity: int) -> None:
        super().__init__(type_text, capacity)
        self.codes = np.zeros(capacity, dtype=np.int32)
        self.dictionary: list[str] = []
        self._code_of: dict[str, int] = {}
        self._ranks: np.ndarray[Any, Any] | None = None
        self._sorted: list[str] | None = None  # the dictionary in sorted order, with ``_ranks``

    def grow(self, rows: int) -> None:
        super().grow(rows)
        self.codes = grown(self.codes, rows)

    def assign(self, rows: np.ndarray[Any, Any], values: list[Any]) -> None:
        code_of, dictionary = self._code_of, self.dictionary
        codes = np.empty(len(values), dtype=np.int32)
        mask = np.ones(len(values), dtype=np.bool_)
        for i, value in enumerate(values):
            if value is None:
                mask[i] = False
                codes[i] = 0
                continue
            if type(value) is not str:
                self.broken = True
                return
            code = code_of.get(value)
            if code is None:
                code = code_of[value] = len(dictionary)
                dictionary.append(value)
                self._ranks = None
            codes[i] = code
        self.present[rows] = mask
        self.codes[rows] = codes

    def ranks(self) -> np.ndarray[Any, Any]:
        """Code -> position of its value in sorted order (equal values cannot occur: codes are distinct)."""
        ranks = self._ranks
        if ranks is None or len(ranks) != len(self.dictionary):
            dictionary = self.dictionary
            order = sorted(range(len(dictionary)), key=dictionary.__getitem__)
            ranks = np.empty(len(dictionary), dtype=np.int64)
            ranks[np.asarray(order, dtype=np.int64)] = np.arange(len(dictionary), dtype=np.int64)
            self._sorted = [dictionary[code] for code in order]
            self._ranks = ranks
        return ranks

    def sorted_values(self) -> list[str]:
        """The dictionary's values in sorted order: ``sorted_values()[ranks()[code]]`` is code's value."""
        self.ranks()
        assert self._sorted is not None
        return self._sorted

    def code_for(self, value: str) -> int | None:
        """The code of ``value``, or None when no row was ever given it."""
        return self._code_of.get(value)

    def compact(self, keep: np.ndarray[Any, Any], capacity: int) -> None:
        """Renumber rows and drop dictionary values no row uses any more."""
        present = self.present[keep]
        old_codes = self.codes[keep]
        used = np.unique(old_codes[present])
        remap = np.zeros(max(len(self.dictionary), 1), dtype=np.int32)
        remap[used] = np.arange(len(used), dtype=np.int32)
        self.dictionary = [self.dictionary[code] for code in used.tolist()]
        self._code_of = {value: code for code, value in enumerate(self.dictionary)}
        self._ranks = None
        super().compact(keep, capacity)
        self.codes = np.zeros(capacity, dtype=np.int32)
        self.codes[: len(keep)] = np.where(present, remap[old_codes], 0)

    def python_values(self, rows: np.ndarray[Any, Any]) -> list[Any]:
        dictionary = self.dictionary
        return [dictionary[code] for code in self.codes[rows].tolist()]


def new_column(type_text: str, kind: str, capacity: int) -> Column:
    """The column kind for an attribute type (``kind`` is ``AttributeType.kind``)."""
    if kind == "scalar" and type_text in NUMERIC_DTYPES:
        return NumericColumn(type_text, capacity)
    if kind == "scalar" and type_text in DICTIONARY_TYPES:
        return DictionaryColumn(type_text, capacity)
    return PresenceColumn(type_text, capacity)
