"""Requests resolved into log records, under the namespace's lock, without changing anything.

Each function here reads a namespace (the caller holds its lock) and returns the record that says
exactly what the request does (``records.py``); the registry then appends that record and applies
it with ``apply.apply_record``, the function recovery uses too. A request that fails here, or
whose deadline passes here (``deadline.py``), has logged and applied nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ..errors import bad_request
from ..schema.changes import copy_schema
from ..schema.model import Schema
from .metadata import is_unset
from .namespace import Namespace, now_ms
from .records import MetadataRecord, ReplaceRecord, WriteRecord
from .sizes import document_bytes
from .write_effects import WriteEffects, resolve_effects, write_result
from .write_plan import WritePlan, plan_write, read_only_error
from .write_request import WriteRequest

# ---------------------------------------------------------------------------------------------- writes


@dataclass(frozen=True)
class ResolvedWrite:
    record: WriteRecord
    plan: WritePlan
    effects: WriteEffects
    queried_bytes: int  # the namespace's size before the write (billing of conditions and filters)

    def response(self, started: float) -> dict[str, Any]:
        elapsed = int((time.perf_counter() - started) * 1000)
        return write_result(self.plan, self.effects, self.queried_bytes, elapsed)


def resolve_write(ns: Namespace, req: WriteRequest) -> ResolvedWrite:
    """Validate ``req`` against ``ns`` and resolve its conditions and filters (caller holds the write lock)."""
    if req.sharding is not None and ns.row_count and req.sharding != ns.sharding:
        raise bad_request(
            "sharding can only be set on a namespace's first write (or with copy_from_namespace)"
        )
    plan = plan_write(ns, req)
    effects = resolve_effects(ns, plan)
    settings: dict[str, Any] = {}
    if req.encryption is not None:
        settings["encryption"] = req.encryption
    if req.sharding is not None:
        settings["sharding"] = req.sharding
    changes = effects.changes
    record = WriteRecord(
        org=ns.organization,
        ns=ns.name,
        at=now_ms(),
        schema=plan.schema if plan.schema_changed or not ns.committed else None,
        dropped=list(plan.dropped),
        metric=plan.distance_metric,
        settings=settings,
        put=[doc for doc in changes.values() if doc is not None],
        deleted=[doc_id for doc_id, doc in changes.items() if doc is None],
    )
    return ResolvedWrite(record, plan, effects, ns.logical_bytes)


# ---------------------------------------------------------------------------------------------- copy / branch


@dataclass(frozen=True)
class CopySource:
    """What a copy or branch takes from its source namespace, read under the source's read lock."""

    field: str  # "copy_from_namespace" or "branch_from_namespace", for error messages
    branch: bool
    schema: Schema
    metric: str | None
    docs: list[dict[str, Any]]  # documents are immutable; sharing them is safe
    inherited: dict[
        str, Any
    ]  # settings the destination takes (read_only, encryption, sharding, branch_parent)

    def response(self, started: float) -> dict[str, Any]:
        written = 0 if self.branch else sum(document_bytes(self.schema, doc) for doc in self.docs)
        return {
            "status": "OK",
            "message": "namespace branched successfully" if self.branch else "namespace copied successfully",
            "rows_affected": len(self.docs),
            "rows_upserted": len(self.docs),
            "billing": {"billable_logical_bytes_written": written},
            "performance": {"server_total_ms": int((time.perf_counter() - started) * 1000)},
        }


def read_copy_source(source: Namespace, req: WriteRequest) -> CopySource:
    """The copy's view of ``source`` (caller holds its read lock)."""
    branch = req.branch_from is not None
    ref = req.branch_from or req.copy_from
    assert ref is not None
    field = "branch_from_namespace" if branch else "copy_from_namespace"
    if branch and source.sharding:
        raise bad_request(f"{field}: sharded namespaces cannot be branched; use copy_from_namespace")
    inherited: dict[str, Any] = {"read_only": source.read_only, "encryption": dict(source.encryption),
                                 "sharding": source.sharding}  # fmt: skip
    if not branch:
        inherited["encryption"] = ref.encryption or req.encryption or inherited["encryption"]
        if req.sharding is not None:
            inherited["sharding"] = req.sharding
    inherited["branch_parent"] = ref.namespace if branch else None
    return CopySource(
        field,
        branch,
        copy_schema(source.schema),
        source.distance_metric,
        list(source.docs.values()),
        inherited,
    )


def resolve_copy(dest: Namespace, source: CopySource) -> ReplaceRecord:
    """The record replacing an empty destination's whole state by the copy (caller holds its write lock)."""
    if dest.committed and dest.row_count:
        raise bad_request(
            f"{source.field}: destination namespace {dest.name!r} already exists and is not empty; "
            "copy and branch need an empty destination"
        )
    if dest.read_only:
        raise read_only_error(dest)
    at = now_ms()
    settings = {**source.inherited, "created_at": dest.created_at if dest.committed else at,
                "updated_at": at, "last_write_at": at, "pinning": dest.pinning}  # fmt: skip
    return ReplaceRecord(dest.organization, dest.name, source.schema, source.metric, settings, source.docs)


# ---------------------------------------------------------------------------------------------- metadata


def resolve_metadata(ns: Namespace, pinning: Any, read_only: Any) -> MetadataRecord:
    """``pinning`` / ``read_only`` as parsed by ``metadata.parse_metadata_patch`` (unset: unchanged)."""
    return MetadataRecord(
        ns.organization,
        ns.name,
        now_ms(),
        ns.pinning if is_unset(pinning) else pinning,
        ns.read_only if is_unset(read_only) else read_only,
    )
