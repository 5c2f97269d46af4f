"""Every filter operator of §5.1 on a small product catalogue, including the null rules."""

from __future__ import annotations

import pytest
from tpuf_emulator.errors import ApiError
from tpuf_emulator.filters import matches
from tpuf_emulator.language import parse_filter

from .fake_view import FakeView, make_schema

SCHEMA = {
    "name": {"type": "string", "glob": True, "regex": True, "filterable": True},
    "color": "string",
    "price": "float",
    "stock": "int",
    "tags": "[]string",
    "sizes": "[]int",
    "added": "datetime",
    "sku": "uuid",
    "active": "bool",
    "notes": {"type": "string", "filterable": False},
}
ROWS = [
    {
        "id": 1,
        "name": "Red Shoe",
        "color": "red",
        "price": 49.5,
        "stock": 3,
        "tags": ["sale", "shoes"],
        "sizes": [38, 40],
        "added": "2024-03-01T10:00:00Z",
        "sku": "6F1C1E4A-0000-4000-8000-000000000001",
        "active": True,
    },
    {
        "id": 2,
        "name": "blue hat",
        "color": "blue",
        "price": 15.0,
        "stock": 0,
        "tags": ["hats"],
        "sizes": [1],
        "added": "2024-03-05",
        "active": False,
    },
    {"id": 3, "name": "Red Hat", "color": "red", "price": 20.0, "tags": [], "added": "2023-12-31T23:59:59Z"},
    {"id": 4, "name": "swordfish/print.png", "stock": 12, "tags": ["sale"], "sizes": [44]},
    {"id": 5, "name": "green scarf", "color": "green", "price": 9.99, "stock": 7},
]


@pytest.fixture(scope="module")
def view() -> FakeView:
    return FakeView(SCHEMA, ROWS)


def ids(view: FakeView, filters: list) -> list[int]:
    return view.ids(filters=filters, top_k=100)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (["color", "Eq", "red"], [1, 3]),
        (["color", "Eq", None], [4]),
        (["color", "NotEq", "red"], [2, 4, 5]),  # null is not "red"
        (["color", "NotEq", None], [1, 2, 3, 5]),
        (["color", "In", ["blue", "green"]], [2, 5]),
        (["color", "NotIn", ["blue", "green"]], [1, 3, 4]),
        (["price", "Lt", 20], [2, 4, 5]),  # Lt matches null
        (["price", "Lte", 20], [2, 3, 4, 5]),
        (["price", "Gt", 15], [1, 3]),  # Gt never matches null
        (["price", "Gte", 15], [1, 2, 3]),
        (["price", "Lt", None], []),
        (["stock", "Eq", 0], [2]),
        (["active", "Eq", False], [2]),
        (["id", "In", [2, 4, 99]], [2, 4]),
        (["id", "Gt", 3], [4, 5]),
        (["id", "NotEq", 1], [2, 3, 4, 5]),
    ],
)
@pytest.mark.parity(
    "query.filters",
    "Filter.Eq",
    "Filter.NotEq",
    "Filter.In",
    "Filter.NotIn",
    "Filter.Lt",
    "Filter.Lte",
    "Filter.Gt",
    "Filter.Gte",
)
def test_comparison_operators(view, filters, expected):
    assert ids(view, filters) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (["tags", "Contains", "sale"], [1, 4]),
        (["tags", "NotContains", "sale"], [2, 3, 5]),  # complement: null and [] arrays match
        (["tags", "ContainsAny", ["hats", "shoes"]], [1, 2]),
        (["tags", "NotContainsAny", ["hats", "shoes"]], [3, 4, 5]),
        (["tags", "In", ["hats", "shoes"]], [1, 2]),  # Parity #1: any element listed
        (["tags", "In", "sale"], [1, 4]),  # one value is a list of one
        (["tags", "NotIn", ["sale"]], [2, 3, 5]),  # complement: null and [] arrays match
        (["color", "In", "red"], [1, 3]),
        (["color", "NotIn", "red"], [2, 4, 5]),
        (["tags", "Eq", []], [3]),
        (["tags", "Eq", ["sale", "shoes"]], [1]),
        (["sizes", "AnyLt", 2], [2]),
        (["sizes", "AnyLte", 38], [1, 2]),
        (["sizes", "AnyGt", 40], [4]),
        (["sizes", "AnyGte", 40], [1, 4]),
    ],
)
@pytest.mark.parity(
    "Filter.Contains",
    "Filter.NotContains",
    "Filter.ContainsAny",
    "Filter.NotContainsAny",
    "Filter.AnyLt",
    "Filter.AnyLte",
    "Filter.AnyGt",
    "Filter.AnyGte",
)
def test_array_operators(view, filters, expected):
    assert ids(view, filters) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (["name", "Glob", "Red*"], [1, 3]),
        (["name", "Glob", "red*"], []),
        (["name", "IGlob", "red*"], [1, 3]),
        (["name", "NotGlob", "Red*"], [2, 4, 5]),
        (["name", "NotIGlob", "*HAT"], [1, 4, 5]),
        (["name", "Glob", "*.png"], [4]),  # `*` crosses `/` (globset default)
        (["name", "Glob", "?ed H??"], [3]),
        (["name", "Glob", "[bg]*"], [2, 5]),
        (["name", "Glob", "[!bgR]*"], [4]),
        (["name", "Glob", "{blue,green} *"], [2, 5]),
        (["name", "Glob", "swordfish\\/print.png"], [4]),
        (["name", "Regex", "\\w+fish"], [4]),  # unanchored search
        (["name", "Regex", "^Red"], [1, 3]),
        (["name", "Regex", "(?i)^red"], [1, 3]),
    ],
)
@pytest.mark.parity("Filter.Glob", "Filter.NotGlob", "Filter.IGlob", "Filter.NotIGlob", "Filter.Regex")
def test_pattern_operators(view, filters, expected):
    assert ids(view, filters) == expected


def test_datetime_and_uuid_values_are_decoded(view):
    assert ids(view, ["added", "Gte", "2024-03-01"]) == [1, 2]
    assert ids(view, ["added", "Lt", "2024-01-01T00:00:00+00:00"]) == [3, 4, 5]
    # UUIDs compare in canonical lower-case form whatever the case sent.
    assert ids(view, ["sku", "Eq", "6f1c1e4a-0000-4000-8000-000000000001"]) == [1]


@pytest.mark.parity("Filter.And", "Filter.Or", "Filter.Not")
def test_logical_operators(view):
    assert ids(view, ["And", [["color", "Eq", "red"], ["price", "Lt", 30]]]) == [3]
    assert ids(view, ["Or", [["color", "Eq", "green"], ["stock", "Gt", 10]]]) == [4, 5]
    assert ids(view, ["Not", ["color", "Eq", "red"]]) == [2, 4, 5]
    assert ids(view, ["And", []]) == [1, 2, 3, 4, 5]
    assert ids(view, ["Or", []]) == []
    nested = [
        "And",
        [["Or", [["color", "Eq", "red"], ["color", "Eq", "blue"]]], ["Not", ["tags", "Contains", "sale"]]],
    ]
    assert ids(view, nested) == [2, 3]


@pytest.mark.parametrize(
    ("filters", "status", "fragment"),
    [
        (["price", "Eq", "cheap"], 400, "attribute 'price' (float)"),
        (["stock", "Gt", 1.5], 400, "int"),
        (["added", "Gt", "yesterday"], 400, "ISO 8601"),
        (["sku", "Eq", "not-a-uuid"], 400, "UUID"),
        (["notes", "Eq", "x"], 400, "isn't filterable"),
        (["color", "Regex", "r.d"], 400, "regex: true"),
        (["color", "Glob", "r*"], 200, ""),  # filterable attributes accept globs (legacy rule)
        (["notes", "Glob", "r*"], 400, "neither glob: true nor filterable"),
        (["tags", "Lt", "a"], 400, "AnyLt"),
        (["color", "Contains", "r"], 400, "needs an array attribute"),
        (["tags", "Eq", "sale"], 400, "use Contains"),
        (["name", "Regex", "("], 400, "invalid regular expression"),
        (["name", "Glob", "[abc"], 400, "unclosed character class"),
        (["color", "Eq"], 422, "expected"),
        (["color", "Equals", "red"], 422, "unknown variant `Equals`"),
        ({"color": "red"}, 422, "expected a filter array"),
        (["And", ["color", "Eq", "red"]], 422, "expected"),
        (["price", "Eq", {"$ref_new": "price"}], 400, "$ref_new is only allowed in write conditions"),
    ],
)
def test_filter_errors_name_the_problem(view, filters, status, fragment):
    if status == 200:
        ids(view, filters)
        return
    with pytest.raises(ApiError) as info:
        ids(view, filters)
    assert info.value.status == status
    assert fragment in info.value.message


def test_unknown_attribute_reads_as_null(view):
    assert ids(view, ["missing", "Eq", None]) == [1, 2, 3, 4, 5]
    assert ids(view, ["missing", "Eq", "x"]) == []
    assert ids(view, ["missing", "In", [1, 2]]) == []
    assert ids(view, ["missing", "NotIn", [1, 2]]) == [1, 2, 3, 4, 5]
    assert ids(view, ["missing", "Contains", 1]) == []
    assert ids(view, ["missing", "Lt", 3]) == [1, 2, 3, 4, 5]  # null sorts below every value


@pytest.mark.parity("RefNew.$ref_new")
def test_ref_new_in_write_conditions():
    schema = make_schema({"version": "int", "updated": "datetime"})
    tree = parse_filter(["version", "Lt", {"$ref_new": "version"}], schema, allow_ref_new=True)
    assert matches(tree, {"id": 1, "version": 1}, {"version": 2})
    assert not matches(tree, {"id": 1, "version": 3}, {"version": 2})
    # For deletes every $ref_new is null: Lt null matches nothing.
    assert not matches(tree, {"id": 1, "version": 1}, None)
    newer_or_missing = parse_filter(
        ["Or", [["updated", "Lt", {"$ref_new": "updated"}], ["updated", "Eq", None]]],
        schema,
        allow_ref_new=True,
    )
    assert matches(newer_or_missing, {"id": 1}, {"updated": 5})
    assert matches(newer_or_missing, {"id": 1, "updated": 4}, {"updated": 5})
    assert not matches(newer_or_missing, {"id": 1, "updated": 6}, {"updated": 5})
    insert_if_absent = parse_filter(["id", "Eq", None], schema, allow_ref_new=True)
    assert not matches(insert_if_absent, {"id": 1}, {})
    in_list = parse_filter(["version", "In", [{"$ref_new": "version"}, 7]], schema, allow_ref_new=True)
    assert matches(in_list, {"id": 1, "version": 2}, {"version": 2})
    assert matches(in_list, {"id": 1, "version": 7}, {"version": 2})
