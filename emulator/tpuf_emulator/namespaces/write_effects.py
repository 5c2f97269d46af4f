"""Phase 3 of a write: resolve a validated plan against the namespace's current documents.

The outcome is the set of RESOLVED effects (id -> new document, or None for a deletion) plus the
counts and billing of the response. Nothing is modified here; the registry persists the effects
and then applies them, so a crash never leaves half a request, and replay never re-evaluates a
condition. Order (reference 3.7): ``delete_by_filter``, then ``patch_by_filter`` (never touching
rows just deleted), then the id-addressed upserts/patches/deletes, whose conditions see the state
after the two filter steps.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..deadline import paced
from ..errors import bad_request
from .conditions import matches
from .namespace import Namespace, without_attributes
from .sizes import billable_bytes, id_bytes
from .write_plan import WritePlan

MAX_DELETE_BY_FILTER = 5_000_000
MAX_PATCH_BY_FILTER = 50_000
_MISSING = object()


@dataclass
class WriteEffects:
    changes: dict[Any, dict[str, Any] | None] = field(default_factory=dict)
    upserted: list[Any] = field(default_factory=list)
    patched: list[Any] = field(default_factory=list)
    deleted: list[Any] = field(default_factory=list)
    rows_remaining: bool = False
    bytes_written: int = 0
    queries: int = 0  # condition checks and filter scans, billed as queries
    bytes_returned: int = 0


def _apply_patch(doc: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    new = dict(doc)
    for name, value in patch.items():
        if value is None:
            new.pop(name, None)
        else:
            new[name] = value
    return new


class _State:
    """The namespace's documents as seen through the effects resolved so far.

    Attributes the request drops are already gone from every document seen here, so a patch or a
    condition never carries a dropped value forward.
    """

    def __init__(self, ns: Namespace, effects: WriteEffects, dropped: list[str]) -> None:
        self.docs = ns.docs
        self.changes = effects.changes
        self.dropped = frozenset(dropped)

    def get(self, doc_id: Any) -> dict[str, Any] | None:
        changed = self.changes.get(doc_id, _MISSING)
        if changed is not _MISSING:
            return changed  # type: ignore[return-value]
        doc = self.docs.get(doc_id)
        if doc is not None and not self.dropped.isdisjoint(doc):
            doc = without_attributes(doc, self.dropped)
        return doc

    def items(self) -> Iterator[tuple[Any, dict[str, Any]]]:
        for doc_id in self.docs:
            current = self.get(doc_id)
            if current is not None:
                yield doc_id, current


def _select(
    state: _State, tree: Any, limit: int, allow_partial: bool, field_name: str
) -> tuple[list[Any], bool]:
    selected = [doc_id for doc_id, doc in paced(state.items()) if matches(tree, doc)]
    if len(selected) <= limit:
        return selected, False
    if not allow_partial:
        raise bad_request(
            f"{field_name} matches {len(selected)} documents, more than the limit of {limit} per request; "
            f"set {field_name}_allow_partial: true to process the first {limit} and get rows_remaining: true"
        )
    return selected[:limit], True


def resolve_effects(ns: Namespace, plan: WritePlan) -> WriteEffects:
    req = plan.request
    effects = WriteEffects()
    state = _State(ns, effects, plan.dropped)
    schema = plan.schema

    if plan.delete_by_filter is not None:
        effects.queries += 1
        ids, remaining = _select(state, plan.delete_by_filter, MAX_DELETE_BY_FILTER,
                                 req.delete_by_filter_allow_partial, "delete_by_filter")  # fmt: skip
        effects.rows_remaining |= remaining
        for doc_id in ids:
            effects.changes[doc_id] = None
            effects.deleted.append(doc_id)
            effects.bytes_written += id_bytes(doc_id)
            effects.bytes_returned += id_bytes(doc_id)

    if plan.patch_by_filter is not None:
        effects.queries += 2  # find candidates, then re-check them atomically
        ids, remaining = _select(state, plan.patch_by_filter, MAX_PATCH_BY_FILTER,
                                 req.patch_by_filter_allow_partial, "patch_by_filter")  # fmt: skip
        effects.rows_remaining |= remaining
        patch = plan.patch_by_filter_patch or {}
        for doc_id in ids:
            new = _apply_patch(state.get(doc_id), patch)  # type: ignore[arg-type]
            effects.changes[doc_id] = new
            effects.patched.append(doc_id)
            effects.bytes_written += billable_bytes(schema, new, patch)
            effects.bytes_returned += id_bytes(doc_id)

    if any(c is not None for c in (plan.upsert_condition, plan.patch_condition, plan.delete_condition)):
        effects.queries += 1  # one condition check per batch (reference 3.3)

    for doc_id, doc in plan.upserts:
        current = state.get(doc_id)
        if current is not None and plan.upsert_condition is not None:
            if not matches(plan.upsert_condition, current, ref_new=doc):
                continue
        effects.changes[doc_id] = doc
        effects.upserted.append(doc_id)
        effects.bytes_written += billable_bytes(schema, doc)

    for doc_id, patch in plan.patches:
        current = state.get(doc_id)
        if current is None:
            continue  # patches never create documents
        new = _apply_patch(current, patch)
        # $ref_new in a patch condition reads the document as it would be after the patch.
        if plan.patch_condition is not None and not matches(plan.patch_condition, current, ref_new=new):
            continue
        effects.changes[doc_id] = new
        effects.patched.append(doc_id)
        effects.bytes_written += billable_bytes(schema, new, patch)

    for doc_id in plan.deletes:
        current = state.get(doc_id)
        if current is None:
            continue
        # For deletes every $ref_new is null (reference 3.3).
        if plan.delete_condition is not None and not matches(plan.delete_condition, current, ref_new={}):
            continue
        effects.changes[doc_id] = None
        effects.deleted.append(doc_id)
        effects.bytes_written += id_bytes(doc_id)
    return effects


def write_result(
    plan: WritePlan, effects: WriteEffects, queried_bytes: int, elapsed_ms: int
) -> dict[str, Any]:
    """The ``WriteResult`` body: counts of writes that actually happened, affected ids, billing."""
    req = plan.request
    result: dict[str, Any] = {
        "status": "OK",
        "message": "documents committed successfully",
        "rows_affected": len(effects.upserted) + len(effects.patched) + len(effects.deleted),
    }
    if req.has_upsert_op:
        result["rows_upserted"] = len(effects.upserted)
    if req.has_patch_op or req.patch_by_filter is not None:
        result["rows_patched"] = len(effects.patched)
    if req.has_delete_op or req.delete_by_filter is not None:
        result["rows_deleted"] = len(effects.deleted)
    if req.has_filter_writes:
        result["rows_remaining"] = effects.rows_remaining
    if req.return_affected_ids:
        for key, ids in (("upserted_ids", effects.upserted), ("patched_ids", effects.patched),
                         ("deleted_ids", effects.deleted)):  # fmt: skip
            if ids:
                result[key] = ids
    billing: dict[str, Any] = {"billable_logical_bytes_written": effects.bytes_written}
    if effects.queries:
        billing["query"] = {
            "billable_logical_bytes_queried": queried_bytes * effects.queries,
            "billable_logical_bytes_returned": effects.bytes_returned,
        }
    result["billing"] = billing
    result["performance"] = {"server_total_ms": elapsed_ms}
    return result
