"""BM25 correctness, measured against independent implementations (reference §7.3).

Two independent checks: ``rank_bm25``'s Okapi BM25 configured with the same formula (its IDF swapped
for the Lucene IDF, its k1/b set to ours), and a from-first-principles implementation written
here in a few lines, which also covers the k3 query-term factor that rank_bm25 lacks.
"""

from __future__ import annotations

import math

import pytest
from rank_bm25 import BM25Okapi
from tpuf_emulator.errors import ApiError
from tpuf_emulator.fulltext import Analyzer, FullTextIndex, parse_full_text_config
from tpuf_emulator.schema.model import FullTextConfig

from .bm25_reference import first_principles_bm25

# Opening sentences of public-domain texts (Project Gutenberg), a small real corpus.
CORPUS = {
    1: "It is a truth universally acknowledged, that a single man in possession of a good fortune, "
    "must be in want of a wife.",
    2: "It was the best of times, it was the worst of times, it was the age of wisdom, "
    "it was the age of foolishness.",
    3: "Call me Ishmael. Some years ago, never mind how long precisely, having little or no money "
    "in my purse, and nothing particular to interest me on shore, I thought I would sail about a "
    "little and see the watery part of the world.",
    4: "Happy families are all alike; every unhappy family is unhappy in its own way.",
    5: "All happy families resemble one another, but each unhappy family is unhappy in its own way.",
    6: "The sea was calm and the whale surfaced near the little ship; the sailors watched the whale.",
    7: "In a hole in the ground there lived a hobbit.",
    8: "",
}
QUERIES = [
    "happy family",
    "the whale",
    "little sailing ship",
    "wisdom of the age",
    "unhappy",
    "times",
    "zebra",
]


class LuceneIdfBM25(BM25Okapi):
    """rank_bm25's Okapi BM25 with the Lucene IDF ln(1 + (N - n + 0.5)/(n + 0.5))."""

    def _calc_idf(self, nd):
        for word, freq in nd.items():
            self.idf[word] = math.log(1 + (self.corpus_size - freq + 0.5) / (freq + 0.5))


@pytest.mark.parametrize(
    "options", [{}, {"stemming": True}, {"stemming": True, "remove_stopwords": True}, {"k1": 2.0, "b": 0.3}]
)
@pytest.mark.parity("bm25-scores")
def test_scores_match_rank_bm25_configured_with_the_same_formula(options) -> None:
    config = FullTextConfig(**options)
    index = FullTextIndex(config)
    for doc_id, text in CORPUS.items():
        index.add(doc_id, text)
    analyzer = Analyzer(config)
    ids = list(CORPUS)
    reference = LuceneIdfBM25([analyzer.terms(CORPUS[i]) for i in ids], k1=config.k1, b=config.b)
    checked = 0
    for query in QUERIES:
        expected = reference.get_scores(analyzer.query(query).terms)
        ours = index.bm25(query)
        for position, doc_id in enumerate(ids):
            assert ours.get(doc_id, 0.0) == pytest.approx(expected[position], abs=1e-5), (query, doc_id)
            checked += expected[position] > 0
    assert checked >= 8  # the corpus really exercises matches, not only zeros


def test_scores_match_first_principles_including_query_term_repetition() -> None:
    config = FullTextConfig(stemming=True, k3=8.0)
    index = FullTextIndex(config)
    analyzer = Analyzer(config)
    for doc_id, text in CORPUS.items():
        index.add(doc_id, text)
    docs = {i: analyzer.terms(t) for i, t in CORPUS.items()}
    for query in ["whale whale ship", "unhappy unhappy unhappy family", "it was the age"]:
        expected = first_principles_bm25(docs, analyzer.query(query).terms, config.k1, config.b, config.k3)
        assert index.bm25(query) == pytest.approx(expected, abs=1e-5)


@pytest.mark.parity("bm25-scores")
def test_a_hand_checked_score() -> None:
    # N=2, avgdl=(2+4)/2=3. "fox" in doc 1 only: idf=ln(1+(2-1+0.5)/(1+0.5))=ln 2.
    # doc 1 has |D|=2, tf=1: 1*2.2/(1+1.2*(0.25+0.75*2/3)) = 2.2/1.9.
    index = FullTextIndex(FullTextConfig())
    index.add("a", "red fox")
    index.add("b", "a lazy brown dog")
    assert index.bm25("fox") == {"a": pytest.approx(math.log(2) * 2.2 / 1.9, abs=1e-12)}


def test_array_values_count_tokens_across_all_elements() -> None:
    config = FullTextConfig()
    index = FullTextIndex(config)
    index.add(1, ["whale song", "whale watching"])
    index.add(2, "whale")
    index.add(3, ["dolphins", "seals"])
    docs = {1: ["whale", "song", "whale", "watching"], 2: ["whale"], 3: ["dolphins", "seals"]}
    assert index.bm25("whale") == pytest.approx(first_principles_bm25(docs, ["whale"], 1.2, 0.75, 8.0))


def test_documents_without_a_value_are_not_counted() -> None:
    index = FullTextIndex(FullTextConfig())
    index.add(1, "whale")
    index.add(2, None)
    index.add(3, "fish")
    assert index.doc_count == 2 and index.avgdl == 1.0


def test_updates_and_removals_are_incremental_and_exact() -> None:
    config = FullTextConfig()
    index = FullTextIndex(config)
    for doc_id, text in CORPUS.items():
        index.add(doc_id, text)
    index.add(6, "a new text about whales")  # upsert replaces the old value
    index.remove(7)
    index.remove(999)  # unknown ids are ignored
    fresh = FullTextIndex(config)
    for doc_id, text in CORPUS.items():
        if doc_id != 7:
            fresh.add(doc_id, "a new text about whales" if doc_id == 6 else text)
    for query in QUERIES + ["whales", "hobbit"]:
        assert index.bm25(query) == pytest.approx(fresh.bm25(query))
    assert index.doc_count == fresh.doc_count and index.avgdl == pytest.approx(fresh.avgdl)
    assert index.bm25("hobbit") == {}


def test_stemming_matches_inflections() -> None:
    index = FullTextIndex(FullTextConfig(stemming=True))
    index.add(1, "The cow jumped over the moon")
    index.add(2, "Nothing to see here")
    assert set(index.bm25("jumping")) == {1}
    plain = FullTextIndex(FullTextConfig())
    plain.add(1, "The cow jumped over the moon")
    assert plain.bm25("jumping") == {}


def test_last_as_prefix_adds_one_per_prefix_matched_term() -> None:
    index = FullTextIndex(FullTextConfig())
    index.add(1, "the whale and the whaler went whaling")
    index.add(2, "a whale")
    index.add(3, "the dolphin")
    scores = index.bm25("whal", last_as_prefix=True)
    assert scores == {1: 3.0, 2: 1.0}
    combined = index.bm25("dolphin wha", last_as_prefix=True)
    assert combined[3] == pytest.approx(index.bm25("dolphin")[3])
    assert combined[1] == 3.0


def test_bm25_rejects_a_string_query_on_a_pre_tokenized_attribute() -> None:
    config = parse_full_text_config({"tokenizer": "pre_tokenized_array"}, "[]string", "schema.tags")
    index = FullTextIndex(config)
    index.add(1, ["New York", "NYC"])
    index.add(2, ["Boston"])
    with pytest.raises(ApiError) as err:
        index.bm25("New York", where="rank_by")
    assert err.value.status == 400 and "[]string" in err.value.message
    assert set(index.bm25(["New York"])) == {1}
    assert index.bm25(["new york"]) == {}


def test_token_array_query_on_word_tokenizer() -> None:
    index = FullTextIndex(FullTextConfig())
    index.add(1, "Moby Dick")
    assert index.bm25(["moby", "dick"]) == pytest.approx(index.bm25("moby dick"))


def test_too_long_query_is_rejected() -> None:
    index = FullTextIndex(FullTextConfig())
    with pytest.raises(ApiError) as err:
        index.bm25("word " * 2000)
    assert err.value.status == 400
