"""``IdMap`` (``vectors/idmap.py``) behaves as a dict from id to row for every kind of id.

Property: any sequence of single and bulk sets, pops and deletes over small ints, large and
negative ints, uint64 ids beyond int64, numeric strings and other strings keeps it equal to a
dict (membership, lookups, bulk lookups, length, the set of ids); a string id such as ``"12"`` is
never confused with the int 12.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tpuf_emulator.vectors import idmap
from tpuf_emulator.vectors.idmap import IdMap

ids = st.one_of(
    st.integers(0, 40),
    st.integers(0, 300_000),
    st.integers(-5, -1),
    st.integers(2**63, 2**64 - 1),
    st.sampled_from(["12", "3", "a", "b-c"]),
)
operation = st.one_of(
    st.tuples(st.just("set"), st.lists(ids, min_size=1, max_size=5)),
    st.tuples(st.just("bulk"), st.lists(ids, min_size=1, max_size=8, unique=True)),
    st.tuples(st.just("pop"), st.lists(ids, min_size=1, max_size=5)),
)


@settings(max_examples=300, deadline=None)
@given(operations=st.lists(operation, max_size=30), dense_min=st.sampled_from([4, 64, 1 << 16]))
def test_the_map_equals_a_dict(operations, dense_min):
    original = idmap.DENSE_MIN
    idmap.DENSE_MIN = dense_min
    try:
        mapping, reference = IdMap(), {}
        for step, (kind, chosen) in enumerate(operations):
            if kind == "set":
                for offset, doc_id in enumerate(chosen):
                    mapping[doc_id] = reference[doc_id] = step * 10 + offset
            elif kind == "bulk":
                rows = [step * 10 + offset for offset in range(len(chosen))]
                mapping.set_many(chosen, rows)
                reference.update(zip(chosen, rows, strict=True))
            else:
                for doc_id in chosen:
                    assert mapping.pop(doc_id) == reference.pop(doc_id, None)
            assert len(mapping) == len(reference)
            assert set(mapping) == set(reference)
            probe = [*reference, "12", 12, 7, 2**64 - 1, "zz"]
            assert mapping.rows_of(probe).tolist() == [reference.get(i, -1) for i in probe]
            for doc_id in probe:
                assert (doc_id in mapping) == (doc_id in reference)
                assert mapping.get(doc_id) == reference.get(doc_id)
    finally:
        idmap.DENSE_MIN = original


def test_dense_ids_cost_eight_bytes_each_and_sparse_ids_do_not_grow_the_array():
    mapping = IdMap()
    mapping.set_many(list(range(100_000)), np.arange(100_000))
    assert mapping.memory_bytes() <= 8 * 2 * 100_000
    mapping[10**12] = 1  # far beyond the count: kept beside the array
    assert mapping.memory_bytes() <= 8 * 2 * 100_000 + 100
    assert mapping[10**12] == 1 and mapping[99_999] == 99_999
    del mapping[5]
    with pytest.raises(KeyError):
        mapping[5]
    assert "5" not in mapping and len(mapping) == 100_000
