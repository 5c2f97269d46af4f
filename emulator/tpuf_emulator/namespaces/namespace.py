"""One namespace: schema, documents, settings, its lock, and the read-only view queries run against.

A Namespace is also the "namespace view" of docs/architecture.md: ``name``, ``schema``,
``distance_metric``, ``documents()``, ``fulltext(attr)`` and ``vector_index(attr)``. Documents are
never modified in place: a write replaces a document's dict with a new one, so a copy/branch can
share document dicts safely and a query holding the read lock sees a stable mapping.

The full-text index of every ``full_text_search`` attribute is maintained at write time: built
when the schema enables it (under the write lock, from the documents already there), updated by
every write, loaded from the snapshot on recovery; so no query ever builds one. The ANN and
filter indexes and the attribute columns (``columns/``) are built lazily on first use and then
maintained incrementally by every write.

Dense vectors live in one float32 matrix per vector attribute (``vectors.VectorColumn``),
maintained at write time: a stored document's vector is a view of its row, so each
vector is held once, exact search is a matrix scan, and the ANN index re-scores from the matrix.
Rows are never overwritten (an update appends a row), so documents shared with a snapshot's cut or
a branch keep showing the values they had (see ``vectors/column.py``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Mapping
from operator import itemgetter
from typing import Any

import numpy as np

from ..columns import ColumnStore
from ..fulltext import FullTextIndex
from ..schema.model import Schema
from ..vectors.column import VectorColumn
from ..vectors.memory import release_free_memory, release_free_memory_soon
from .rwlock import RWLock
from .sizes import document_bytes, value_bytes

log = logging.getLogger("tpuf_emulator.namespaces")

BULK_WRITE_ROWS = 1_000  # writes this large give freed heap memory back (vectors/memory.py)
REBUILD_BLOCK = 65_536  # vectors copied into a column per step when documents are replaced wholesale


def now_ms() -> int:
    return int(time.time() * 1000)


def without_attributes(doc: dict[str, Any], names: frozenset[str]) -> dict[str, Any]:
    """A new document without ``names`` (documents are never modified in place)."""
    return {key: value for key, value in doc.items() if key not in names}


class Namespace:
    def __init__(self, organization: str, name: str, created_at: int | None = None) -> None:
        self.organization = organization
        self.name = name
        self.schema = Schema()
        self.distance_metric: str | None = None
        self.docs: dict[Any, dict[str, Any]] = {}
        self.created_at = created_at if created_at is not None else now_ms()
        self.updated_at = self.created_at
        self.last_write_at: int | None = None
        self.pinning: dict[str, Any] | None = None  # {"replicas": n} while pinned
        self.read_only = False
        self.encryption: dict[str, Any] = {"mode": "default"}
        self.branch_parent: str | None = None
        self.sharding: dict[str, Any] | None = None
        # Sum of ``document_bytes`` of every document. Kept current by re-measuring the replaced
        # document at replace time instead of storing one size per document (~85 bytes each at 1M
        # documents). Exact because an attribute's type never changes while it holds values
        # (schema/changes.py) and a dropped attribute's values are subtracted with its old config.
        self.logical_bytes = 0
        self._dropped_configs: dict[str, Any] = {}  # attributes the last set_schema removed
        self.lock = RWLock()
        # Registered before its first write commits, so concurrent first writers share one lock;
        # invisible to every read until ``committed``. ``dropped`` tells waiters it was deleted.
        self.committed = False
        self.dropped = False
        self._index_mutex = threading.Lock()
        self._fulltext: dict[str, tuple[dict[str, Any], FullTextIndex]] = {}
        self._vectors: dict[str, tuple[str, Any]] = {}
        self._vector_columns: dict[str, VectorColumn] = {}  # the vectors of each dense vector attribute
        self._filter_index: Any = None
        self._columns: ColumnStore | None = None

    # ------------------------------------------------------------------ the namespace view (for query/)

    def documents(self) -> Mapping[Any, dict[str, Any]]:
        return self.docs

    def fulltext(self, attr: str) -> FullTextIndex | None:
        """The BM25 index of ``attr`` (maintained by writes; None when it is not full-text indexed)."""
        config = self.schema.get(attr)
        if config is None or config.full_text_search is None:
            return None
        key = config.full_text_search.to_json()
        with self._index_mutex:
            cached = self._fulltext.get(attr)
            if cached is not None and cached[0] == key:
                return cached[1]
            # Every path that changes the schema or the documents keeps the indexes in step
            # (_sync_fulltext), so this is a bug's safety net, not a way of working.
            log.warning("full-text index of %r in %r was missing at query time; building it", attr, self.name)
            index = self._build_fulltext(attr, config.full_text_search)
            index.origin = "query"
            self._fulltext[attr] = (key, index)
            return index

    def _vector_metric(self, attr: str) -> str | None:
        """The distance metric of ``attr``'s ANN index, or None when it is not an indexed vector."""
        config = self.schema.get(attr)
        if config is None or config.type.kind != "vector" or self.distance_metric is None:
            return None
        return str((config.ann or {}).get("distance_metric") or self.distance_metric)

    def vector_attributes(self) -> list[str]:
        """The attributes that get an ANN index."""
        return [attr for attr in self.schema.attributes if self._vector_metric(attr) is not None]

    def fulltext_indexes(self) -> dict[str, FullTextIndex]:
        """Every maintained full-text index, by attribute (for snapshots)."""
        with self._index_mutex:
            return {attr: index for attr, (_, index) in self._fulltext.items()}

    def _build_fulltext(self, attr: str, config: Any) -> FullTextIndex:
        index = FullTextIndex(config)
        index.update(
            {doc_id: value for doc_id, doc in self.docs.items() if (value := doc.get(attr)) is not None}
        )
        return index

    def _sync_fulltext(self, loaded: Mapping[str, FullTextIndex] | None = None) -> None:
        """Make the full-text indexes match the schema: drop those whose attribute is no longer
        full-text indexed (or is with other options), build the missing ones from the documents, or
        take them from ``loaded`` (a snapshot) when their options match."""
        with self._index_mutex:
            wanted: dict[str, tuple[dict[str, Any], Any]] = {}
            for attr, config in self.schema.attributes.items():
                if config.full_text_search is not None:
                    wanted[attr] = (config.full_text_search.to_json(), config.full_text_search)
            for attr, (key, _) in list(self._fulltext.items()):
                if attr not in wanted or wanted[attr][0] != key:
                    del self._fulltext[attr]
            for attr, (key, config) in wanted.items():
                if attr in self._fulltext:
                    continue
                index = (loaded or {}).get(attr)
                if index is None or index.config.to_json() != key:
                    index = self._build_fulltext(attr, config)
                self._fulltext[attr] = (key, index)

    def vector_index(self, attr: str) -> Any:
        """The ANN index of a dense vector attribute, or None when exact search must be used."""
        config = self.schema.get(attr)
        metric = self._vector_metric(attr)
        if config is None or metric is None:
            return None
        from ..vectors import VectorIndex

        with self._index_mutex:
            cached = self._vectors.get(attr)
            if cached is not None and cached[0] == metric:
                return cached[1]
            column = self._vector_column(attr)
            index = VectorIndex(column.dims, metric, column=column)
            ids = column.ids()
            if ids:
                index.upsert(ids, column.vectors_of(ids))
            self._vectors[attr] = (metric, index)
            return index

    def built_vector_indexes(self) -> dict[str, Any]:
        """The ANN indexes built so far, by attribute (a snapshot saves their graphs)."""
        with self._index_mutex:
            return {attr: index for attr, (_, index) in self._vectors.items()}

    def restore_vector_index(self, attr: str, saved: Any) -> None:
        """Install ``attr``'s ANN index from a graph saved with the snapshot these documents came
        from (``vectors.SavedGraph``); the writes replayed after it keep it current as usual.
        ``ValueError`` when the graph does not fit the attribute (then it is built lazily as usual)."""
        from ..vectors.index import VectorIndex

        config = self.schema.get(attr)
        metric = self._vector_metric(attr)
        if config is None or metric is None or saved.metric != metric or saved.dims != config.type.dims:
            raise ValueError(f"the saved graph ({saved.dims} dimensions, {saved.metric}) does not fit")
        column = self._vector_column(attr)  # holds exactly the documents' vectors of ``attr``
        ids = column.int_ids()  # an array of uint ids when it can be (no list of 1M ints)
        index = VectorIndex.restored(saved, column.ids() if ids is None else ids, column=column)
        with self._index_mutex:
            previous = self._vectors.get(attr)
            if previous is not None:
                previous[1].close()
            self._vectors[attr] = (metric, index)

    def _vector_column(self, attr: str) -> VectorColumn:
        """The matrix of ``attr``'s vectors (created empty on first use). The ANN index reads the
        vectors it has folded into its graph from it, so each vector is held once. Searches run under
        the namespace's read lock, and writes update the column, the documents and the index under
        the write lock, so they always agree."""
        column = self._vector_columns.get(attr)
        if column is None:
            config = self.schema.get(attr)
            assert config is not None and config.type.dims is not None
            column = self._vector_columns[attr] = VectorColumn(config.type.dims)
        return column

    def _dense_vector_attributes(self) -> list[str]:
        return [attr for attr, config in self.schema.attributes.items() if config.type.kind == "vector"]

    def _store_vectors(
        self, changes: Mapping[Any, dict[str, Any] | None]
    ) -> Mapping[Any, dict[str, Any] | None]:
        """Write the changed documents' dense vectors into their columns; the same changes with each
        such document replaced by a new dict holding its row's view (the written dicts are not
        modified: they may be shared, e.g. with a log record)."""
        attrs = [attr for attr in self._dense_vector_attributes() if attr in self._vector_columns or any(
            new is not None and attr in new for new in changes.values())]  # fmt: skip
        if not attrs:
            return changes
        stored = dict(changes)
        for attr in attrs:
            column = self._vector_column(attr)
            column.delete([doc_id for doc_id, new in changes.items() if new is None or attr not in new])
            written = {doc_id: new for doc_id, new in changes.items() if new is not None and attr in new}
            if written:
                views = column.put(list(written), np.vstack([new[attr] for new in written.values()]))
                for doc_id, view in zip(written, views, strict=True):
                    current = stored[doc_id]  # this write's document, with earlier attributes' views
                    assert current is not None
                    stored[doc_id] = {**current, attr: view}
        return stored

    def _compact_vectors(self) -> None:
        """Let each column drop its mostly-tombstoned matrices; the moved documents get new dicts
        holding their new rows' views (other holders keep the old dicts and the old matrix alive)."""
        docs = self.docs
        for attr, column in self._vector_columns.items():
            moved = column.compact()
            for doc_id, view in moved.items():
                docs[doc_id] = {**docs[doc_id], attr: view}
            if moved and self._columns is not None:
                self._columns.vectors_moved(attr, list(moved))

    def _rebuild_vectors(self, owned: bool = False, given: Mapping[str, VectorColumn] | None = None) -> None:
        """Columns for every document (they were replaced wholesale); each document holding a dense
        vector gets a new dict with its row's view (the given dicts may be shared with a source
        namespace, which keeps its own), or, when ``owned``, the view in place of its vector.
        A ``given`` column whose rows are exactly the documents' vectors is installed as it is."""
        self._vector_columns = {}
        if self.dropped:
            return
        docs = self.docs
        for attr in self._dense_vector_attributes():
            ids = [doc_id for doc_id, doc in docs.items() if attr in doc]
            column_given = (given or {}).get(attr)
            if column_given is not None and len(column_given) == len(ids):  # every vector went into it
                self._vector_columns[attr] = column_given
                continue
            column = self._vector_column(attr)
            for begin in range(0, len(ids), REBUILD_BLOCK):
                block = ids[begin : begin + REBUILD_BLOCK]
                views = column.put(block, np.vstack([docs[doc_id][attr] for doc_id in block]))
                if owned:
                    for doc_id, view in zip(block, views, strict=True):
                        docs[doc_id][attr] = view
                else:
                    for doc_id, view in zip(block, views, strict=True):
                        docs[doc_id] = {**docs[doc_id], attr: view}

    def filter_index(self) -> Any:
        """Postings of attribute values that narrow equality filters (``filterindex/``), built lazily."""
        from ..filterindex import FilterIndex

        with self._index_mutex:
            if self._filter_index is None:
                self._filter_index = FilterIndex(self.documents)
            return self._filter_index

    def columns(self) -> ColumnStore:
        """The documents column-wise (``columns/``): created on first use, then kept current by writes."""
        with self._index_mutex:
            if self._columns is None:
                self._columns = ColumnStore(self.documents, self._vector_columns_get)
                if len(self.docs) >= BULK_WRITE_ROWS:
                    # Building the row map and the first columns churns the heap (~10 MiB left
                    # resident for 94k documents); trim once the building query has answered.
                    release_free_memory_soon()
            return self._columns

    def _vector_columns_get(self, attr: str) -> VectorColumn | None:
        return self._vector_columns.get(attr)  # looked up each time: _rebuild_vectors replaces the dict

    def unindexed_rows(self) -> int:
        """Vectors written but not yet folded into an ANN graph (searched exhaustively meanwhile)."""
        with self._index_mutex:
            return max((index.indexing_backlog for _, index in self._vectors.values()), default=0)

    # ------------------------------------------------------------------ mutation (caller holds the write lock)

    @property
    def row_count(self) -> int:
        return len(self.docs)

    def replace_documents(self, changes: Mapping[Any, dict[str, Any] | None]) -> None:
        """Apply resolved effects: id -> new document, or None to delete. Keeps indexes and sizes current."""
        if not changes:
            return
        self._sync_fulltext()
        changes = self._store_vectors(changes)
        docs, schema = self.docs, self.schema
        delta = 0
        for doc_id, new in changes.items():
            old = docs.pop(doc_id, None) if new is None else docs.get(doc_id)
            if old is not None:
                delta -= document_bytes(schema, old)
            if new is not None:
                docs[doc_id] = new
                delta += document_bytes(schema, new)
        self.logical_bytes += delta
        self._update_indexes(changes)
        self._compact_vectors()
        if len(changes) >= BULK_WRITE_ROWS:
            release_free_memory()  # the previous requests' parsed JSON, freed between long-lived vectors
            release_free_memory_soon()  # and this request's, once it has answered

    def _update_indexes(self, changes: Mapping[Any, dict[str, Any] | None]) -> None:
        with self._index_mutex:
            if self._filter_index is not None:
                self._filter_index.update(changes)
            if self._columns is not None:
                self._columns.apply(changes)
            for attr, (_, index) in self._fulltext.items():
                index.update(
                    {doc_id: None if new is None else new.get(attr) for doc_id, new in changes.items()}
                )
            for attr, (_, index) in self._vectors.items():
                gone = [doc_id for doc_id, new in changes.items() if new is None or attr not in new]
                if gone:
                    index.remove(gone)
                kept = {
                    doc_id: new[attr] for doc_id, new in changes.items() if new is not None and attr in new
                }
                if kept:  # upsert replaces a previous vector of the same id
                    index.upsert(list(kept), np.vstack(list(kept.values())))

    def drop_attributes(self, names: Iterable[str]) -> None:
        """Remove dropped attributes' values from every document (after ``set_schema`` of the schema
        without them). Only the touched documents are replaced; their indexes go with them."""
        dropped = frozenset(names)
        if not dropped:
            return
        with self._index_mutex:
            for attr in dropped:
                self._fulltext.pop(attr, None)
                self._vector_columns.pop(attr, None)  # the documents lose their views just below
                vectors = self._vectors.pop(attr, None)
                if vectors is not None:
                    vectors[1].close()
            self._filter_index = None  # rebuilt lazily, without the dropped attributes' postings
            if self._columns is not None:
                self._columns.drop(dropped)
        # The schema no longer has them (set_schema ran first): size their values with the old config.
        previous, self._dropped_configs = self._dropped_configs, {}
        configs = {name: previous[name] if name in previous else self.schema.get(name) for name in dropped}
        removed = 0
        for doc_id, doc in list(self.docs.items()):
            if dropped.isdisjoint(doc):
                continue
            self.docs[doc_id] = without_attributes(doc, dropped)
            removed += sum(value_bytes(configs[name], doc[name]) for name in dropped if name in doc)
        self.logical_bytes -= removed

    def set_schema(self, schema: Schema) -> None:
        self._dropped_configs = {
            name: config for name, config in self.schema.attributes.items() if name not in schema.attributes
        }
        self.schema = schema
        self._sync_fulltext()

    def reset_indexes(
        self,
        fulltext: Mapping[str, FullTextIndex] | None = None,
        *,
        owned: bool = False,
        vector_columns: Mapping[str, VectorColumn] | None = None,
    ) -> None:
        """Forget every index (the documents were replaced); full-text ones are rebuilt at once,
        or taken from ``fulltext`` (loaded from a snapshot), unless the namespace was dropped."""
        with self._index_mutex:
            self._fulltext.clear()
            for _, index in self._vectors.values():
                index.close()  # stop its background fold: nobody will search it again
            self._vectors.clear()
            self._filter_index = None
            self._columns = None
        self._rebuild_vectors(owned, vector_columns)
        if not self.dropped:
            self._sync_fulltext(fulltext)

    def recompute_sizes(self) -> None:
        schema = self.schema
        self.logical_bytes = sum(document_bytes(schema, doc) for doc in self.docs.values())

    def touch(self, at: int, data_changed: bool) -> None:
        self.updated_at = at
        if data_changed:
            self.last_write_at = at

    def load_documents(
        self,
        docs: Iterable[dict[str, Any]],
        fulltext: Mapping[str, FullTextIndex] | None = None,
        logical_bytes: int | None = None,
        *,
        owned: bool = False,
        vector_columns: Mapping[str, VectorColumn] | None = None,
    ) -> None:
        """Replace every document; ``fulltext``: indexes loaded with them from a snapshot, and
        ``logical_bytes`` their size as the snapshot recorded it (else every document is measured).
        ``owned``: nobody else holds these dicts (decoded from a snapshot), so their vectors are
        swapped for views of the columns in place rather than in new dicts. ``vector_columns``: the
        columns those vectors already are views of (snapshot loading), installed as they are."""
        docs = docs if isinstance(docs, list) else list(docs)
        self.docs = dict(zip(map(itemgetter("id"), docs), docs, strict=True))  # in C: 2x a dict comprehension
        self.reset_indexes(fulltext, owned=owned, vector_columns=vector_columns)
        if logical_bytes is None:
            self.recompute_sizes()
        else:
            self.logical_bytes = logical_bytes
