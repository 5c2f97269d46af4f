"""Bulk writes decode numeric and bool columns in one pass; it must agree with value-by-value decoding
(and give way to it, so errors still name the offending value)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tpuf_emulator.errors import ApiError
from tpuf_emulator.namespaces import Registry
from tpuf_emulator.schema.values import decode_scalar, decode_scalar_column

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=3),
)


@pytest.mark.parametrize("element", ["int", "uint", "float", "bool"])
@settings(max_examples=300, deadline=None)
@given(values=st.lists(VALUES, min_size=1, max_size=12))
def test_the_column_path_agrees_with_decoding_value_by_value(element: str, values: list[Any]) -> None:
    expected: list[Any] | None = []
    for value in values:
        try:
            expected.append(None if value is None else decode_scalar(element, value, "w"))  # type: ignore[union-attr]
        except ApiError:
            expected = None
            break
    got = decode_scalar_column(element, values)
    if got is None:
        return  # value-by-value decoding takes over: same result by construction
    assert expected is not None, f"{values} decoded as a column although a value is invalid"
    assert len(got) == len(expected)
    for a, b in zip(got, expected, strict=True):
        assert type(a) is type(b) and (a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b)))


def test_a_bad_value_in_a_bulk_write_is_still_named() -> None:
    registry = Registry()
    columns = {"id": [1, 2, 3], "n": [1, 2, 2**64]}
    with pytest.raises(ApiError, match=r"upsert_columns\[2\]\.n") as caught:
        registry.write("dev", "ns", {"upsert_columns": columns, "schema": {"n": {"type": "int"}}})
    assert caught.value.status == 400
    registry.write("dev", "ns", {"upsert_columns": {"id": [1, 2], "n": [5, 6.0], "x": [0.5, 2]}})
    docs = registry._orgs["dev"]["ns"].docs
    assert docs[2]["n"] == 6 and type(docs[2]["n"]) is int and type(docs[2]["x"]) is float
