"""``IdMap``: document id -> row number, 8 bytes per id for the usual ids instead of ~80.

Why: a dict from id to row costs ~52 bytes per entry at 1M entries plus a 28-byte int object per
row above 256, and a set of ids ~42 bytes per entry. At 1M x 768 those maps (the vector column's
id -> row, the ANN index's own rows) were ~120 of the ~1,000 bytes each document cost beyond its
vector, enough to keep the process above 1.3x the raw vector bytes. Most ids are small
non-negative integers (the API's uint ids, usually dense), so those rows live in one int64 array
indexed by id (-1: absent); any other id (strings, UUIDs, ints far beyond the number of ids held)
lives in a dict beside it, so every id works and the array never grows past a few times the count.

An id is in exactly one of the two places: a key is looked up in the array first, then in the dict;
an id already in the dict stays there when written again.

Iteration is ids held in the array, ascending, then the dict's ids in insertion order.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Rows = npt.NDArray[np.int64]

DENSE_MIN = 1 << 16  # ids below this always go to the array (at most 512 KiB)
DENSE_PER_ID = 4  # ... and ids below this many times the count held (so sparse ids use the dict)
_ABSENT = -1


class IdMap:
    __slots__ = ("_dense", "_dense_count", "_other")

    def __init__(self) -> None:
        self._dense: Rows = np.full(0, _ABSENT, dtype=np.int64)
        self._dense_count = 0
        self._other: dict[Hashable, int] = {}

    # ---- reads -------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._dense_count + len(self._other)

    def __contains__(self, doc_id: object) -> bool:
        return self.get(doc_id) is not None

    def get(self, doc_id: object, default: int | None = None) -> int | None:
        if type(doc_id) is int and 0 <= doc_id < len(self._dense):
            row = int(self._dense[doc_id])
            if row != _ABSENT:
                return row
        try:
            return self._other.get(doc_id, default)
        except TypeError:  # unhashable: not an id
            return default

    def __getitem__(self, doc_id: Hashable) -> int:
        row = self.get(doc_id)
        if row is None:
            raise KeyError(doc_id)
        return row

    def __iter__(self) -> Iterator[Hashable]:
        yield from np.flatnonzero(self._dense != _ABSENT).tolist()
        yield from self._other

    def int_ids(self) -> Rows | None:
        """Every id held, as an int64 array (ascending), when all of them are in the array; else None."""
        if self._other:
            return None
        ids: Rows = np.flatnonzero(self._dense != _ABSENT).astype(np.int64)
        return ids

    def rows_of(self, ids: Sequence[Hashable]) -> Rows:
        """Each id's row, in the order given; -1 for an id not held. Vectorised for int ids."""
        out = np.full(len(ids), _ABSENT, dtype=np.int64)
        if not len(ids):
            return out
        keys = int_keys(ids)
        if keys is None:  # not all ints (or beyond int64): one by one
            get = self.get
            return np.fromiter((_row_or_absent(get(i)) for i in ids), dtype=np.int64, count=len(ids))
        return self._rows_of_keys(keys, ids, out)

    def rows_of_ints(self, keys: Rows) -> Rows:
        """:meth:`rows_of` for ids given as an int64 array."""
        return self._rows_of_keys(keys, None, np.full(len(keys), _ABSENT, dtype=np.int64))

    def _rows_of_keys(self, keys: Rows, ids: Sequence[Hashable] | None, out: Rows) -> Rows:
        dense = self._dense
        inside = (keys >= 0) & (keys < len(dense))
        out[inside] = dense[keys[inside]]
        if self._other:
            missing = np.flatnonzero(out == _ABSENT)
            other = self._other
            for position in missing.tolist():
                out[position] = other.get(ids[position] if ids is not None else int(keys[position]), _ABSENT)
        return out

    # ---- writes ------------------------------------------------------------------------------------
    def __setitem__(self, doc_id: Hashable, row: int) -> None:
        if doc_id not in self._other and self._fits(doc_id, 1):
            assert type(doc_id) is int
            if doc_id >= len(self._dense):
                self._grow(doc_id + 1)
            if self._dense[doc_id] == _ABSENT:
                self._dense_count += 1
            self._dense[doc_id] = row
        else:
            self._other[doc_id] = row

    def set_many(self, ids: Sequence[Hashable], rows: Sequence[int] | Rows, keys: Rows | None = None) -> None:
        """``self[ids[i]] = rows[i]`` for every i (ids distinct), vectorised for int ids (``keys``:
        ``int_keys(ids)`` when the caller has it)."""
        if not len(ids):
            return
        if keys is None:
            keys = int_keys(ids)
        if keys is None:  # not all ints: one by one
            for doc_id, row in zip(ids, rows, strict=True):
                self[doc_id] = int(row)
            return
        self.set_ints(keys, np.asarray(rows, dtype=np.int64))

    def set_ints(self, keys: Rows, rows: Rows) -> None:
        """``self[keys[i]] = rows[i]`` for distinct non-negative int64 ``keys``."""
        if not len(keys):
            return
        if self._other or int(keys.min()) < 0 or not self._fits(int(keys.max()), len(keys)):
            for key, row in zip(keys.tolist(), rows.tolist(), strict=True):
                self[key] = row
            return
        top = int(keys.max())
        if top >= len(self._dense):
            self._grow(top + 1)
        self._dense_count += int(np.count_nonzero(self._dense[keys] == _ABSENT))
        self._dense[keys] = rows

    def pop(self, doc_id: Hashable, default: int | None = None) -> int | None:
        if type(doc_id) is int and 0 <= doc_id < len(self._dense):
            row = int(self._dense[doc_id])
            if row != _ABSENT:
                self._dense[doc_id] = _ABSENT
                self._dense_count -= 1
                return row
        return self._other.pop(doc_id, default)

    def __delitem__(self, doc_id: Hashable) -> None:
        if self.pop(doc_id) is None:
            raise KeyError(doc_id)

    def _fits(self, top_id: Any, adding: int) -> bool:
        """Whether int ids up to ``top_id`` may go to the array, ``adding`` more ids being added."""
        if type(top_id) is not int or top_id < 0:
            return False
        return top_id < len(self._dense) or top_id < max(DENSE_MIN, DENSE_PER_ID * (len(self) + adding))

    def _grow(self, size: int) -> None:
        capacity = max(1024, len(self._dense))
        while capacity < size:
            capacity *= 2
        grown = np.full(capacity, _ABSENT, dtype=np.int64)
        grown[: len(self._dense)] = self._dense
        self._dense = grown

    def memory_bytes(self) -> int:
        return int(self._dense.nbytes) + len(self._other) * 80


def int_keys(ids: Sequence[Hashable]) -> Rows | None:
    """``ids`` as an int64 array when every one is a Python int within int64, else None (a string
    such as ``"12"`` must never be read as the number 12)."""
    if set(map(type, ids)) != {int}:  # in C: ~4x faster than all(type(i) is int ...) at 1M ids
        return None
    try:
        return np.fromiter(ids, dtype=np.int64, count=len(ids))
    except OverflowError:
        return None


def _row_or_absent(row: int | None) -> int:
    return _ABSENT if row is None else row
