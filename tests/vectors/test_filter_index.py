"""The filter postings narrow equality filters to a superset of the matches, and stay current."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tpuf_emulator.filterindex import FilterIndex
from tpuf_emulator.filters.evaluate import compile_filter
from tpuf_emulator.language.nodes import Compare, Logical


def _docs(n: int, seed: int = 0) -> dict:
    rng = random.Random(seed)
    docs = {}
    for i in range(n):
        doc = {
            "id": i,
            "category": rng.randrange(10),
            "tags": rng.sample(["a", "b", "c", "d"], rng.randrange(3)),
        }
        if rng.random() < 0.8:
            doc["color"] = rng.choice(["red", "green", "blue"])
        docs[i] = doc
    return docs


def _filter_with_index(index: FilterIndex, docs: dict, tree) -> set:
    test = compile_filter(tree)
    narrowed = index.candidates(tree)
    pool = docs if narrowed is None else {i: docs[i] for i in narrowed if i in docs}
    return {i for i, d in pool.items() if test(d, None)}


def _scan(docs: dict, tree) -> set:
    test = compile_filter(tree)
    return {i for i, d in docs.items() if test(d, None)}


FILTERS = [
    Compare(attr="category", op="Eq", value=3),
    Compare(attr="category", op="In", value=(1, 2, 9)),
    Compare(attr="color", op="Eq", value="red"),
    Compare(attr="tags", op="Contains", value="b"),
    Compare(attr="tags", op="ContainsAny", value=("a", "d")),
    Compare(attr="tags", op="In", value=("a", "d")),  # Parity #1: In on an array = holds any listed value
    Compare(attr="tags", op="In", value=("c",)),
    Compare(attr="id", op="In", value=(5, 17, 999)),
    Logical(
        op="And",
        children=[Compare(attr="category", op="Eq", value=3), Compare(attr="color", op="Eq", value="blue")],
    ),
    Logical(
        op="And",
        children=[Compare(attr="category", op="Lt", value=5), Compare(attr="color", op="Eq", value="green")],
    ),
    Logical(
        op="Or",
        children=[Compare(attr="category", op="Eq", value=0), Compare(attr="color", op="Eq", value="red")],
    ),
]


@pytest.mark.parametrize("tree", FILTERS, ids=lambda t: f"{type(t).__name__}-{getattr(t, 'op', '')}")
def test_narrowed_filtering_equals_a_full_scan_through_writes(tree):
    docs = _docs(500)
    index = FilterIndex(lambda: docs)
    assert index.candidates(tree) is not None
    assert _filter_with_index(index, docs, tree) == _scan(docs, tree)
    changes = {i: None for i in range(0, 100, 3)}  # deletes
    changes.update(
        {i: {"id": i, "category": 3, "color": "red", "tags": ["b"]} for i in range(100, 150)}
    )  # updates
    changes.update({1000 + i: {"id": 1000 + i, "category": 3} for i in range(20)})  # inserts without color
    for doc_id, doc in changes.items():
        if doc is None:
            docs.pop(doc_id, None)
        else:
            docs[doc_id] = doc
    index.update(changes)
    assert _filter_with_index(index, docs, tree) == _scan(docs, tree)


def test_forms_it_cannot_narrow_fall_back_to_a_scan():
    index = FilterIndex(lambda: _docs(10))
    assert index.candidates(Compare(attr="color", op="Eq", value=None)) is None  # null = missing
    assert index.candidates(Compare(attr="color", op="Gt", value="m")) is None  # not numeric
    assert index.candidates(Compare(attr="color", op="Lt", value=3)) is None
    assert index.candidates(Compare(attr="category", op="Lt", value="3")) is None
    assert index.candidates(Logical(op="Not", children=[Compare(attr="category", op="Eq", value=3)])) is None
    assert index.candidates(Compare(attr="tags", op="Eq", value=["a", "b"])) is None
    either = Logical(
        op="Or",
        children=[Compare(attr="category", op="Eq", value=1), Compare(attr="color", op="Gt", value="b")],
    )
    assert index.candidates(either) is None


def test_only_attributes_filtered_on_are_indexed():
    index = FilterIndex(lambda: _docs(50))
    index.candidates(Compare(attr="category", op="Eq", value=1))
    assert set(index._postings) == {"category"}


NUMBERS = st.one_of(
    st.integers(min_value=-5, max_value=5),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.floats(min_value=-6, max_value=6, allow_nan=False),
    st.floats(allow_nan=False, allow_infinity=True),
)
VALUES = st.one_of(st.none(), NUMBERS, st.booleans(), st.text(max_size=1))


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(VALUES, min_size=1, max_size=40),
    writes=st.lists(st.tuples(st.integers(0, 50), VALUES), max_size=15),
    op=st.sampled_from(["Lt", "Lte", "Gt", "Gte"]),
    bound=NUMBERS,
)
def test_range_narrowing_equals_a_full_scan_through_writes(values, writes, op, bound):
    """Ranges on ints, floats, huge ints, missing values, and attributes that are not numeric at all."""
    docs = {i: {"id": i} if v is None else {"id": i, "n": v} for i, v in enumerate(values)}
    index = FilterIndex(lambda: docs)
    tree = Logical(op="And", children=[Compare(attr="n", op=op, value=bound)])
    assert _filter_with_index(index, docs, tree) == _scan(docs, tree)
    for doc_id, value in writes:  # one write at a time, like the namespace applies them
        if value is None and doc_id % 3 == 0:
            docs.pop(doc_id, None)
            change = None
        else:
            change = docs[doc_id] = {"id": doc_id} if value is None else {"id": doc_id, "n": value}
        index.update({doc_id: change})
        assert _filter_with_index(index, docs, tree) == _scan(docs, tree)


def test_a_range_on_a_numeric_attribute_is_narrowed_and_rebuilt_after_many_writes():
    docs = {i: {"id": i, "price": float(i)} for i in range(40_000)}
    index = FilterIndex(lambda: docs)
    tree = Compare(attr="price", op="Gte", value=39_990)
    assert index.candidates(tree) == set(range(39_990, 40_000))
    assert index.candidates(Compare(attr="price", op="Lt", value=2.5)) == {0, 1, 2}
    changes = {i: {"id": i, "price": -1.0} for i in range(6_000)}
    docs.update(changes)
    index.update(changes)
    assert "price" not in index._sorted  # more than an eighth changed: rebuilt on next use
    assert index.candidates(Compare(attr="price", op="Lt", value=0)) == set(range(6_000))
    assert _filter_with_index(index, docs, tree) == _scan(docs, tree)


def test_in_on_an_array_attribute_matches_like_contains_any_with_and_without_the_index():
    """Parity #1: ``In`` on an array attribute holds when any element is listed; ``NotIn`` is its
    complement; narrowing through the postings gives the same answer as the scan."""
    docs = _docs(300, seed=7)
    index = FilterIndex(lambda: docs)
    listed = ("a", "d")
    any_of = _scan(docs, Compare(attr="tags", op="ContainsAny", value=listed))
    assert any_of and any_of != set(docs)
    assert _scan(docs, Compare(attr="tags", op="In", value=listed)) == any_of
    assert _filter_with_index(index, docs, Compare(attr="tags", op="In", value=listed)) == any_of
    assert _scan(docs, Compare(attr="tags", op="NotIn", value=listed)) == set(docs) - any_of
