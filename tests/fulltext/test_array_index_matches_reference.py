"""The array index (postings as numpy arrays) against the dict index it replaced.

``reference_index.ReferenceIndex`` is the previous implementation, kept for these tests only. For
any history of adds, re-adds, removes and compactions, and any query, the two must give the same
BM25 scores bit for bit and in the same order (the order ties keep when ranked), the same top-k as
a stable sort of those scores, and the same token-filter matches.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tpuf_emulator.fulltext import FullTextIndex, compile_token_filter
from tpuf_emulator.fulltext.config import parse_full_text_config
from tpuf_emulator.language.nodes import Bm25
from tpuf_emulator.ranking import rank_by_score

from .reference_index import ReferenceIndex, reference_matching_ids

WORDS = ["run", "running", "Runs", "the", "The", "a", "café", "cafe", "Über", "über", "whale",
         "whales", "whaler", "ship", "sea", "and", "of", "x", "don't", "3.14", "🐳", "東京"]  # fmt: skip
CONFIGS = [
    {},
    {"stemming": True},
    {"stemming": True, "remove_stopwords": True, "ascii_folding": True},
    {"case_sensitive": True, "k1": 2.0, "b": 0.3, "k3": 1.5},
    {"tokenizer": "word_v1", "max_token_length": 4},
    {"b": 0.0},
]

texts = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)
values = st.one_of(st.none(), texts, st.lists(texts, max_size=3))
ids = st.integers(0, 15)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.dictionaries(ids, values, min_size=1, max_size=6)),
        st.tuples(st.just("remove"), ids),
        st.tuples(st.just("compact"), st.none()),
    ),
    max_size=12,
)
queries = st.tuples(
    st.lists(st.sampled_from(WORDS + ["wha", "ca", "zzz"]), min_size=0, max_size=4), st.booleans()
)


def replay(config_json: dict, history: list) -> tuple[FullTextIndex, ReferenceIndex]:
    config = parse_full_text_config(config_json, "[]string", "schema.text")
    assert config is not None
    ours, reference = FullTextIndex(config), ReferenceIndex(config)
    for op, arg in history:
        if op == "add":
            ours.update(arg)  # one batch, as a write applies it
            for doc_id, value in arg.items():
                reference.add(doc_id, value)
        elif op == "remove":
            ours.remove(arg)
            reference.remove(arg)
        else:
            ours.compact()
    return ours, reference


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CONFIGS), operations, st.lists(queries, min_size=1, max_size=4))
def test_bm25_scores_and_their_order_equal_the_reference(config_json, history, query_list) -> None:
    ours, reference = replay(config_json, history)
    assert ours.doc_count == reference.doc_count
    assert ours.avgdl == reference.avgdl
    for words, last_as_prefix in query_list:
        query = " ".join(words)
        expected = reference.bm25(query, last_as_prefix)
        got = ours.bm25(query, last_as_prefix)
        assert list(got.items()) == list(expected.items())  # exact floats, same order
        ranked = sorted(expected.items(), key=lambda item: -item[1])
        for k in (None, 1, 3):
            assert ours.bm25_top(query, last_as_prefix, k) == (ranked if k is None else ranked[:k])


class ReferenceView:
    """The query layer's view of a namespace, with the reference index as its full-text index."""

    def __init__(self, index: ReferenceIndex) -> None:
        self.index = index

    def fulltext(self, attr: str) -> ReferenceIndex:
        return self.index


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CONFIGS), operations, queries, st.permutations(range(16)), st.integers(0, 16),
       st.sampled_from([None, 1, 3]))  # fmt: skip
def test_filtered_top_k_equals_the_query_layers_ranking_of_the_reference(
    config_json, history, query, order, kept, k
) -> None:
    """A filter's candidates (in document order) restrict BM25; ties then break as ``rank_by_score``
    breaks them over the reference index: production order, or candidate order when there are
    fewer candidates than matches."""
    ours, reference = replay(config_json, history)
    words, last_as_prefix = query
    candidates = {i: {"id": i} for i in order[:kept]}
    node = Bm25(attr="text", query=" ".join(words), last_as_prefix=last_as_prefix)
    expected = rank_by_score(ReferenceView(reference), node, candidates, k)
    assert ours.bm25_top(node.query, last_as_prefix, k, candidates.keys()) == expected


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CONFIGS), operations, queries, st.sampled_from(
    ["ContainsAllTokens", "ContainsAnyToken", "ContainsTokenSequence"]))  # fmt: skip
def test_token_filter_matches_equal_the_reference(config_json, history, query, op) -> None:
    ours, reference = replay(config_json, history)
    words, last_as_prefix = query
    params = {"last_as_prefix": True} if last_as_prefix and op != "ContainsTokenSequence" else None
    token_filter = compile_token_filter(ours.analyzer, op, " ".join(words), params)
    expected = reference_matching_ids(token_filter, reference)
    assert token_filter.matching_ids(ours) == expected
    assert {d for d in reference.doc_ids() if token_filter.matches_doc(ours, d)} == expected


def test_ranking_through_the_query_layer_equals_the_top_k_path() -> None:
    """``rank_by_score`` over ``bm25``'s dict ranks as ``bm25_top`` does (ties included)."""
    config = parse_full_text_config({}, "string", "schema.text")
    assert config is not None
    index = FullTextIndex(config)
    index.update({i: ("whale" if i % 2 else "ship") for i in range(10)})
    index.add(4, "ship")  # re-indexed: now last among the "ship" documents
    scores = index.bm25("ship whale")
    assert len(set(scores.values())) == 1  # every document ties
    assert list(scores) == [0, 2, 6, 8, 4, 1, 3, 5, 7, 9]  # first query term's documents, write order

    class View:
        def fulltext(self, attr: str) -> FullTextIndex:
            return index

    node = Bm25(attr="text", query="ship whale", last_as_prefix=False)
    candidates = {i: {"id": i} for i in range(10)}
    for k in (1, 4, 5, 7, None):
        assert rank_by_score(View(), node, candidates, k) == index.bm25_top("ship whale", False, k)
    # A filter's candidates, fewer than the matches: ties break in candidate order.
    few = {i: {"id": i} for i in (9, 4, 2, 7)}
    assert [i for i, _ in index.bm25_top("ship whale", False, None, few.keys())] == [9, 4, 2, 7]
    assert rank_by_score(View(), node, few, 3) == index.bm25_top("ship whale", False, 3, few.keys())
    # As many candidates as matches: production order again.
    assert [i for i, _ in index.bm25_top("ship whale", False, 3, list(reversed(range(10))))] == [0, 2, 6]
