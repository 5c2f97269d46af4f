"""Log records: their types, and their on-disk meaning (storage/ only stores opaque bytes).

A record is the RESOLVED effect of one acknowledged request, never the request itself, so applying
it never re-evaluates a condition or a filter. The same record object is applied live (after it is
durably appended) and on replay (after ``decode``), by one function: ``apply.apply_record``.

=====================  ============================================================================
type                   bytes (``encode``; the dict layout ``dumps`` frames)
=====================  ============================================================================
``WriteRecord``        ``{"op": "write", "org", "ns", "at", "schema"?, "metric"?, "settings"?,
                       "drop"?: [attr...], "put": [doc...], "del": [id...]}``: set the schema,
                       remove the dropped attributes from every document, then apply ``put`` /
                       ``del`` (whose documents already lack dropped values).
``ReplaceRecord``      ``{"op": "put", "org", "ns", "state": {"schema", "metric", "settings"},
                       "put": [doc...]}``: the whole namespace (copy / branch; a snapshot's
                       namespaces are read back as the same type, ``snapshots.read_registry``)
``MetadataRecord``     ``{"op": "meta", "org", "ns", "at", "pinning", "read_only"}``
``DropRecord``         ``{"op": "drop", "org", "ns"}``
=====================  ============================================================================

Byte layout of a record (``dumps``)::

    b"\x01" | meta length u32 | meta (orjson: the record, documents as a packed section) | blocks

Documents are packed (``pack_documents``): dense float32 vectors are taken out of the JSON and
stored as raw little-endian blocks, one matrix per attribute, because re-encoding a bulk write's
vectors as base64 cost as much server time as parsing the request (13% of it, measured at 768-d)
and made the log a third larger. The same packing is what snapshot chunks use (``snapshots``).
Every other value is JSON with tagged wrappers for what JSON cannot hold exactly: every dict
value in an encoded document is a wrapper (``{"nd": [dtype, shape, base64]}`` for other numpy
arrays, ``{"b": base64}`` for bytes, ``{"sp": {...}}`` for sparse vectors), so decoding is
unambiguous. Records of earlier versions were plain JSON (first byte ``{``); they still load.
"""

from __future__ import annotations

import base64
import struct
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson

from ..fulltext import FullTextIndex
from ..schema.model import Schema
from ..schema.options import parse_schema_map
from ..vectors.column import VectorColumn
from .namespace import Namespace


def encode_value(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return {"nd": [value.dtype.str, list(value.shape), base64.b64encode(value.tobytes()).decode()]}
    if isinstance(value, bytes):
        return {"b": base64.b64encode(value).decode()}
    if isinstance(value, dict):
        return {"sp": value}
    if isinstance(value, str) and not value.isascii():
        # orjson serialises a non-ASCII str through its UTF-8 form, which CPython then caches inside
        # the str object for its lifetime: on the namespace's own strings that doubled their memory
        # (11 MiB for 94k passages of docs text). A short-lived copy takes the cache instead.
        return value[:-1] + value[-1:]
    return value


def decode_value(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "nd" in value:
        dtype, shape, data = value["nd"]
        return np.frombuffer(base64.b64decode(data), dtype=np.dtype(dtype)).reshape(shape).astype(np.float32)
    if "b" in value:
        return base64.b64decode(value["b"])
    return dict(value["sp"])


def encode_doc(doc: dict[str, Any]) -> dict[str, Any]:
    return {name: encode_value(value) for name, value in doc.items()}


def decode_doc(doc: dict[str, Any]) -> dict[str, Any]:
    return {name: decode_value(value) for name, value in doc.items()}


def schema_from_json(data: dict[str, Any]) -> Schema:
    return Schema(parse_schema_map(data, {}, "stored schema"))


def settings_of(ns: Namespace) -> dict[str, Any]:
    return {
        "created_at": ns.created_at,
        "updated_at": ns.updated_at,
        "last_write_at": ns.last_write_at,
        "pinning": ns.pinning,
        "read_only": ns.read_only,
        "encryption": ns.encryption,
        "branch_parent": ns.branch_parent,
        "sharding": ns.sharding,
    }


# The keys of ``settings_of``: what a record's ``settings`` may set.
SETTINGS = frozenset(("created_at", "updated_at", "last_write_at", "pinning", "read_only", "encryption",
                      "branch_parent", "sharding"))  # fmt: skip


# ---------------------------------------------------------------------------------------------- types


@dataclass(frozen=True)
class WriteRecord:
    """The resolved effects of one write (documents, schema, settings) on one namespace."""

    org: str
    ns: str
    at: int
    schema: Schema | None  # the whole new schema when it changed (or the namespace is new), else None
    dropped: Sequence[str]  # attributes whose values leave every document
    metric: str | None
    settings: Mapping[str, Any]  # namespace settings this write sets (keys of ``SETTINGS``)
    put: Sequence[dict[str, Any]]  # new documents, each replacing the one of its id
    deleted: Sequence[Any]  # ids of deleted documents


@dataclass(frozen=True)
class ReplaceRecord:
    """A namespace's whole state, replacing whatever it held: a copy or branch (logged), or one
    namespace of a snapshot (``fulltext``: the indexes loaded with it; never logged)."""

    org: str
    ns: str
    schema: Schema
    metric: str | None
    settings: Mapping[str, Any]
    docs: Collection[dict[str, Any]]
    fulltext: Mapping[str, FullTextIndex] | None = None
    logical_bytes: int | None = None  # the namespace's size at the snapshot's cut (None: measure the docs)
    owned: bool = False  # the documents are this record's alone (decoded from a snapshot), not shared
    vector_columns: Mapping[str, VectorColumn] | None = None  # columns the documents' vectors are views of


@dataclass(frozen=True)
class MetadataRecord:
    org: str
    ns: str
    at: int
    pinning: dict[str, Any] | None
    read_only: bool


@dataclass(frozen=True)
class DropRecord:
    org: str
    ns: str


Record = WriteRecord | ReplaceRecord | MetadataRecord | DropRecord


def encode(record: Record) -> bytes:
    """The bytes of ``record`` in the log (``dumps``)."""
    head = {"org": record.org, "ns": record.ns}
    if isinstance(record, WriteRecord):
        return dumps(
            {"op": "write", **head, "at": record.at,
             "schema": None if record.schema is None else record.schema.to_json(),
             "drop": list(record.dropped), "metric": record.metric, "settings": dict(record.settings),
             "del": list(record.deleted)},
            record.put,
        )  # fmt: skip
    if isinstance(record, ReplaceRecord):
        state = {
            "schema": record.schema.to_json(),
            "metric": record.metric,
            "settings": dict(record.settings),
        }
        return dumps({"op": "put", **head, "state": state}, record.docs)
    if isinstance(record, MetadataRecord):
        return dumps({"op": "meta", **head, "at": record.at, "pinning": record.pinning,
                      "read_only": record.read_only})  # fmt: skip
    return dumps({"op": "drop", **head})


def decode(data: bytes) -> Record:
    """The record ``encode`` (or an earlier version, ``loads``) wrote as ``data``."""
    raw = loads(data)
    op, org, name = raw["op"], raw["org"], raw["ns"]
    if op == "write":
        schema = raw.get("schema")
        return WriteRecord(
            org, name, raw["at"], None if schema is None else schema_from_json(schema), raw.get("drop") or [],
            raw.get("metric"), raw.get("settings") or {}, raw["put"], raw["del"],
        )  # fmt: skip
    if op == "put":
        state = raw["state"]
        return ReplaceRecord(
            org, name, schema_from_json(state["schema"]), state["metric"], state["settings"], raw["put"]
        )
    if op == "meta":
        return MetadataRecord(org, name, raw["at"], raw["pinning"], raw["read_only"])
    if op == "drop":
        return DropRecord(org, name)
    raise ValueError(f"unknown log record operation {op!r}")


# ---------------------------------------------------------------------------------------------- packing

_F32 = np.dtype("<f4")
PACKED = 1
_HEAD = struct.Struct("<BI")


def _is_dense_vector(value: Any) -> bool:
    return isinstance(value, np.ndarray) and value.ndim == 1 and value.dtype == np.float32


def pack_documents(docs: list[dict[str, Any]]) -> tuple[dict[str, Any], list[bytes]]:
    """``({"docs": [...], "packed": [[attr, dims, rows | null], ...], "coded": [...]}, blocks)``: the
    documents as JSON without their dense vectors, plus one ``len(rows) x dims`` float32 block per
    packed attribute (``rows`` lists the documents that have it, ``null`` meaning all of them).
    ``coded`` lists the documents holding a value ``encode_value`` wrapped (bytes, sparse vectors,
    other arrays): only those need decoding, the others are plain JSON already."""
    rows: dict[str, list[int]] = {}
    vectors: dict[str, list[np.ndarray]] = {}
    encoded: list[dict[str, Any]] = []
    coded: list[int] = []
    for position, doc in enumerate(docs):
        plain: dict[str, Any] = {}
        for name, value in doc.items():
            if _is_dense_vector(value) and (name not in vectors or len(vectors[name][0]) == len(value)):
                rows.setdefault(name, []).append(position)
                vectors.setdefault(name, []).append(value)
            else:
                plain[name] = plain_value = encode_value(value)
                if type(plain_value) is dict and (not coded or coded[-1] != position):
                    coded.append(position)
        encoded.append(plain)
    packed = [
        [name, len(vectors[name][0]), None if len(rows[name]) == len(docs) else rows[name]]
        for name in vectors
    ]
    # One copy, straight from each document's array into the block (no intermediate matrix).
    blocks = [b"".join([_f32_buffer(vector) for vector in vectors[name]]) for name in vectors]
    return {"docs": encoded, "packed": packed, "coded": coded}, blocks


def _f32_buffer(vector: np.ndarray) -> memoryview:
    if vector.dtype != _F32 or not vector.flags.c_contiguous:
        vector = np.ascontiguousarray(vector, dtype=_F32)
    return vector.data


def unpack_documents(
    section: dict[str, Any],
    buffer: bytes | memoryview,
    offset: int,
    columns: Mapping[str, VectorColumn] | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """The documents of a packed section whose blocks start at ``buffer[offset]``, and the offset after them.
    (Sections written before ``coded`` existed have every document decoded.)

    ``columns``: vector columns that take packed attributes of their dimensions (snapshot loading);
    those documents hold their rows' views. An aligned block becomes the column's rows in place
    (``VectorColumn.adopt``: no copy; the column keeps ``buffer`` alive); an unaligned
    one (snapshots written before their chunks were padded) is copied in (``VectorColumn.put``)."""
    coded = section.get("coded")
    if coded is None:
        docs = [decode_doc(doc) for doc in section["docs"]]
    else:  # the parsed JSON dicts are the documents, except those holding a wrapped value
        docs = section["docs"]
        for position in coded:
            docs[position] = decode_doc(docs[position])
    for name, dims, rows in section["packed"]:
        targets = range(len(docs)) if rows is None else rows
        count = len(targets)
        matrix = np.frombuffer(buffer, dtype=_F32, count=count * dims, offset=offset).reshape(count, dims)
        offset += count * dims * _F32.itemsize
        column = None if columns is None else columns.get(name)
        if column is not None and column.dims == dims:
            ids = [docs[position]["id"] for position in targets]
            views = column.adopt(ids, matrix) if matrix.flags.aligned else column.put(ids, matrix)
            for position, view in zip(targets, views, strict=True):
                docs[position][name] = view
            continue
        # A copy, so the documents neither keep the buffer alive nor hold read-only arrays.
        matrix = matrix.astype(np.float32, copy=True)
        for row, position in enumerate(targets):
            docs[position][name] = matrix[row]
    return docs, offset


# ---------------------------------------------------------------------------------------------- records


def dumps(record: dict[str, Any], documents: Iterable[dict[str, Any]] = ()) -> bytes:
    """One log record: ``record`` plus ``documents`` packed under its ``"put"`` key."""
    section, blocks = pack_documents(list(documents))
    meta = orjson.dumps({**record, "put": section})
    return b"".join([_HEAD.pack(PACKED, len(meta)), meta, *blocks])


def loads(data: bytes) -> dict[str, Any]:
    """A record as written by ``dumps`` (``"put"`` holding decoded documents), or a legacy JSON one."""
    if data[:1] == b"{":
        record: dict[str, Any] = orjson.loads(data)
        docs = record["state"].pop("docs") if record.get("op") == "put" else record.get("put", [])
        record["put"] = [decode_doc(doc) for doc in docs]
        return record
    kind, length = _HEAD.unpack_from(data)
    if kind != PACKED:
        raise ValueError(f"unknown log record kind {kind}")
    record = orjson.loads(memoryview(data)[_HEAD.size : _HEAD.size + length])
    assert isinstance(record, dict)
    record["put"], end = unpack_documents(record["put"], data, _HEAD.size + length)
    if end != len(data):
        raise ValueError(f"a log record holds {len(data) - end} bytes beyond its vectors")
    return record
