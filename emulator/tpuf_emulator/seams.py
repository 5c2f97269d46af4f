"""The interfaces between the emulator's layers, in one place (docs/architecture.md, "Interfaces").

* ``NamespaceView``: what the query layer (``query/``) reads. ``namespaces.Namespace`` implements it
  (read under the namespace's read lock); ``tests/query/fake_view.py`` is a test double of it.
* ``VectorSearchIndex``: what the query layer asks of an ANN index (``vectors.VectorIndex``).
* ``Storage``: what the namespaces layer relies on for durability (``storage.DiskStorage`` and
  ``storage.MemoryStorage``; defined in ``storage/engine.py`` beside its contract, re-exported here).

They are ``typing.Protocol``s: an implementation is checked by ``mypy --strict`` where it is passed
(e.g. a ``Namespace`` given to ``execute_query``), never probed at run time.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from .errors import ApiError
from .storage.engine import Storage

if TYPE_CHECKING:
    from .columns import ColumnStore
    from .filterindex import FilterIndex
    from .fulltext import FullTextIndex
    from .schema.model import Schema

__all__ = ["NamespaceView", "Storage", "VectorSearchIndex", "fulltext_index"]


class VectorSearchIndex(Protocol):
    """An ANN index over one vector attribute's documents."""

    @property
    def unindexed_count(self) -> int:
        """Documents searched exhaustively (not yet in the graph): the ``exhaustive_search_count``."""
        ...

    def search(
        self,
        query: np.ndarray,
        k: int,
        allowed: Collection[Hashable] | None = None,
        allowed_rows: np.ndarray | None = None,
    ) -> list[tuple[Hashable, float]]:
        """The ``k`` nearest ``(id, distance)``, nearest first; only ids in ``allowed`` when given.
        ``allowed_rows``: those ids' rows in the attribute's vector column, when the caller has them
        (``ColumnStore.vector_rows``)."""
        ...

    def exact_search(
        self,
        query: np.ndarray,
        k: int,
        allowed: Collection[Hashable] | None = None,
        allowed_rows: np.ndarray | None = None,
    ) -> list[tuple[Hashable, float]]:
        """The exhaustive answer (ground truth for recall)."""
        ...


class NamespaceView(Protocol):
    """One namespace as a query sees it. Documents are dicts never modified in place."""

    @property
    def name(self) -> str: ...

    @property
    def schema(self) -> Schema: ...

    @property
    def distance_metric(self) -> str | None: ...

    @property
    def last_write_at(self) -> int | None:
        """When documents last changed (epoch ms; ``last_included_write_at``), None if never."""
        ...

    @property
    def logical_bytes(self) -> int:
        """The namespace's logical size (billing of queried bytes)."""
        ...

    def documents(self) -> Mapping[Any, dict[str, Any]]: ...

    def fulltext(self, attr: str) -> FullTextIndex | None:
        """The BM25 index of ``attr``, None when it is not full-text indexed."""
        ...

    def vector_index(self, attr: str) -> VectorSearchIndex | None:
        """The ANN index of ``attr``, None when exact search must be used."""
        ...

    def filter_index(self) -> FilterIndex | None:
        """Postings that narrow equality filters (``filterindex/``), None when there are none."""
        ...

    def columns(self) -> ColumnStore:
        """The documents' scalar attributes column-wise (``columns/``), for ordering and grouping."""
        ...


def fulltext_index(view: NamespaceView, attr: str) -> FullTextIndex:
    """The BM25 index of an attribute the query parser has checked is full-text indexed."""
    index = view.fulltext(attr)
    if index is None:
        raise ApiError(
            400, f"attribute {attr!r} is not full-text indexed (set full_text_search in its schema)"
        )
    return index
