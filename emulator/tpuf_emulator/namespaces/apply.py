"""The one apply path: how a log record changes the namespaces.

``apply_record(table, record)`` is called with the same kind of record (``records.Record``) by
every path that changes state:

* a live write, copy, branch, metadata patch or namespace deletion, once its record is durably
  appended (``Registry._commit``; the caller holds the namespace's write lock);
* recovery, for every record of the log (``records.decode``), in append order;
* recovery, for every namespace of the snapshot (``snapshots.read_registry`` yields them as
  ``ReplaceRecord``s, carrying their persisted full-text indexes).

So what replay rebuilds is, by construction, what the live writes built. The function never
validates or resolves anything (that happened before the record existed: ``write_plan``,
``write_effects``, ``commands``) and never fails on a well-formed record.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .namespace import Namespace
from .records import SETTINGS, DropRecord, MetadataRecord, Record, ReplaceRecord, WriteRecord
from .table import NamespaceTable


def apply_record(table: NamespaceTable, record: Record) -> Namespace | None:
    """Apply ``record``; returns the namespace it changed (None for a drop)."""
    if isinstance(record, DropRecord):
        dropped = table.remove(record.org, record.ns)
        if dropped is not None:
            dropped.dropped = True
            dropped.reset_indexes()  # releases index memory and stops background ANN folding
        return None
    ns = table.get_or_create(record.org, record.ns)
    if isinstance(record, WriteRecord):
        _apply_write(ns, record)
    elif isinstance(record, ReplaceRecord):
        _apply_replace(ns, record)
    elif isinstance(record, MetadataRecord):
        ns.pinning, ns.read_only, ns.updated_at = record.pinning, record.read_only, record.at
    ns.committed = True
    return ns


def _apply_write(ns: Namespace, record: WriteRecord) -> None:
    if not ns.committed:
        ns.created_at = record.at
    if record.schema is not None:
        ns.set_schema(record.schema)
    ns.drop_attributes(record.dropped)
    ns.distance_metric = record.metric
    _apply_settings(ns, record.settings)
    changes: dict[Any, dict[str, Any] | None] = {doc["id"]: doc for doc in record.put}
    changes.update(dict.fromkeys(record.deleted))
    ns.replace_documents(changes)
    ns.touch(record.at, bool(changes))


def _apply_replace(ns: Namespace, record: ReplaceRecord) -> None:
    ns.schema = record.schema
    ns.distance_metric = record.metric
    _apply_settings(ns, record.settings)
    ns.load_documents(
        record.docs,
        record.fulltext,
        record.logical_bytes,
        owned=record.owned,
        vector_columns=record.vector_columns,
    )


def _apply_settings(ns: Namespace, settings: Mapping[str, Any]) -> None:
    unknown = settings.keys() - SETTINGS
    if unknown:
        raise ValueError(f"a log record sets unknown namespace settings {sorted(unknown)}")
    for key, value in settings.items():
        setattr(ns, key, value)
