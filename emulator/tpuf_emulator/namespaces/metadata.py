"""The ``NamespaceMetadata`` body (reference 9.1) and the PATCH of pinning / read_only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .. import serde_errors
from ..errors import bad_request
from .namespace import Namespace


def iso(ms: int) -> str:
    moment = datetime.fromtimestamp(ms / 1000, tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def metadata_json(ns: Namespace) -> dict[str, Any]:
    """``index`` is ``updating`` while an ANN index still has unindexed (exhaustively searched) rows."""
    out: dict[str, Any] = {
        "schema": ns.schema.to_json(),
        "approx_logical_bytes": ns.logical_bytes,
        "approx_row_count": ns.row_count,
        "created_at": iso(ns.created_at),
        "updated_at": iso(ns.updated_at),
        "encryption": dict(ns.encryption),
        "index": {"status": "up-to-date"},
    }
    unindexed = ns.unindexed_rows()  # vectors still in the ANN index's exhaustively searched tail
    if unindexed:
        per_row = ns.logical_bytes // max(ns.row_count, 1)
        out["index"] = {
            "status": "updating",
            "unindexed_bytes": unindexed * per_row,
            "unindexed_rows": unindexed,
        }
    if ns.last_write_at is not None:
        out["last_write_at"] = iso(ns.last_write_at)
    if ns.pinning is not None:
        replicas = ns.pinning["replicas"]
        out["pinning"] = {
            "replicas": replicas,
            "status": {
                "updated_at": iso(ns.updated_at),
                "ready_replicas": replicas,
                "replicas": replicas,
                "utilization": 0.0,
            },
        }
    if ns.sharding is not None:
        out["sharding"] = dict(ns.sharding)
    if ns.branch_parent is not None:
        out["branching"] = {"parent": ns.branch_parent}
    if ns.read_only:
        out["read_only"] = True
    return out


_UNSET = object()
# The spec's bound (a 64-bit unsigned integer); larger values could not even be answered in JSON.
MAX_REPLICAS = 2**64 - 1


def parse_metadata_patch(body: dict[str, Any]) -> tuple[Any, Any]:
    """(pinning, read_only) where ``_UNSET`` means "leave unchanged" and pinning None means "unpin"."""
    serde_errors.reject_unknown_fields(body, ("pinning", "read_only"), "")
    pinning: Any = _UNSET
    if "pinning" in body:
        value = body["pinning"]
        if value is None or value is False:
            pinning = None
        elif value is True:
            pinning = {"replicas": 1}
        elif isinstance(value, dict):
            serde_errors.reject_unknown_fields(value, ("replicas",), "pinning")
            replicas = value.get("replicas", 1)
            if isinstance(replicas, float) and replicas.is_integer():
                replicas = int(replicas)  # JSON Schema's integer: 2.0 is 2
            if not isinstance(replicas, int) or isinstance(replicas, bool):
                raise serde_errors.invalid_type("pinning.replicas", replicas, serde_errors.UNSIGNED)
            if replicas < 1:
                raise bad_request(f"pinning.replicas: must be at least 1, got {replicas}")
            if replicas > MAX_REPLICAS:
                raise bad_request(f"pinning.replicas: must be at most {MAX_REPLICAS}, got {replicas}")
            pinning = {"replicas": replicas}
        else:
            raise serde_errors.invalid_type("pinning", value, "a boolean, null or a map")
    read_only: Any = _UNSET
    if "read_only" in body:
        if not isinstance(body["read_only"], bool):
            raise serde_errors.invalid_type("read_only", body["read_only"], serde_errors.BOOLEAN)
        read_only = body["read_only"]
    return pinning, read_only


def is_unset(value: Any) -> bool:
    return value is _UNSET
