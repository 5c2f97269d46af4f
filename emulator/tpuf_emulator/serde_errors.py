"""The hosted service's wording for a request body of the wrong JSON shape (422).

turbopuffer is written in Rust and deserializes request bodies with serde / serde_json; clients match
on serde's messages, so every "wrong JSON shape" error here is rendered exactly as serde would:

* ``invalid type: map, expected a sequence``: a JSON type where another belongs;
* ``invalid value: sequence, expected ...``: the right JSON type holding the wrong content;
* ``invalid length 2, expected ...``: an array of the wrong arity;
* ``unknown variant `x`, expected `a` or `b```: a string that is not one of an enum's values;
* ``unknown field `x`, expected one of `a`, `b`, `c```: a key a closed object does not have;
* ``missing field `x```: a required key is absent.

The found value is rendered like serde_json's ``Unexpected``: ``map``, ``sequence``, ``null``,
``string "abc"`` (Rust ``Debug`` escaping), ``integer `5```, ``floating point `1.5``` (ryu's shortest
form), ``boolean `true```. What was expected is serde's wording for standard types (``a sequence``,
``a string``, ``a boolean``, ``a map``, ``u64``, ``f64``) and ``struct Name`` / ``enum Name`` with the
spec's schema name for closed objects and enums. Messages are prefixed with the JSON path of the
offending value (``upsert_rows[0].id: ...``), as ``serde_path_to_error`` does. All are 422s; semantic
problems with a well-formed body stay 400 and are not worded here.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from .errors import ApiError

SEQUENCE = "a sequence"
STRING = "a string"
BOOLEAN = "a boolean"
MAP = "a map"
UNSIGNED = "u64"
SIGNED = "i64"
FLOAT = "f64"


def struct(name: str) -> str:
    """What serde expects for a closed object: ``struct Consistency``."""
    return f"struct {name}"


def enum(name: str) -> str:
    """What serde expects for an enum: ``enum DistanceMetric``."""
    return f"enum {name}"


def unexpected(value: Any) -> str:
    """A JSON value as serde_json's ``Unexpected`` renders it in ``invalid type: ...``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean `{'true' if value else 'false'}`"
    if isinstance(value, int):
        return f"integer `{value}`"
    if isinstance(value, float):
        return f"floating point `{_ryu(value)}`"
    if isinstance(value, str):
        return f"string {_rust_debug_str(value)}"
    if isinstance(value, list | tuple):
        return "sequence"
    if isinstance(value, dict):
        return "map"
    return type(value).__name__


def one_of(names: Iterable[str]) -> str:
    """serde's ``OneOf``: `` `a` ``, `` `a` or `b` ``, or ``one of `a`, `b`, `c` ``."""
    quoted = [f"`{name}`" for name in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return f"{quoted[0]} or {quoted[1]}"
    return "one of " + ", ".join(quoted)


def _at(where: str, text: str) -> ApiError:
    return ApiError(422, f"{where}: {text}" if where else text)


def invalid_type(where: str, found: Any, expected: str) -> ApiError:
    return _at(where, f"invalid type: {unexpected(found)}, expected {expected}")


def invalid_value(where: str, found: Any, expected: str) -> ApiError:
    return _at(where, f"invalid value: {unexpected(found)}, expected {expected}")


def invalid_length(where: str, length: int, expected: str) -> ApiError:
    return _at(where, f"invalid length {length}, expected {expected}")


def unknown_variant(where: str, variant: str, variants: Iterable[str]) -> ApiError:
    names = list(variants)
    tail = f"expected {one_of(names)}" if names else "there are no variants"
    return _at(where, f"unknown variant `{variant}`, {tail}")


def unknown_field(where: str, field: str, fields: Iterable[str]) -> ApiError:
    names = list(fields)
    tail = f"expected {one_of(names)}" if names else "there are no fields"
    return _at(where, f"unknown field `{field}`, {tail}")


def missing_field(where: str, field: str) -> ApiError:
    return _at(where, f"missing field `{field}`")


def variant(value: Any, where: str, variants: Iterable[str], name: str) -> str:
    """``value`` when it is one of the string ``variants`` of enum ``name``; else serde's 422."""
    names = list(variants)
    if not isinstance(value, str):
        raise invalid_type(where, value, enum(name))
    if value not in names:
        raise unknown_variant(where, value, names)
    return value


def reject_unknown_fields(obj: dict[str, Any], fields: Iterable[str], where: str) -> None:
    """422 naming the first key of ``obj`` that is not one of ``fields`` (a closed object)."""
    names = list(fields)
    for key in obj:
        if key not in names:
            raise unknown_field(where, key, names)


def _ryu(value: float) -> str:
    """A float as Rust's ``ryu`` crate prints it: shortest digits, ``1.0``, ``1e16``, ``1e-7``."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    if not any(digits):
        return "-0.0" if sign else "0.0"
    text = "".join(map(str, digits))
    assert isinstance(exponent, int)
    point = len(text) + exponent  # the decimal point sits after this many digits
    if 0 < point <= 16:
        whole, frac = (text + "0" * max(0, point - len(text)))[:point], text[point:]
        body = f"{whole}.{frac or '0'}"
    elif -5 < point <= 0:
        body = f"0.{'0' * -point}{text}"
    else:
        mantissa = text[0] + (f".{text[1:]}" if len(text) > 1 else "")
        body = f"{mantissa}e{point - 1}"
    return f"-{body}" if sign else body


_ESCAPES = {"\t": "\\t", "\r": "\\r", "\n": "\\n", "\\": "\\\\", '"': '\\"', "\0": "\\0"}


def _rust_debug_str(text: str) -> str:
    """``{:?}`` of a Rust ``&str``: quoted, with ``\\n``-style and ``\\u{..}`` escapes."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif not char.isprintable() and char != " ":
            out.append(f"\\u{{{ord(char):x}}}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
