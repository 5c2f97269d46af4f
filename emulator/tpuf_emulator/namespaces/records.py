"""The on-disk meaning of log records (storage/ only stores opaque bytes; snapshots: ``snapshots``).

A record is the RESOLVED effect of one acknowledged request, never the request itself, so replay
never re-evaluates a condition or a filter:

* ``{"op": "write", "org", "ns", "at", "schema"?, "metric"?, "settings"?, "drop"?: [attr...],
  "put": [doc...], "del": [id...]}``: replay sets the schema, removes the dropped attributes from
  every document, then applies ``put``/``del`` (whose documents already lack dropped values).
* ``{"op": "put", "org", "ns", "state": {...}}``   whole namespace (copy / branch)
* ``{"op": "meta", "org", "ns", "at", "pinning", "read_only"}``
* ``{"op": "drop", "org", "ns"}``

Documents are JSON with tagged wrappers for the values JSON cannot hold exactly: every dict value
in an encoded document is a wrapper (``{"nd": [dtype, shape, base64]}`` for numpy arrays,
``{"b": base64}`` for bytes, ``{"sp": {...}}`` for sparse vectors), so decoding is unambiguous.
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
import orjson

from ..schema.model import Schema
from ..schema.options import parse_schema_map
from .namespace import Namespace


def encode_value(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return {"nd": [value.dtype.str, list(value.shape), base64.b64encode(value.tobytes()).decode()]}
    if isinstance(value, bytes):
        return {"b": base64.b64encode(value).decode()}
    if isinstance(value, dict):
        return {"sp": value}
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


def apply_settings(ns: Namespace, settings: dict[str, Any]) -> None:
    for key, value in settings.items():
        setattr(ns, key, value)


def load_state(ns: Namespace, state: dict[str, Any]) -> None:
    ns.schema = schema_from_json(state["schema"])
    ns.distance_metric = state["metric"]
    apply_settings(ns, state["settings"])
    ns.load_documents(decode_doc(doc) for doc in state["docs"])


def dumps(record: dict[str, Any]) -> bytes:
    return orjson.dumps(record)


def loads(data: bytes) -> dict[str, Any]:
    return orjson.loads(data)
