"""Shape checks for JSON request parts: each failure is a 422 naming where, what was expected and what was found.

A 422 means "the JSON does not have the shape the spec describes" (wrong type, wrong arity, unknown
operator); semantic problems against the namespace (unknown attribute, type mismatch) are 400s raised
by the parsers themselves.
"""

from __future__ import annotations

from typing import Any

from ..errors import ApiError
from ..schema.values import describe_json

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
    shown = describe_json(found)
    if isinstance(found, str | int | float) and not isinstance(found, bool):
        text = repr(found)
        shown += f" {text if len(text) <= 60 else text[:57] + '...'}"
    return ApiError(422, f"{where}: expected {expected}, found {shown}")


def expect_list(value: Any, where: str, expected: str = "an array") -> list[Any]:
    if not isinstance(value, list):
        raise shape_error(where, expected, value)
    return value


def expect_str(value: Any, where: str, expected: str = "a string") -> str:
    if not isinstance(value, str):
        raise shape_error(where, expected, value)
    return value


def expect_object(value: Any, where: str, expected: str = "an object") -> dict[str, Any]:
    if not isinstance(value, dict):
        raise shape_error(where, expected, value)
    return value


def expect_bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise shape_error(where, "a boolean", value)
    return value


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def expect_number(value: Any, where: str) -> float:
    if not is_number(value):
        raise shape_error(where, "a number", value)
    return float(value)


def expect_int(value: Any, where: str, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise shape_error(where, "an integer", value)
    if minimum is not None and value < minimum:
        raise ApiError(400, f"{where}: must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ApiError(400, f"{where}: must be at most {maximum}, got {value}")
    return value


def reject_unknown_keys(obj: dict[str, Any], allowed: tuple[str, ...] | frozenset[str], where: str) -> None:
    """Unknown keys in a parameter object are a shape error (the spec closes these objects)."""
    unknown = [key for key in obj if key not in allowed]
    if unknown:
        raise ApiError(
            422,
            f"{where}: unknown field {unknown[0]!r}; expected only {', '.join(sorted(allowed)) or 'no fields'}",
        )
