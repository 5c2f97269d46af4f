"""Filters evaluated as column masks (``columns/masks.py``) select exactly the documents the per-document
reference evaluator (``filters/evaluate.py``) selects, on a real ``Namespace`` kept current through
random upserts, patches, deletes, attribute drops and compactions.

Operands are drawn from one pool of every kind (ints at the int64/uint64 edges and beyond 2^53,
fractional and integral floats, strings, bools, epoch-ms datetimes, UUIDs, null, arrays) whatever
the attribute's type, so the int-vs-float, bool-vs-int and incomparable-type rules are exercised
as well as the typed values the query parser produces. Ids are uints or strings.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tpuf_emulator.columns import filter_mask, filtered_candidates
from tpuf_emulator.filters import compile_filter
from tpuf_emulator.language.glob import compile_glob
from tpuf_emulator.language.nodes import Compare, FilterNode, Logical, PatternMatch
from tpuf_emulator.namespaces.namespace import Namespace

from tests.columns.test_columns_match_reference import POOLS, SCALARS, SCHEMA, apply, new_namespace

OPERANDS: list[Any] = sorted(
    {repr(v): v for pool in POOLS.values() for v in pool if not isinstance(v, list)}.values(), key=repr
) + [None, 1, 1.0, 2.0, 0.5, -3.0, 2**53 + 1, 2**64, -1, True, False, ("x",), "x", "zz", 1_700_000_000_000]
ATTRS = [*SCALARS, "tags", "id", "missing"]
COMPARE_OPS = ["Eq", "NotEq", "In", "NotIn", "Lt", "Lte", "Gt", "Gte", "Contains", "AnyLt"]

operand = st.sampled_from(OPERANDS)


def compare() -> st.SearchStrategy[FilterNode]:
    def build(attr: str, op: str, value: Any, listed: list[Any]) -> FilterNode:
        if op in ("In", "NotIn"):
            return Compare(attr=attr, op=op, value=tuple(listed))
        return Compare(attr=attr, op=op, value=value)

    return st.builds(
        build, st.sampled_from(ATTRS), st.sampled_from(COMPARE_OPS), operand, st.lists(operand, max_size=4)
    )


def glob() -> st.SearchStrategy[FilterNode]:
    return st.builds(
        lambda pattern, negate: PatternMatch(
            attr="s", op="Glob", pattern=pattern, regex=compile_glob(pattern, False), negate=negate
        ),
        st.sampled_from(["a*", "*", "?", "b"]),
        st.booleans(),
    )


trees = st.recursive(
    st.one_of(compare(), compare(), compare(), glob()),
    lambda children: st.one_of(
        st.builds(lambda c: Logical(op="And", children=c), st.lists(children, max_size=3)),
        st.builds(lambda c: Logical(op="Or", children=c), st.lists(children, max_size=3)),
        st.builds(lambda c: Logical(op="Not", children=[c]), children),
    ),
    max_leaves=6,
)

int_ids = st.integers(min_value=0, max_value=40)
str_ids = st.sampled_from(["a", "b", "c", "10", "é", "zz", ""])
upsert_values = st.fixed_dictionaries(
    {}, optional={name: st.sampled_from([None, *pool]) for name, pool in POOLS.items()}
)


def operations(id_strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[str, Any]]:
    pairs = st.lists(st.tuples(id_strategy, upsert_values), max_size=12)
    return st.one_of(
        st.tuples(st.just("upsert"), pairs),
        st.tuples(st.just("upsert"), pairs),
        st.tuples(st.just("patch"), pairs),
        st.tuples(st.just("delete"), st.lists(id_strategy, max_size=12)),
        st.tuples(st.just("drop"), st.sampled_from(SCALARS)),
    )


def reference_ids(ns: Namespace, tree: FilterNode) -> list[Any]:
    test = compile_filter(tree)
    return [doc_id for doc_id, doc in ns.docs.items() if test(doc, None)]


def check(ns: Namespace, tree: FilterNode) -> None:
    try:
        want = reference_ids(ns, tree)
    except TypeError:  # the reference refuses the tree (an unhashable In operand): so must the masks
        return
    got = filtered_candidates(ns, tree)
    assert list(got) == want  # same documents, in document order
    assert [doc["id"] for doc in got.values()] == want
    store = ns.columns()
    mask = filter_mask(store, ns.schema, ns.docs, tree)
    assert [store.rowmap.ids[row] for row in mask.nonzero()[0].tolist()] == want
    assert all(doc_id in got for doc_id in want) and len(got) == len(want)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), st.data(), st.lists(trees, min_size=1, max_size=4), st.booleans(), st.booleans())
def test_filter_masks_match_reference_through_writes(
    string_ids: bool, data: st.DataObject, filters: list[FilterNode], early: bool, compact: bool
) -> None:
    ops = data.draw(st.lists(operations(str_ids if string_ids else int_ids), max_size=8))
    ns = new_namespace()
    if early:  # columns built before the writes, then maintained incrementally
        ns.columns().compact_min_tombstones = 0 if compact else 1_024
        for tree in filters:
            check(ns, tree)
    for op in ops:
        apply(ns, op)
        if early:
            for tree in filters:
                check(ns, tree)
    for tree in filters:
        check(ns, tree)


def test_broad_filter_and_null_rules_on_a_known_namespace() -> None:
    ns = new_namespace()
    apply(
        ns, ("upsert", [(1, {"i": 5, "s": "b"}), (2, {"i": None, "s": "a"}), (3, {"i": 9}), (4, {"f": 1.5})])
    )
    lt = Compare(attr="i", op="Lt", value=7)
    gt = Compare(attr="i", op="Gt", value=4)
    assert list(filtered_candidates(ns, lt)) == [1, 2, 4]  # nulls order below every value
    assert list(filtered_candidates(ns, gt)) == [1, 3]  # and never match Gt
    assert list(filtered_candidates(ns, Compare(attr="s", op="Lte", value="a"))) == [2, 3, 4]
    assert list(filtered_candidates(ns, Compare(attr="f", op="Eq", value=1.5))) == [4]
    assert list(filtered_candidates(ns, Compare(attr="f", op="Gte", value=1))) == [4]  # int against floats
    assert list(filtered_candidates(ns, Compare(attr="s", op="Lt", value=3))) == [
        3,
        4,
    ]  # str < int: only nulls
    assert list(filtered_candidates(ns, Compare(attr="id", op="In", value=(3, 1, 99)))) == [1, 3]
    assert list(filtered_candidates(ns, Logical(op="Not", children=[lt]))) == [3]
    assert SCHEMA["i"] == "int"
