"""The filter postings narrow equality filters to a superset of the matches, and stay current."""

from __future__ import annotations

import random

import pytest
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
    assert index.candidates(Compare(attr="category", op="Gt", value=3)) is None
    assert index.candidates(Logical(op="Not", children=[Compare(attr="category", op="Eq", value=3)])) is None
    assert index.candidates(Compare(attr="tags", op="Eq", value=["a", "b"])) is None
    either = Logical(
        op="Or",
        children=[Compare(attr="category", op="Eq", value=1), Compare(attr="category", op="Gt", value=3)],
    )
    assert index.candidates(either) is None


def test_only_attributes_filtered_on_are_indexed():
    index = FilterIndex(lambda: _docs(50))
    index.candidates(Compare(attr="category", op="Eq", value=1))
    assert set(index._postings) == {"category"}
