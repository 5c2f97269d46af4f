"""Inferring an attribute's type from the first value written to it (reference 6.3).

JSON strings, integers, booleans and arrays of them are inferred; a number with a fraction is
inferred as ``float`` (the reference's recommendation). The attribute named ``vector`` becomes
``[N]f32`` from its first vector (a number array or a base64 f32-LE string). Everything else
(uuid, datetime, uint, sparse and other vector columns, bytes) must be declared.
"""

from __future__ import annotations

from typing import Any, NoReturn

from ..errors import bad_request
from .values import decode_base64_float32

_UNINFERABLE = "cannot infer the type of attribute {name!r} from {what}; declare it in the write's schema"


def _scalar_type(value: Any) -> str | None:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    return None


def infer_id_type(value: Any) -> str:
    return "uint" if isinstance(value, int) and not isinstance(value, bool) else "string"


def infer_vector_type(name: str, value: Any) -> str:
    if isinstance(value, str):
        array = decode_base64_float32(value, f"attribute {name!r}")
        if not array.size:
            raise bad_request(f"attribute {name!r}: base64 vector must hold at least one float32 value")
        return f"[{array.size}]f32"
    if isinstance(value, list) and value and all(_scalar_type(v) in ("int", "float") for v in value):
        return f"[{len(value)}]f32"
    raise bad_request(f"attribute {name!r}: expected a vector (array of numbers or base64 string)")


def infer_type(name: str, value: Any) -> str | None:
    """The inferred type string, or None when the value says nothing (null, empty array)."""
    if value is None:
        return None
    if name == "vector":
        return infer_vector_type(name, value)
    scalar = _scalar_type(value)
    if scalar is not None:
        return scalar
    if isinstance(value, list):
        kinds = {_scalar_type(v) for v in value if v is not None}
        if not kinds:
            return (
                None if not any(isinstance(v, (list, dict)) for v in value) else _fail(name, "nested arrays")
            )
        if None in kinds:
            raise bad_request(_UNINFERABLE.format(name=name, what="an array of arrays or objects"))
        if kinds == {"int", "float"}:
            return "[]float"
        if len(kinds) > 1:
            raise bad_request(
                f"attribute {name!r}: array elements must all have one type, found {sorted(map(str, kinds))}"
            )
        return f"[]{kinds.pop()}"
    return _fail(name, "an object")


def _fail(name: str, what: str) -> NoReturn:
    raise bad_request(_UNINFERABLE.format(name=name, what=what))
