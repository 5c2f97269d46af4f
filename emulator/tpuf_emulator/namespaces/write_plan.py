"""Phase 2 of a write: validate the whole request against the namespace WITHOUT changing anything.

The result, a ``WritePlan``, holds the new schema, every decoded document and every parsed
filter. If this phase raises, nothing was written (atomic writes: validate everything, then apply).
Schema changes of the request are resolved first, so values are checked against the types the
same request declares (reference 3.7: "declare uuid/full_text_search in the first write").
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass, field
from typing import Any

from ..errors import ApiError, bad_request
from ..schema.changes import apply_schema_changes, dropped_attributes, fill_distance_metric
from ..schema.inference import infer_id_type, infer_type
from ..schema.model import AttributeSchema, Schema
from ..schema.names import validate_attribute_name
from ..schema.options import parse_attribute, parse_schema_changes
from ..schema.values import decode_dense_vectors, decode_scalar_column, decode_value
from .conditions import parse_write_filter
from .ids import decode_id
from .namespace import Namespace
from .write_request import RowInput, WriteRequest

# Reference §1.8: "Max attribute value size 8 MiB". The other limit there, "Max filterable value
# size 4 KiB", is NOT enforced on writes: turbopuffer's own SDK benchmark (turbopuffer-sdk-bench,
# python/) upserts 8,096-character `content` strings with no schema (so `content` is inferred as a
# filterable string) into the hosted service and queries them back with include_attributes=True.
# The hosted service therefore stores and returns longer strings of filterable attributes; the
# 4 KiB limit bounds what a filter can compare, so it is checked on filter operands
# (language/filters.py, MAX_FILTERABLE_VALUE_BYTES).
# String values up to this long are interned: a namespace holds each distinct one once.
SHARED_STRING_CHARS = 64
MAX_ATTRIBUTE_VALUE_BYTES = 8 * 1024 * 1024


@dataclass
class WritePlan:
    request: WriteRequest
    schema: Schema
    schema_changed: bool
    distance_metric: str | None
    upserts: list[tuple[Any, dict[str, Any]]] = field(default_factory=list)
    patches: list[tuple[Any, dict[str, Any]]] = field(default_factory=list)  # value None = set to null
    deletes: list[Any] = field(default_factory=list)
    upsert_condition: Any = None
    patch_condition: Any = None
    delete_condition: Any = None
    delete_by_filter: Any = None
    patch_by_filter: Any = None
    patch_by_filter_patch: dict[str, Any] | None = None
    # Attributes dropped by this request's schema ({"drop": true}): their values leave every document.
    dropped: list[str] = field(default_factory=list)


def read_only_error(ns: Namespace) -> ApiError:
    return ApiError(
        403, f"namespace {ns.name!r} is read-only; PATCH its metadata with read_only: false to write"
    )


def plan_write(ns: Namespace, req: WriteRequest) -> WritePlan:
    if ns.read_only:
        raise read_only_error(ns)
    metric = _resolve_metric(ns, req)
    schema = ns.schema
    dropped: list[str] = []
    if req.schema is not None:
        explicit = parse_schema_changes(req.schema, schema.attributes, "schema")
        schema = apply_schema_changes(
            schema, explicit, has_documents=ns.row_count > 0, distance_metric=metric
        )
        dropped = dropped_attributes(explicit)
    schema = _with_id_type(schema, req, ns)
    id_attr = schema.get("id")
    id_type = id_attr.type.text if id_attr is not None else "uint"
    upserts = [(decode_id(r.id, id_type, r.id_where), r) for r in req.upserts]
    patches = [(decode_id(r.id, id_type, r.id_where), r) for r in req.patches]
    deletes = [(decode_id(doc_id, id_type, where), where) for doc_id, where in req.deletes]
    _reject_duplicates(
        [(i, r.id_where) for i, r in upserts] + [(i, r.id_where) for i, r in patches] + deletes
    )

    schema = _infer_new_attributes(schema, ns, req, metric)
    if metric is None and any(a.type.kind in ("vector", "multivector") for a in schema.attributes.values()):
        raise bad_request("distance_metric is required when a namespace gets vector attributes "
                          "(\"cosine_distance\" or \"euclidean_squared\")")  # fmt: skip
    schema = _fill_metric(schema, metric)
    plan = WritePlan(req, schema, schema is not ns.schema, metric, dropped=dropped)
    plan.upserts = _decode_upserts(schema, upserts)
    plan.patches = [(doc_id, _decode_patch(schema, row.values, row.where)) for doc_id, row in patches]
    plan.deletes = [doc_id for doc_id, _ in deletes]
    if req.patch_by_filter_patch is not None:
        plan.patch_by_filter_patch = _decode_patch(schema, req.patch_by_filter_patch, "patch_by_filter.patch")
    for name, allow_ref_new in (("upsert_condition", True), ("patch_condition", True), ("delete_condition", True),
                                ("delete_by_filter", False)):  # fmt: skip
        value = getattr(req, name)
        if value is not None:
            setattr(plan, name, parse_write_filter(value, schema, name, allow_ref_new=allow_ref_new))
    if req.patch_by_filter is not None:
        plan.patch_by_filter = parse_write_filter(req.patch_by_filter, schema, "patch_by_filter.filters",
                                                  allow_ref_new=False)  # fmt: skip
    return plan


def _resolve_metric(ns: Namespace, req: WriteRequest) -> str | None:
    if req.distance_metric and ns.distance_metric and req.distance_metric != ns.distance_metric:
        raise bad_request(
            f"distance_metric: namespace {ns.name!r} uses {ns.distance_metric}; it cannot change to "
            f"{req.distance_metric}"
        )
    return ns.distance_metric or req.distance_metric


def _with_id_type(schema: Schema, req: WriteRequest, ns: Namespace) -> Schema:
    """Integer ids make the id attribute ``uint``, string ids ``string``, unless declared (e.g. uuid)."""
    if schema.get("id") is not None or not req.upserts:
        return schema
    id_type = infer_id_type(req.upserts[0].id)
    return apply_schema_changes(schema, {"id": parse_attribute("id", id_type, None, "id")},
                                has_documents=ns.row_count > 0, distance_metric=None)  # fmt: skip


def _reject_duplicates(ids: list[tuple[Any, str]]) -> None:
    seen: dict[Any, str] = {}
    for doc_id, where in ids:
        if doc_id in seen:
            raise bad_request(
                f"duplicate id {doc_id!r} in one write request ({seen[doc_id]} and {where}); "
                "an id may appear only once across upserts, patches and deletes"
            )
        seen[doc_id] = where


def _value_sources(req: WriteRequest) -> list[tuple[str, dict[str, Any]]]:
    sources = [(row.where, row.values) for row in req.upserts + req.patches]
    if req.patch_by_filter_patch is not None:
        sources.append(("patch_by_filter.patch", req.patch_by_filter_patch))
    return sources


def _infer_new_attributes(schema: Schema, ns: Namespace, req: WriteRequest, metric: str | None) -> Schema:
    inferred: dict[str, AttributeSchema] = {}
    undecided: set[str] = set()
    for where, values in _value_sources(req):
        for name, value in values.items():
            if name in schema.attributes or name in inferred:
                continue
            validate_attribute_name(name, f"{where}.{name}")
            type_text = infer_type(name, value)
            if type_text is None:
                undecided.add(name)
                continue
            undecided.discard(name)
            inferred[name] = parse_attribute(name, type_text, None, f"{where}.{name}")
    if not inferred:
        return schema
    return apply_schema_changes(schema, inferred, has_documents=ns.row_count > 0, distance_metric=metric)


def _fill_metric(schema: Schema, metric: str | None) -> Schema:
    missing = [a for a in schema.attributes.values() if a.ann is not None and "distance_metric" not in a.ann]
    if not missing or metric is None:
        return schema
    filled = Schema(copy.deepcopy(schema.attributes))
    for attr in filled.attributes.values():
        fill_distance_metric(attr, metric)
    return filled


def _decode_attribute(schema: Schema, name: str, value: Any, where: str) -> Any:
    attr = schema.get(name)
    if attr is None:
        return None  # only null / empty arrays of a never-typed attribute reach here: nothing to store
    decoded = decode_value(attr, value, where)
    if isinstance(decoded, str):
        size = len(decoded.encode())
        if size > MAX_ATTRIBUTE_VALUE_BYTES:
            raise bad_request(
                f"{where}: value is {size} bytes, more than the limit of {MAX_ATTRIBUTE_VALUE_BYTES}"
            )
    return decoded


def _decode_upserts(schema: Schema, upserts: list[tuple[Any, RowInput]]) -> list[tuple[Any, dict[str, Any]]]:
    """Decode upserted rows; dense vector and numeric/bool columns are decoded in one batch per attribute
    (per-value calls dominated a bulk write's decoding), everything else value by value."""
    columns: dict[str, list[Any]] = {}
    if len(upserts) > 1:
        for name, attr in schema.attributes.items():
            kind = attr.type.kind
            if name == "id" or kind not in ("vector", "scalar"):
                continue
            values = [row.values.get(name) for _, row in upserts]
            if kind == "vector":
                decoded = decode_dense_vectors(attr.type, values)
            else:
                decoded = decode_scalar_column(attr.type.element, values)
            if decoded is not None:
                columns[name] = decoded
    if not columns:
        return [(doc_id, _decode_upsert(schema, doc_id, row)) for doc_id, row in upserts]
    return [
        (doc_id, _decode_upsert(schema, doc_id, row, {name: column[i] for name, column in columns.items()}))
        for i, (doc_id, row) in enumerate(upserts)
    ]


def _decode_upsert(
    schema: Schema, doc_id: Any, row: RowInput, decoded_vectors: dict[str, Any] | None = None
) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": doc_id}
    for name, value in row.values.items():
        if value is None:
            continue
        if decoded_vectors is not None and name in decoded_vectors:
            doc[name] = decoded_vectors[name]
            continue
        try:
            decoded = _decode_attribute(schema, name, value, f"{row.where}.{name}")
        except ApiError as exc:  # the position locates the row; the id is what the caller knows it by
            raise ApiError(exc.status, f"{exc.message} (document id {doc_id!r})", exc.headers) from None
        if type(decoded) is str and len(decoded) <= SHARED_STRING_CHARS:
            decoded = sys.intern(decoded)  # one object per distinct short value (categories, sources)
        if decoded is not None:
            doc[name] = decoded
    for name, attr in schema.attributes.items():
        if attr.type.kind == "vector" and attr.embed is None and name not in doc:
            raise bad_request(
                f"{row.where}: missing vector attribute {name!r}; every upserted document must have a value "
                "for each vector attribute of the namespace"
            )
    return doc


def _decode_patch(schema: Schema, values: dict[str, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in values.items():
        attr = schema.get(name)
        if attr is not None and attr.type.is_vector:
            raise bad_request(
                f"{where}.{name}: vector attributes cannot be patched; upsert the document instead"
            )
        out[name] = None if value is None else _decode_attribute(schema, name, value, f"{where}.{name}")
    return out
