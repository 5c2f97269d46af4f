"""The fidelity checker itself must catch each kind of shortfall (so the fidelity test can fail)."""

from __future__ import annotations

from typing import Literal, Optional, Required

import pydantic
from typing_extensions import TypedDict

from scripts.fidelity.type_coverage import TypeCoverage


class Params(TypedDict, total=False):
    name: Required[str]
    mode: Literal["fast", "slow"]
    count: int
    pinning: Optional[bool]  # noqa: UP045 - exactly how the SDK spells it


class Result(pydantic.BaseModel):
    total: int
    ratio: float
    note: Optional[str] = None  # noqa: UP045


PARAMS_SCHEMA = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string"},
        "mode": {"type": "string", "enum": ["fast", "slow"]},
        "count": {"type": "integer"},
        "pinning": {"anyOf": [{"type": "boolean"}, {"type": "null"}]},
    },
}
RESULT_SCHEMA = {
    "type": "object",
    "required": ["total", "ratio"],
    "properties": {"total": {"type": "integer"}, "ratio": {"type": "number"}, "note": {"type": "string"}},
}


def check(direction: str, schema: dict, tp: object) -> list[str]:
    return TypeCoverage(direction, forward_ref_namespace={}, skip_fields=set()).check(schema, tp, "x")


def mutate(schema: dict, path: list[str], value: object) -> dict:
    import copy

    result = copy.deepcopy(schema)
    node = result
    for key in path[:-1]:
        node = node[key]
    if value is None:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return result


def test_matching_types_pass() -> None:
    assert check("request", PARAMS_SCHEMA, Params) == []
    assert check("response", RESULT_SCHEMA, Result) == []


def test_missing_field() -> None:
    assert check("request", mutate(PARAMS_SCHEMA, ["properties", "count"], None), Params)


def test_missing_literal_value() -> None:
    assert check("request", mutate(PARAMS_SCHEMA, ["properties", "mode", "enum"], ["fast"]), Params)


def test_required_ness() -> None:
    assert check("request", mutate(PARAMS_SCHEMA, ["required"], []), Params)
    assert check("request", mutate(PARAMS_SCHEMA, ["required"], ["name", "count"]), Params)
    assert check("response", mutate(RESULT_SCHEMA, ["required"], ["total"]), Result)


def test_nullability() -> None:
    assert check("request", mutate(PARAMS_SCHEMA, ["properties", "pinning"], {"type": "boolean"}), Params)
    nullable_total = {"anyOf": [{"type": "integer"}, {"type": "null"}]}
    assert check("response", mutate(RESULT_SCHEMA, ["properties", "total"], nullable_total), Result)


def test_number_kinds_by_direction() -> None:
    assert check("request", mutate(PARAMS_SCHEMA, ["properties", "count"], {"type": "number"}), Params) == []
    assert check("response", mutate(RESULT_SCHEMA, ["properties", "total"], {"type": "number"}), Result)
    assert check("request", mutate(PARAMS_SCHEMA, ["properties", "count"], {"type": "string"}), Params)
