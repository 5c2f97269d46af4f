"""``RowCandidates``: a filter's result as rows of the column store, read as an id -> document mapping.

The query layer's contract for filtered candidates is a mapping id -> document in document order
(ties of a ranking are broken by it). Building that dict for a broad filter cost more than
evaluating the filter; this mapping holds only the ascending row numbers (document order by
construction, ``rowmap.py``) and the mask they came from, so the column paths (ordering,
aggregation: ``dispatch.py``) take the rows as they are, membership is a dict lookup plus a mask
test, and ids or documents are produced only when a consumer iterates them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from operator import itemgetter
from typing import Any

import numpy as np

from .rowmap import RowMap

Array = np.ndarray[Any, Any]


class RowCandidates(Mapping[Any, dict[str, Any]]):
    def __init__(self, rowmap: RowMap, docs: Mapping[Any, dict[str, Any]], mask: Array) -> None:
        self.rowmap = rowmap
        self.rows: Array = np.flatnonzero(mask)  # ascending: document order
        self._mask = mask
        self._docs = docs
        self._ids: list[Any] | None = None

    def ids(self) -> list[Any]:
        """The ids, in document order (computed once)."""
        if self._ids is None:
            rows, ids = self.rows, self.rowmap.ids
            if len(rows) == 0:
                self._ids = []
            elif len(rows) == 1:
                self._ids = [ids[int(rows[0])]]
            else:
                self._ids = list(itemgetter(*rows.tolist())(ids))
        return self._ids

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.ids())

    def __contains__(self, doc_id: object) -> bool:
        try:
            row = self.rowmap.row_of.get(doc_id)
        except TypeError:  # unhashable: not an id
            return False
        return row is not None and row < len(self._mask) and bool(self._mask[row])

    def __getitem__(self, doc_id: Any) -> dict[str, Any]:
        if doc_id not in self:
            raise KeyError(doc_id)
        return self._docs[doc_id]
