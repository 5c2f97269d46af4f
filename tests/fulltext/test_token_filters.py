"""ContainsAllTokens / ContainsAnyToken / ContainsTokenSequence (reference §5.1)."""

from __future__ import annotations

import pytest
from tpuf_emulator.errors import ApiError
from tpuf_emulator.fulltext import FullTextIndex, compile_token_filter, parse_full_text_config
from tpuf_emulator.schema.model import FullTextConfig

DOCS = {
    1: "The quick brown fox jumps over the lazy dog",
    2: "A quick movement of the enemy will jeopardize six gunboats",
    3: ["brown bears", "quick rivers"],
    4: "Foxes are quick; the dog is lazy",
    5: None,
}


def build(config: FullTextConfig | None = None) -> FullTextIndex:
    index = FullTextIndex(config or FullTextConfig())
    for doc_id, value in DOCS.items():
        index.add(doc_id, value)
    return index


def check(index: FullTextIndex, op: str, query, params=None) -> set:
    """Evaluate all three ways and insist they agree."""
    token_filter = compile_token_filter(index.analyzer, op, query, params)
    by_set = token_filter.matching_ids(index)
    by_doc = {d for d in DOCS if token_filter.matches_doc(index, d)}
    by_value = {d for d, v in DOCS.items() if token_filter.matches_value(v)}
    assert by_set == by_doc == by_value
    return by_set


def test_contains_all_tokens_ignores_order_and_spans_array_elements() -> None:
    index = build()
    assert check(index, "ContainsAllTokens", "lazy dog") == {1, 4}
    assert check(index, "ContainsAllTokens", "dog lazy") == {1, 4}
    assert check(index, "ContainsAllTokens", "brown quick") == {1, 3}
    assert check(index, "ContainsAllTokens", "quick zebra") == set()


@pytest.mark.parity("Filter.ContainsAnyToken")
def test_contains_any_token() -> None:
    index = build()
    assert check(index, "ContainsAnyToken", "gunboats bears") == {2, 3}
    assert check(index, "ContainsAnyToken", "zebra") == set()


def test_last_as_prefix() -> None:
    index = build()
    assert check(index, "ContainsAllTokens", "quick fo", {"last_as_prefix": True}) == {1, 4}
    assert check(index, "ContainsAnyToken", "zebra gun", {"last_as_prefix": True}) == {2}
    assert check(index, "ContainsAllTokens", "quick fo", {"last_as_prefix": False}) == set()


@pytest.mark.parity("Filter.ContainsTokenSequence")
def test_contains_token_sequence_is_a_phrase_within_one_element() -> None:
    index = build()
    assert check(index, "ContainsTokenSequence", "quick brown fox") == {1}
    assert check(index, "ContainsTokenSequence", "brown quick") == set()
    assert check(index, "ContainsTokenSequence", "quick rivers") == {3}
    # "bears" ends element 0 and "quick" starts element 1: no phrase across elements.
    assert check(index, "ContainsTokenSequence", "bears quick") == set()


def test_sequence_respects_positions_of_removed_stop_words() -> None:
    index = build(FullTextConfig(remove_stopwords=True, stemming=True))
    assert check(index, "ContainsTokenSequence", "jumping over the lazy dog") == {1}
    # same terms, but a different gap than in the document
    assert check(index, "ContainsTokenSequence", "jumps lazy dog") == set()


def test_stemming_applies_to_token_filters() -> None:
    index = build(FullTextConfig(stemming=True))
    assert check(index, "ContainsAllTokens", "fox jumping") == {1}
    assert check(index, "ContainsAnyToken", "bear") == {3}


def test_empty_or_all_stopword_query_matches_nothing() -> None:
    index = build(FullTextConfig(remove_stopwords=True))
    assert check(index, "ContainsAllTokens", "the of") == set()
    assert check(index, "ContainsAnyToken", "") == set()


def test_pre_tokenized_arrays_need_token_arrays() -> None:
    config = parse_full_text_config({"tokenizer": "pre_tokenized_array"}, "[]string", "schema.tags")
    index = FullTextIndex(config)
    index.add(1, ["new", "york", "city"])
    index.add(2, ["york", "new"])
    token_filter = compile_token_filter(index.analyzer, "ContainsTokenSequence", ["new", "york"])
    assert token_filter.matching_ids(index) == {1}
    assert compile_token_filter(index.analyzer, "ContainsAllTokens", ["new", "york"]).matching_ids(index) == {
        1,
        2,
    }
    with pytest.raises(ApiError) as err:
        compile_token_filter(index.analyzer, "ContainsAllTokens", "new york", where="filters")
    assert err.value.status == 400 and "[]string" in err.value.message


@pytest.mark.parametrize(
    ("op", "params", "status"),
    [
        ("ContainsAllTokens", {"last_as_prefix": "yes"}, 422),
        ("ContainsAllTokens", {"prefix": True}, 422),
        ("ContainsTokenSequence", {"last_as_prefix": True}, 400),
        ("ContainsEverything", None, 400),
    ],
)
def test_invalid_token_filters(op: str, params, status: int) -> None:
    with pytest.raises(ApiError) as err:
        compile_token_filter(build().analyzer, op, "fox", params)
    assert err.value.status == status
