"""Shape checks for JSON request parts: each failure is a 422 in serde's words (``serde_errors``).

A 422 means "the JSON does not have the shape the spec describes" (wrong type, wrong arity, unknown
operator); semantic problems against the namespace (unknown attribute, type mismatch) are 400s raised
by the parsers themselves.
"""

from __future__ import annotations

from typing import Any

from .. import serde_errors
from ..errors import ApiError

# How deep expressions may nest (``["Not", ["Not", ...]]``, ``["Sum", [["Sum", ...]]]``). The HTTP
# decoder bounds JSON nesting too, but the parsers are also called directly (conditional writes,
# fuzzers, other layers): their own bound turns deep input into a 400 long before Python's
# recursion limit, for parsing and for every layer that later walks the parsed tree recursively.
MAX_EXPRESSION_DEPTH = 64


def check_depth(depth: int, kind: str, where: str) -> None:
    """400 when an expression at nesting level ``depth`` (the outermost is level 1) is too deep."""
    if depth > MAX_EXPRESSION_DEPTH:
        raise ApiError(
            400,
            f"{kind} nested too deeply at {where}: at most {MAX_EXPRESSION_DEPTH} levels of nested "
            "expressions are allowed",
        )


def shape_error(where: str, expected: str, found: Any) -> ApiError:
    """422 in serde's words: ``invalid type`` for the wrong JSON type, ``invalid value`` for an array
    of the right type whose content does not fit ``expected``."""
    if isinstance(found, list):
        return serde_errors.invalid_value(where, found, expected)
    return serde_errors.invalid_type(where, found, expected)


def arity_error(where: str, expected: str, found: list[Any]) -> ApiError:
    """422 for an expression array with the wrong number of elements (serde's ``invalid length``)."""
    return serde_errors.invalid_length(where, len(found), expected)


def expect_list(value: Any, where: str, expected: str = serde_errors.SEQUENCE) -> list[Any]:
    if not isinstance(value, list):
        raise shape_error(where, expected, value)
    return value


def expect_str(value: Any, where: str, expected: str = serde_errors.STRING) -> str:
    if not isinstance(value, str):
        raise shape_error(where, expected, value)
    return value


def expect_object(value: Any, where: str, expected: str = serde_errors.MAP) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise shape_error(where, expected, value)
    return value


def expect_bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise shape_error(where, serde_errors.BOOLEAN, value)
    return value


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def expect_number(value: Any, where: str) -> float:
    if not is_number(value):
        raise shape_error(where, serde_errors.FLOAT, value)
    return float(value)


def expect_int(value: Any, where: str, minimum: int | None = None, maximum: int | None = None) -> int:
    """An integer (``15.0`` counts, as in JSON Schema); bounds are semantic (400)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        expected = serde_errors.UNSIGNED if minimum is not None and minimum >= 0 else serde_errors.SIGNED
        raise shape_error(where, expected, value)
    if minimum is not None and value < minimum:
        raise ApiError(400, f"{where}: must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ApiError(400, f"{where}: must be at most {maximum}, got {value}")
    return value


def reject_unknown_keys(obj: dict[str, Any], allowed: tuple[str, ...] | frozenset[str], where: str) -> None:
    """Unknown keys in a parameter object are a shape error (the spec closes these objects)."""
    serde_errors.reject_unknown_fields(obj, allowed if isinstance(allowed, tuple) else sorted(allowed), where)
