"""Arbitrary JSON in any query position yields a result or an ApiError (a 4xx), never a crash (a 500)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tpuf_emulator.errors import ApiError
from tpuf_emulator.language import operators as ops

from .fake_view import FakeView, every_kind_view

NAMES = ["id", "s", "n", "arr", "text", "v", "sp", "missing", "$fragment"]
WORDS = sorted(ops.ALL_OPERATORS) + NAMES + ["asc", "desc", "$ref_new", "total", "per", "midpoint", "1h", "*"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.sampled_from(WORDS),
    st.text(max_size=5),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(WORDS + ["level", "attributes", "limit", "weights"]), inner, max_size=3
        ),
    ),
    max_leaves=12,
)
# Operator-shaped arrays reach deeper into the parsers than uniformly random JSON.
shaped = st.builds(
    lambda a, op, rest: [a, op, *rest],
    st.sampled_from(NAMES),
    st.sampled_from(WORDS),
    st.lists(json_values, max_size=2),
) | st.builds(
    lambda op, rest: [op, *rest],
    st.sampled_from(WORDS),
    st.lists(json_values | st.lists(json_values), max_size=3),
)

FIELDS = [
    "filters",
    "rank_by",
    "limit",
    "top_k",
    "offset",
    "include_attributes",
    "exclude_attributes",
    "compute_attributes",
    "aggregate_by",
    "group_by",
    "vector_encoding",
    "consistency",
    "queries",
    "rerank_by",
]


@pytest.fixture(scope="module")
def view() -> FakeView:
    return every_kind_view()


EXAMPLES = 300 if os.environ.get("TPUF_FUZZ") else 60


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), value=shaped | json_values, extra=st.sampled_from([{}, {"top_k": 5}]))
def test_any_json_in_a_query_field_is_handled(view, field, value, extra):
    body = {**extra, field: value}
    try:
        response = view.query(**body)
    except ApiError as exc:
        assert exc.status in (400, 422), exc.message
        assert exc.message
    else:
        assert "billing" in response and "performance" in response
