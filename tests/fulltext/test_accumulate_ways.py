"""The ways ``fulltext/index.py`` sums a query's term contributions give the same bits.

Many postings next to the table are summed in one table-long array (``np.bincount``); few are
merged by a stable sort; a top-k query of two terms looks one term's rows up in the other's
(rows in no particular order). Scores must not depend on which ran: same rows, same first term per row,
bit-identical float64 sums (each added in term order from 0.0), for scalar (prefix) and per-row
contributions alike.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from tpuf_emulator.fulltext import index as fulltext_index


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), table=st.integers(1, 400), terms=st.integers(2, 4))
def test_dense_and_merged_sums_are_bit_identical(seed, table, terms):
    rng = np.random.default_rng(seed)
    reached = []
    for _ in range(terms):
        rows = np.sort(rng.choice(table, int(rng.integers(1, table + 1)), replace=False)).astype(np.int32)
        scale = 10.0 ** float(rng.integers(-3, 4))
        contribution = (
            float(rng.uniform(0, scale)) if rng.random() < 0.25 else rng.uniform(0, scale, len(rows))
        )
        reached.append((rows, contribution))
    merged = fulltext_index._accumulate(reached, table_rows=10**12)  # never dense
    every = np.concatenate([rows for rows, _ in reached])
    dense = fulltext_index._accumulate_dense(reached, every, table)
    assert merged.rows.tolist() == dense.rows.tolist()
    assert merged.first_term.tolist() == dense.first_term.tolist()
    assert merged.scores.tobytes() == dense.scores.tobytes()
    if terms == 2:
        pair = fulltext_index._accumulate_pair(reached)
        order = np.argsort(pair.rows)
        assert pair.rows[order].tolist() == merged.rows.tolist()
        assert pair.first_term[order].tolist() == merged.first_term.tolist()
        assert pair.scores[order].tobytes() == merged.scores.tobytes()
