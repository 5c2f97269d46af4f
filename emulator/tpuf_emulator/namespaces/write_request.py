"""Phase 1 of a write: check the request's JSON shape (422) and collect it into a ``WriteRequest``.

Nothing here looks at a namespace: this is the part of validation that depends on the body alone.
Semantic checks that need the schema (types, ids, conditions) happen in ``write_plan.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import bad_request, unprocessable
from ..schema.model import DISTANCE_METRICS
from ..schema.values import describe_json
from .names import validate_namespace_name

WRITE_FIELDS = (
    "upsert_rows", "upsert_columns", "patch_rows", "patch_columns", "deletes",
    "upsert_condition", "patch_condition", "delete_condition",
    "delete_by_filter", "delete_by_filter_allow_partial", "patch_by_filter", "patch_by_filter_allow_partial",
    "return_affected_ids", "distance_metric", "schema", "copy_from_namespace", "branch_from_namespace",
    "encryption", "sharding", "disable_backpressure", "create_namespace",
)  # fmt: skip
MAX_SHARDS = 256


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
    if not isinstance(value, kind) or (
        isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,))
    ):
        raise unprocessable(f"{where}: expected {expected}, found {describe_json(value)}")
    return value


def _rows(value: Any, name: str) -> list[RowInput]:
    _expect(value, list, "an array of row objects", name)
    rows = []
    for i, row in enumerate(value):
        where = f"{name}[{i}]"
        _expect(row, dict, "a row object", where)
        if "id" not in row:
            raise unprocessable(f"{where}: missing required field 'id'")
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
    _expect(value, dict, "an object of equal-length column arrays", name)
    if "id" not in value:
        raise unprocessable(f"{name}: missing required field 'id'")
    ids = _expect(value["id"], list, "an array of ids", f"{name}.id")
    columns: dict[str, list[Any]] = {}
    for column, items in value.items():
        if column == "id":
            continue
        if column == "vector" and isinstance(items, str):
            items = _split_vector_blob(items, len(ids), f"{name}.vector")
        _expect(items, list, "an array with one value per id", f"{name}.{column}")
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
    _expect(value, dict, "a namespace name or an object", name)
    known = {"source_namespace", "source_api_key", "source_region", "dest_encryption"}
    for key in value:
        if key not in known:
            raise unprocessable(f"{name}.{key}: unknown field; expected one of {', '.join(sorted(known))}")
    if "source_namespace" not in value:
        raise unprocessable(f"{name}: missing required field 'source_namespace'")
    ref = SourceRef(
        validate_namespace_name(
            _expect(value["source_namespace"], str, "a string", f"{name}.source_namespace")
        )
    )
    if value.get("source_api_key") is not None:
        ref.api_key = _expect(value["source_api_key"], str, "a string", f"{name}.source_api_key")
    if value.get("source_region") is not None:
        ref.region = _expect(value["source_region"], str, "a string", f"{name}.source_region")
    if value.get("dest_encryption") is not None:
        ref.encryption = parse_encryption(value["dest_encryption"], f"{name}.dest_encryption")
    return ref


def parse_encryption(value: Any, where: str) -> dict[str, Any]:
    _expect(value, dict, "an object", where)
    mode = value.get("mode")
    if mode == "default" and set(value) <= {"mode"}:
        return {"mode": "default"}
    if mode == "customer-managed" and set(value) <= {"mode", "key_name", "encryption_context"}:
        parsed = {
            "mode": "customer-managed",
            "key_name": _expect(value.get("key_name"), str, "a string", f"{where}.key_name"),
        }
        if not parsed["key_name"]:
            raise bad_request(f"{where}.key_name: must not be empty")
        if value.get("encryption_context") is not None:
            context = _expect(
                value["encryption_context"], dict, "an object of strings", f"{where}.encryption_context"
            )
            for key, item in context.items():
                _expect(item, str, "a string", f"{where}.encryption_context.{key}")
            parsed["encryption_context"] = dict(context)
        return parsed
    # Pre-2.0 clients: {"cmek": {"key_name": ...}}
    if (
        set(value) == {"cmek"}
        and isinstance(value["cmek"], dict)
        and isinstance(value["cmek"].get("key_name"), str)
    ):
        return {"mode": "customer-managed", "key_name": value["cmek"]["key_name"]}
    raise unprocessable(
        f'{where}: expected {{"mode": "default"}} or {{"mode": "customer-managed", "key_name": ...}}, '
        f"found {value!r:.80}"
    )


def parse_write_request(body: dict[str, Any]) -> WriteRequest:
    for key in body:
        if key not in WRITE_FIELDS:
            raise unprocessable(
                f"unknown field {key!r} in write request; expected one of {', '.join(WRITE_FIELDS)}"
            )
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
        ids = _expect(body["deletes"], list, "an array of ids", "deletes")
        req.deletes = [(doc_id, f"deletes[{i}]") for i, doc_id in enumerate(ids)]
        req.has_delete_op = True
    req.upsert_condition = body.get("upsert_condition")
    req.patch_condition = body.get("patch_condition")
    req.delete_condition = body.get("delete_condition")
    req.delete_by_filter = body.get("delete_by_filter")
    if body.get("patch_by_filter") is not None:
        pbf = _expect(
            body["patch_by_filter"], dict, "an object with 'filters' and 'patch'", "patch_by_filter"
        )
        for key in pbf:
            if key not in ("filters", "patch"):
                raise unprocessable(f"patch_by_filter.{key}: unknown field; expected 'filters' and 'patch'")
        for key in ("filters", "patch"):
            if pbf.get(key) is None:
                raise unprocessable(f"patch_by_filter: missing required field {key!r}")
        req.patch_by_filter = pbf["filters"]
        req.patch_by_filter_patch = _expect(
            pbf["patch"], dict, "an object of attribute values", "patch_by_filter.patch"
        )
        if "id" in req.patch_by_filter_patch:
            raise bad_request("patch_by_filter.patch: the id of a document cannot be patched")
    for flag in ("delete_by_filter_allow_partial", "patch_by_filter_allow_partial", "return_affected_ids",
                 "disable_backpressure", "create_namespace"):  # fmt: skip
        if body.get(flag) is not None:
            setattr(req, flag, _expect(body[flag], bool, "a boolean", flag))
    if body.get("distance_metric") is not None:
        metric = _expect(body["distance_metric"], str, "a string", "distance_metric")
        if metric not in DISTANCE_METRICS:
            raise unprocessable(
                f"distance_metric: expected one of {', '.join(DISTANCE_METRICS)}, found {metric!r}"
            )
        req.distance_metric = metric
    if body.get("schema") is not None:
        req.schema = _expect(body["schema"], dict, "an object mapping attribute names to schemas", "schema")
    if body.get("copy_from_namespace") is not None:
        req.copy_from = _source(body["copy_from_namespace"], "copy_from_namespace")
    if body.get("branch_from_namespace") is not None:
        req.branch_from = _source(body["branch_from_namespace"], "branch_from_namespace")
        if req.branch_from.api_key or req.branch_from.region or req.branch_from.encryption:
            raise bad_request("branch_from_namespace: branches are made within one organisation and region")
    if body.get("encryption") is not None:
        req.encryption = parse_encryption(body["encryption"], "encryption")
    if body.get("sharding") is not None:
        sharding = _expect(body["sharding"], dict, "an object", "sharding")
        if set(sharding) != {"num_shards"}:
            raise unprocessable('sharding: expected {"num_shards": <integer>}')
        shards = sharding["num_shards"]
        if isinstance(shards, float) and shards.is_integer():
            shards = int(shards)  # JSON Schema's integer: 15.0 is 15
        shards = _expect(shards, int, "an integer", "sharding.num_shards")
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
