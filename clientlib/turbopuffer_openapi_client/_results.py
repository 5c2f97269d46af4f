"""Query results as light wrappers over the decoded JSON (no per-field model construction).

A :class:`Row` wraps the row's dict without copying it: ``row.id``, ``row.dist`` (``$dist``),
``row.vector`` (a float32 numpy array, decoded from base64 or JSON numbers), ``row["title"]`` /
``row.title`` for attributes. :meth:`QueryResult.vectors` stacks a vector attribute of every row into
one matrix. This is what keeps large results fast; the generated attrs models stay available through the
low-level endpoint functions in ``api/``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from ._codec import decode_vector, decode_vectors, loads

DIST_KEY = "$dist"
_SYSTEM_KEYS = frozenset({"id", DIST_KEY})


class Row(Mapping[str, Any]):
    """One result document: ``id``, ``$dist`` (as :attr:`dist`), ``vector`` and any attributes."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = data

    @property
    def id(self) -> int | str:
        """The document ID exactly as the server sent it (UUID-like strings are never rewritten)."""
        value: int | str = self._data["id"]
        return value

    @property
    def dist(self) -> float | None:
        """``$dist``: distance (vector search), score (BM25, RRF...), or ``None`` for attribute order."""
        value = self._data.get(DIST_KEY)
        return None if value is None else float(value)

    @property
    def vector(self) -> npt.NDArray[np.float32] | None:
        """The ``vector`` attribute as float32, whichever ``vector_encoding`` the query used."""
        return self.vector_of("vector")

    def vector_of(self, attribute: str) -> npt.NDArray[np.float32] | None:
        """Any dense vector attribute as float32 (``None`` when absent or null)."""
        value = self._data.get(attribute)
        return None if value is None else decode_vector(value)

    @property
    def attributes(self) -> dict[str, Any]:
        """Every attribute and computed value except ``id`` and ``$dist``."""
        return {k: v for k, v in self._data.items() if k not in _SYSTEM_KEYS}

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(f"row {self._data.get('id')!r} has no attribute {name!r}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{k}={v!r}" for k, v in self._data.items() if not isinstance(v, (list, str)) or len(v) < 80
        )
        return f"Row({shown})"


class QueryResult:
    """The answer to one query: :attr:`rows`, or :attr:`aggregations` / :attr:`aggregation_groups`."""

    __slots__ = ("raw", "rows", "aggregations", "aggregation_groups", "billing", "performance")

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.rows: list[Row] = [Row(row) for row in raw.get("rows") or ()]
        self.aggregations: Mapping[str, Any] | None = raw.get("aggregations")
        self.aggregation_groups: list[Mapping[str, Any]] | None = raw.get("aggregation_groups")
        self.billing: Mapping[str, Any] | None = raw.get("billing")
        self.performance: Mapping[str, Any] | None = raw.get("performance")

    @classmethod
    def from_json(cls, data: bytes | str) -> QueryResult:
        return cls(loads(data))

    @property
    def ids(self) -> list[int | str]:
        return [row.id for row in self.rows]

    def vectors(self, attribute: str = "vector") -> npt.NDArray[np.float32]:
        """The attribute of every row stacked into a ``(rows, dims)`` float32 matrix."""
        return decode_vectors([row[attribute] for row in self.rows])

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> Row:
        return self.rows[index]

    def __repr__(self) -> str:
        if self.aggregation_groups is not None:
            return f"QueryResult(aggregation_groups={self.aggregation_groups!r})"
        if self.aggregations is not None:
            return f"QueryResult(aggregations={dict(self.aggregations)!r})"
        return f"QueryResult(rows={self.rows!r})"


class MultiQueryResult:
    """The answer to a multi-query: ``results[i]`` answers ``queries[i]`` (one fused list with ``rerank_by``)."""

    __slots__ = ("raw", "results", "billing", "performance")

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.results: list[QueryResult] = [QueryResult(result) for result in raw.get("results") or ()]
        self.billing: Mapping[str, Any] | None = raw.get("billing")
        self.performance: Mapping[str, Any] | None = raw.get("performance")

    @classmethod
    def from_json(cls, data: bytes | str) -> MultiQueryResult:
        return cls(loads(data))

    def __iter__(self) -> Iterator[QueryResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, index: int) -> QueryResult:
        return self.results[index]

    def __repr__(self) -> str:
        return f"MultiQueryResult(results={self.results!r})"
