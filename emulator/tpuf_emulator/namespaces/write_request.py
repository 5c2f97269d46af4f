"""Phase 1 of a write: check the request's JSON shape (422, serde's words) and collect it into a ``WriteRequest``.

Nothing here looks at a namespace: this is the part of validation that depends on the body alone.
Semantic checks that need the schema (types, ids, conditions) happen in ``write_plan.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import serde_errors
from ..errors import bad_request
from ..schema.model import DISTANCE_METRICS
from .names import validate_namespace_name

WRITE_FIELDS = (
    "upsert_rows", "upsert_columns", "patch_rows", "patch_columns", "deletes",
    "upsert_condition", "patch_condition", "delete_condition",
    "delete_by_filter", "delete_by_filter_allow_partial", "patch_by_filter", "patch_by_filter_allow_partial",
    "return_affected_ids", "distance_metric", "schema", "copy_from_namespace", "branch_from_namespace",
    "encryption", "sharding", "disable_backpressure", "create_namespace",
)  # fmt: skip
MAX_SHARDS = 256
ENCRYPTION_MODES = ("default", "customer-managed")
# Well-formed CMEK key names (the spec's ``EncryptionCustomerManaged.key_name`` pattern): a GCP key's
# resource name or an AWS KMS ARN (any partition). Anything else is the hosted service's 400.
KMS_KEY_NAME_PATTERN = (
    r"^(projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+|arn:aws[a-z-]*:kms:.+)$"
)


@dataclass
class RowInput:
    """One document of an upsert or patch, still in JSON form; ``where`` locates it for error messages."""

    id: Any
    values: dict[str, Any]
    where: str
    id_where: str


@dataclass
class SourceRef:
    namespace: str
    api_key: str | None = None
    region: str | None = None
    encryption: dict[str, Any] | None = None


@dataclass
class WriteRequest:
    upserts: list[RowInput] = field(default_factory=list)
    patches: list[RowInput] = field(default_factory=list)
    deletes: list[tuple[Any, str]] = field(default_factory=list)
    has_upsert_op: bool = False
    has_patch_op: bool = False
    has_delete_op: bool = False
    upsert_condition: Any = None
    patch_condition: Any = None
    delete_condition: Any = None
    delete_by_filter: Any = None
    delete_by_filter_allow_partial: bool = False
    patch_by_filter: Any = None  # the "filters" value
    patch_by_filter_patch: dict[str, Any] | None = None
    patch_by_filter_allow_partial: bool = False
    return_affected_ids: bool = False
    disable_backpressure: bool = False
    distance_metric: str | None = None
    schema: dict[str, Any] | None = None
    copy_from: SourceRef | None = None
    branch_from: SourceRef | None = None
    encryption: dict[str, Any] | None = None
    sharding: dict[str, Any] | None = None
    # False: never create the namespace (404 when missing); True/None: create it on this write.
    create_namespace: bool | None = None

    @property
    def has_documents(self) -> bool:
        return self.has_upsert_op or self.has_patch_op or self.has_delete_op

    @property
    def has_filter_writes(self) -> bool:
        return self.delete_by_filter is not None or self.patch_by_filter is not None


def _expect(value: Any, kind: type | tuple[type, ...], expected: str, where: str) -> Any:
    """``value`` when it has the JSON type ``kind``; else serde's ``invalid type`` (422)."""
    if not isinstance(value, kind) or (
        isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,))
    ):
        raise serde_errors.invalid_type(where, value, expected)
    return value


def _rows(value: Any, name: str) -> list[RowInput]:
    _expect(value, list, serde_errors.SEQUENCE, name)
    rows = []
    for i, row in enumerate(value):
        where = f"{name}[{i}]"
        _expect(row, dict, serde_errors.MAP, where)
        if "id" not in row:
            raise serde_errors.missing_field(where, "id")
        values = dict(row)
        del values["id"]
        rows.append(RowInput(row["id"], values, where, f"{where}.id"))
    return rows


def _split_vector_blob(blob: str, count: int, where: str) -> list[Any]:
    """``Columns.vector`` given as ONE base64 string: the vectors of all rows packed back to back."""
    import base64
    import binascii

    try:
        raw = base64.b64decode(blob, validate=True)
    except (binascii.Error, ValueError):
        raise bad_request(f"{where}: expected base64 little-endian float32 data") from None
    if count == 0:
        return []
    if len(raw) % (4 * count):
        raise bad_request(f"{where}: {len(raw)} bytes cannot be split into {count} equal float32 vectors")
    step = len(raw) // count
    return [base64.b64encode(raw[i * step : (i + 1) * step]).decode() for i in range(count)]


def _columns(value: Any, name: str) -> list[RowInput]:
    _expect(value, dict, serde_errors.MAP, name)
    if "id" not in value:
        raise serde_errors.missing_field(name, "id")
    ids = _expect(value["id"], list, serde_errors.SEQUENCE, f"{name}.id")
    columns: dict[str, list[Any]] = {}
    for column, items in value.items():
        if column == "id":
            continue
        if column == "vector" and isinstance(items, str):
            items = _split_vector_blob(items, len(ids), f"{name}.vector")
        _expect(items, list, serde_errors.SEQUENCE, f"{name}.{column}")
        if len(items) != len(ids):
            raise bad_request(f"{name}.{column}: has {len(items)} values but {name}.id has {len(ids)}")
        columns[column] = items
    rows = []
    for i, doc_id in enumerate(ids):
        values = {column: items[i] for column, items in columns.items()}
        rows.append(RowInput(doc_id, values, f"{name}[{i}]", f"{name}.id[{i}]"))
    return rows


def _source(value: Any, name: str) -> SourceRef:
    if isinstance(value, str):
        return SourceRef(validate_namespace_name(value))
    _expect(value, dict, "a string or a map", name)
    serde_errors.reject_unknown_fields(
        value, ("source_namespace", "source_api_key", "source_region", "dest_encryption"), name
    )
    if "source_namespace" not in value:
        raise serde_errors.missing_field(name, "source_namespace")
    ref = SourceRef(
        validate_namespace_name(
            _expect(value["source_namespace"], str, serde_errors.STRING, f"{name}.source_namespace")
        )
    )
    if value.get("source_api_key") is not None:
        ref.api_key = _expect(value["source_api_key"], str, serde_errors.STRING, f"{name}.source_api_key")
    if value.get("source_region") is not None:
        ref.region = _expect(value["source_region"], str, serde_errors.STRING, f"{name}.source_region")
    if value.get("dest_encryption") is not None:
        ref.encryption = parse_encryption(value["dest_encryption"], f"{name}.dest_encryption")
    return ref


def parse_encryption(value: Any, where: str) -> dict[str, Any]:
    """``{"mode": "default"}`` or ``{"mode": "customer-managed", "key_name", "encryption_context"?}``
    (also the pre-2.0 ``{"cmek": {"key_name": ...}}``); the key name must be well-formed (400)."""
    _expect(value, dict, serde_errors.MAP, where)
    if "cmek" in value and "mode" not in value:
        serde_errors.reject_unknown_fields(value, ("cmek",), where)
        legacy = _expect(value["cmek"], dict, serde_errors.MAP, f"{where}.cmek")
        serde_errors.reject_unknown_fields(legacy, ("key_name",), f"{where}.cmek")
        return {"mode": "customer-managed", "key_name": _key_name(legacy, f"{where}.cmek")}
    if "mode" not in value:
        raise serde_errors.missing_field(where, "mode")
    mode = serde_errors.variant(value["mode"], f"{where}.mode", ENCRYPTION_MODES, "EncryptionMode")
    if mode == "default":
        serde_errors.reject_unknown_fields(value, ("mode",), where)
        return {"mode": "default"}
    serde_errors.reject_unknown_fields(value, ("mode", "key_name", "encryption_context"), where)
    parsed: dict[str, Any] = {"mode": "customer-managed", "key_name": _key_name(value, where)}
    if value.get("encryption_context") is not None:
        context = _expect(value["encryption_context"], dict, serde_errors.MAP, f"{where}.encryption_context")
        for key, item in context.items():
            _expect(item, str, serde_errors.STRING, f"{where}.encryption_context.{key}")
        parsed["encryption_context"] = dict(context)
    return parsed


def _key_name(value: dict[str, Any], where: str) -> str:
    """A CMEK key: a GCP Cloud KMS key's resource name or an AWS KMS key ARN, else the hosted 400."""
    if "key_name" not in value:
        raise serde_errors.missing_field(where, "key_name")
    key: str = _expect(value["key_name"], str, serde_errors.STRING, f"{where}.key_name")
    if not re.search(KMS_KEY_NAME_PATTERN, key):
        raise bad_request(f"Malformed Cloud KMS crypto key: {key}")
    return key


def parse_write_request(body: dict[str, Any]) -> WriteRequest:
    serde_errors.reject_unknown_fields(body, WRITE_FIELDS, "")
    req = WriteRequest()
    for name in ("upsert_rows", "upsert_columns", "patch_rows", "patch_columns"):
        if body.get(name) is None:
            continue
        rows = _rows(body[name], name) if name.endswith("_rows") else _columns(body[name], name)
        if name.startswith("upsert"):
            req.upserts += rows
            req.has_upsert_op = True
        else:
            req.patches += rows
            req.has_patch_op = True
    if body.get("deletes") is not None:
        ids = _expect(body["deletes"], list, serde_errors.SEQUENCE, "deletes")
        req.deletes = [(doc_id, f"deletes[{i}]") for i, doc_id in enumerate(ids)]
        req.has_delete_op = True
    req.upsert_condition = body.get("upsert_condition")
    req.patch_condition = body.get("patch_condition")
    req.delete_condition = body.get("delete_condition")
    req.delete_by_filter = body.get("delete_by_filter")
    if body.get("patch_by_filter") is not None:
        pbf = _expect(body["patch_by_filter"], dict, serde_errors.struct("PatchByFilter"), "patch_by_filter")
        serde_errors.reject_unknown_fields(pbf, ("filters", "patch"), "patch_by_filter")
        for key in ("filters", "patch"):
            if pbf.get(key) is None:
                raise serde_errors.missing_field("patch_by_filter", key)
        req.patch_by_filter = pbf["filters"]
        req.patch_by_filter_patch = _expect(pbf["patch"], dict, serde_errors.MAP, "patch_by_filter.patch")
        if "id" in req.patch_by_filter_patch:
            raise bad_request("patch_by_filter.patch: the id of a document cannot be patched")
    for flag in ("delete_by_filter_allow_partial", "patch_by_filter_allow_partial", "return_affected_ids",
                 "disable_backpressure", "create_namespace"):  # fmt: skip
        if body.get(flag) is not None:
            setattr(req, flag, _expect(body[flag], bool, serde_errors.BOOLEAN, flag))
    if body.get("distance_metric") is not None:
        req.distance_metric = serde_errors.variant(
            body["distance_metric"], "distance_metric", DISTANCE_METRICS, "DistanceMetric"
        )
    if body.get("schema") is not None:
        req.schema = _expect(body["schema"], dict, serde_errors.MAP, "schema")
    if body.get("copy_from_namespace") is not None:
        req.copy_from = _source(body["copy_from_namespace"], "copy_from_namespace")
    if body.get("branch_from_namespace") is not None:
        req.branch_from = _source(body["branch_from_namespace"], "branch_from_namespace")
        if req.branch_from.api_key or req.branch_from.region or req.branch_from.encryption:
            raise bad_request("branch_from_namespace: branches are made within one organisation and region")
    if body.get("encryption") is not None:
        req.encryption = parse_encryption(body["encryption"], "encryption")
    if body.get("sharding") is not None:
        sharding = _expect(body["sharding"], dict, serde_errors.struct("ShardingConfig"), "sharding")
        serde_errors.reject_unknown_fields(sharding, ("num_shards",), "sharding")
        if "num_shards" not in sharding:
            raise serde_errors.missing_field("sharding", "num_shards")
        shards = sharding["num_shards"]
        if isinstance(shards, float) and shards.is_integer():
            shards = int(shards)  # JSON Schema's integer: 15.0 is 15
        shards = _expect(shards, int, serde_errors.UNSIGNED, "sharding.num_shards")
        if not 1 <= shards <= MAX_SHARDS:
            raise bad_request(f"sharding.num_shards: must be between 1 and {MAX_SHARDS}, got {shards}")
        req.sharding = {"num_shards": shards}
    _check_combinations(req)
    return req


def _check_combinations(req: WriteRequest) -> None:
    if req.copy_from and req.branch_from:
        raise bad_request("copy_from_namespace and branch_from_namespace cannot be combined")
    source = req.copy_from or req.branch_from
    if source is not None:
        name = "copy_from_namespace" if req.copy_from else "branch_from_namespace"
        if req.has_documents or req.has_filter_writes or req.schema is not None:
            raise bad_request(
                f"{name} cannot be combined with document writes or schema changes in one request"
            )
        if req.branch_from and req.sharding:
            raise bad_request("branch_from_namespace is not supported for sharded namespaces")
        return
    for name, cond, present, op in (
        ("upsert_condition", req.upsert_condition, req.has_upsert_op, "upsert_rows or upsert_columns"),
        ("patch_condition", req.patch_condition, req.has_patch_op, "patch_rows or patch_columns"),
        ("delete_condition", req.delete_condition, req.has_delete_op, "deletes"),
    ):
        if cond is not None and not present:
            raise bad_request(f"{name} needs {op} in the same request")
    if not (req.has_documents or req.has_filter_writes or req.schema is not None or req.distance_metric
            or req.encryption or req.sharding):  # fmt: skip
        raise bad_request(
            "write request contains nothing to do: send upsert_rows, upsert_columns, patch_rows, patch_columns, "
            "deletes, delete_by_filter, patch_by_filter, schema, copy_from_namespace or branch_from_namespace"
        )
