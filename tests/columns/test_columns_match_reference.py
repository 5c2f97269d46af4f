"""The column path (``columns/``) answers orderings and aggregations exactly as the per-document
reference (``ranking/ordering.py``, ``query/aggregate.py``), on a real ``Namespace`` whose columns
are kept current through random upserts, patches, deletes, attribute drops and compactions.

Values come from small pools so that duplicates, ties, nulls, ``-0.0`` next to ``0.0`` and the
int64/uint64 extremes are common.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tpuf_emulator.columns import aggregate as column_aggregate
from tpuf_emulator.columns import aggregated, ordered_documents
from tpuf_emulator.language.nodes import Aggregate, GroupKey
from tpuf_emulator.namespaces.namespace import Namespace
from tpuf_emulator.query.aggregate import aggregate, aggregate_groups
from tpuf_emulator.ranking import order_documents
from tpuf_emulator.schema.values import decode_value

from tests.query.fake_view import make_schema

SCHEMA = {
    "i": "int",
    "u": "uint",
    "f": "float",
    "s": "string",
    "b": "bool",
    "d": "datetime",
    "g": "uuid",
    "tags": "[]string",
}
SCALARS = ["i", "u", "f", "s", "b", "d", "g"]
POOLS: dict[str, list[Any]] = {
    "i": [-3, 0, 1, 2, 2, 7, -(2**63), 2**63 - 1],
    "u": [0, 1, 5, 5, 2**63, 2**64 - 1],
    "f": [-1.5, -0.0, 0.0, 0.1, 0.25, 2.5, 1e308, -1e-300, 1e16, -1e16, 0.3333333333333333, 3.0],
    "s": ["", "a", "b", "ab", "B", "é", "zz", "a "],
    "b": [True, False],
    "d": ["2024-01-01T00:00:00Z", 0, 1_700_000_000_000, -86_400_000],
    "g": ["6ba7b810-9dad-11d1-80b4-00c04fd430c8", "00000000-0000-0000-0000-000000000001"],
    "tags": [[], ["x"], ["x", "y", "x"]],
}


def attribute_values() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {}, optional={name: st.sampled_from([None, *pool]) for name, pool in POOLS.items()}
    )


ids = st.integers(min_value=0, max_value=40)
upsert = st.tuples(st.just("upsert"), st.lists(st.tuples(ids, attribute_values()), max_size=12))
patch = st.tuples(st.just("patch"), st.lists(st.tuples(ids, attribute_values()), max_size=12))
delete = st.tuples(st.just("delete"), st.lists(ids, max_size=12))
drop = st.tuples(st.just("drop"), st.sampled_from(SCALARS))
operation = st.one_of(upsert, upsert, patch, delete, drop)


def decoded(ns: Namespace, doc_id: int, values: dict[str, Any]) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": doc_id}
    for name, value in values.items():
        attr = ns.schema.get(name)
        if attr is not None and value is not None:
            doc[name] = decode_value(attr, value, name)
    return doc


def apply(ns: Namespace, op: tuple[str, Any]) -> None:
    """Apply one write the way the registry does (resolved changes; drops after the schema change)."""
    kind, arg = op
    if kind == "drop":
        if arg not in ns.schema.attributes:
            return
        schema = make_schema({name: t for name, t in SCHEMA.items() if name in ns.schema.attributes})
        del schema.attributes[arg]
        ns.set_schema(schema)
        ns.drop_attributes([arg])
        return
    changes: dict[Any, dict[str, Any] | None] = {}
    for item in arg:
        if kind == "delete":
            changes[item] = None
            continue
        doc_id, values = item
        if kind == "patch":
            if doc_id not in ns.docs:
                continue
            merged = {k: v for k, v in ns.docs[doc_id].items() if k != "id"}
            new = decoded(ns, doc_id, values)
            merged.update({k: v for k, v in new.items() if k != "id"})
            merged.update({k: None for k, v in values.items() if v is None})
            changes[doc_id] = {"id": doc_id, **{k: v for k, v in merged.items() if v is not None}}
        else:
            changes[doc_id] = decoded(ns, doc_id, values)
    ns.replace_documents(changes)


def new_namespace() -> Namespace:
    ns = Namespace("org", "columns")
    ns.set_schema(make_schema(SCHEMA))
    return ns


order_keys = st.lists(st.tuples(st.sampled_from([*SCALARS, "id"]), st.booleans()), min_size=1, max_size=3)
aggregations = st.dictionaries(
    st.sampled_from(["a", "b", "c", "d"]),
    st.one_of(
        st.just(Aggregate("Count")),
        st.builds(Aggregate, st.just("Count"), st.sampled_from([*SCALARS, "tags", "id"])),
        st.builds(Aggregate, st.just("Sum"), st.sampled_from(["i", "u", "f"])),
    ),
    min_size=1,
    max_size=4,
)
group_keys = st.lists(st.sampled_from(SCALARS), min_size=1, max_size=3, unique=True).map(
    lambda names: [GroupKey(name, name) for name in names]
)
queries = st.lists(
    st.tuples(
        order_keys, st.one_of(st.none(), st.integers(1, 45)), aggregations, group_keys, st.integers(1, 50)
    ),
    min_size=1,
    max_size=3,
)


def candidates_of(ns: Namespace, chosen: frozenset[int] | None) -> dict[Any, dict[str, Any]] | None:
    if chosen is None:
        return None
    return {doc_id: doc for doc_id, doc in ns.docs.items() if doc_id in chosen}


def sum_may_overflow(ns: Namespace, aggs: dict[str, Aggregate]) -> bool:
    """A grouped int sum the columns leave to the reference (it could leave int64)."""
    return any(agg.function == "Sum" and agg.attr in ("i", "u") for agg in aggs.values())


def check_queries(ns: Namespace, plans: list[Any], chosen: frozenset[int] | None) -> None:
    pool = candidates_of(ns, chosen)
    docs = list((ns.docs if pool is None else pool).values())
    for keys, k, aggs, groups, limit in plans:
        got = ordered_documents(ns, pool, keys, k)
        assert got is not None
        want = order_documents(docs, keys, k)
        assert [d["id"] for d in got] == [d["id"] for d in want]

        answer = aggregated(ns, pool, aggs, None, limit)
        assert answer == {"aggregations": aggregate(docs, aggs, ns.schema)}

        answer = aggregated(ns, pool, aggs, groups, limit)
        expected = aggregate_groups(docs, aggs, groups, ns.schema, limit)
        if answer is None:  # only a grouped int sum that could overflow int64 goes back to the reference
            assert sum_may_overflow(ns, aggs)
        else:
            assert answer == {"aggregation_groups": expected}
            assert repr(answer["aggregation_groups"]) == repr(expected)  # 1 vs 1.0, 0.0 vs -0.0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(operation, max_size=8),
    queries,
    st.one_of(st.none(), st.frozensets(ids)),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_columns_match_reference_through_writes(
    ops: list[Any], plans: list[Any], chosen: frozenset[int] | None, early: bool, compact: bool, sort: bool
) -> None:
    with (  # group codes counted in arrays, or sorted as they are for sparse codes
        mock.patch.object(column_aggregate, "COUNTING_MIN_CODES", 0 if sort else 1 << 16),
        mock.patch.object(column_aggregate, "COUNTING_ROWS_FACTOR", 0 if sort else 4),
    ):
        run_writes_and_queries(ops, plans, chosen, early, compact)


def run_writes_and_queries(
    ops: list[Any], plans: list[Any], chosen: frozenset[int] | None, early: bool, compact: bool
) -> None:
    ns = new_namespace()
    if early:  # columns built before the writes, then maintained incrementally
        ns.columns().compact_min_tombstones = 0 if compact else 1_024
        check_queries(ns, plans, chosen)
    for op in ops:
        apply(ns, op)
        if early:
            check_queries(ns, plans, chosen)
    check_queries(ns, plans, chosen)  # built now from the documents, or maintained since the start


def test_columns_fall_back_for_string_ids_and_exploded_keys() -> None:
    ns = new_namespace()
    ns.replace_documents({"b": {"id": "b", "i": 1, "tags": ["x"]}, "a": {"id": "a", "i": 1}})
    assert ordered_documents(ns, None, [("id", False)], 10) is None  # the reference orders string ids
    assert [d["id"] for d in ordered_documents(ns, None, [("i", False)], 10) or []] == ["b", "a"]
    explode = [GroupKey("tag", "tags", explode=True)]
    assert aggregated(ns, None, {"n": Aggregate("Count")}, explode, 10) is None


def test_float_sums_add_in_document_order_like_the_reference() -> None:
    """A pairwise sum (``np.sum``) would keep the small terms a running sum rounds away."""
    ns = new_namespace()
    ns.replace_documents({0: {"id": 0, "f": 1e16, "s": "x"}})
    ns.replace_documents({i: {"id": i, "f": 1.0, "s": "x"} for i in range(1, 40)})
    docs = list(ns.docs.values())
    sums = {"total": Aggregate("Sum", "f")}
    assert aggregated(ns, None, sums, None, 10) == {"aggregations": {"total": 1e16}}
    assert aggregate(docs, sums, ns.schema) == {"total": 1e16}
    grouped = [GroupKey("s", "s")]
    assert aggregated(ns, None, sums, grouped, 10) == {"aggregation_groups": [{"s": "x", "total": 1e16}]}
    assert aggregate_groups(docs, sums, grouped, ns.schema, 10) == [{"s": "x", "total": 1e16}]
