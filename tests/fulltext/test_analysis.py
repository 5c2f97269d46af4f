"""The §7.1 analysis pipeline on real text: segmentation per tokenizer, positions, options, validation."""

from __future__ import annotations

import unicodedata

import pytest
from tpuf_emulator.errors import ApiError
from tpuf_emulator.fulltext import Analyzer, parse_full_text_config
from tpuf_emulator.fulltext.segmentation import uax29_word_spans
from tpuf_emulator.schema.model import FullTextConfig
from uniseg.wordbreak import words as uniseg_words

MIXED = "The quick brown fox can't jump 3.14 feet. 東京タワー 🧑‍💻 hello_world foo-bar"


def terms(text: str, **options) -> list[str]:
    return Analyzer(FullTextConfig(**options)).terms(text)


@pytest.mark.parametrize(
    ("tokenizer", "expected"),
    [
        ("word_v4", ["the", "quick", "brown", "fox", "can't", "jump", "3.14", "feet", "東", "京", "タワー", "🧑\u200d💻", "hello_world", "foo", "bar"]),
        ("word_v3", ["the", "quick", "brown", "fox", "can't", "jump", "3.14", "feet", "東", "京", "タワー", "🧑\u200d💻", "hello_world", "foo", "bar"]),
        ("word_v2", ["the", "quick", "brown", "fox", "can", "t", "jump", "3", "14", "feet", "東", "京", "タワー", "🧑\u200d💻", "hello", "world", "foo", "bar"]),
        ("word_v1", ["the", "quick", "brown", "fox", "can", "t", "jump", "3", "14", "feet", "東京タワー", "🧑\u200d💻", "hello", "world", "foo", "bar"]),
        ("word_v0", ["the", "quick", "brown", "fox", "can", "t", "jump", "3", "14", "feet", "東京タワー", "hello", "world", "foo", "bar"]),
    ],
)  # fmt: skip
@pytest.mark.parity("bm25-scores")
def test_each_tokenizer_segments_as_documented(tokenizer: str, expected: list[str]) -> None:
    assert terms(MIXED, tokenizer=tokenizer) == expected


def test_uax29_segmentation_agrees_with_an_independent_implementation() -> None:
    text = (
        "Dr. Smith's 2nd-floor office (room #42) opened at 9:30 a.m.; cost: $1,234.56! "
        "Ünïcödé naïve café — Привет, мир! مرحبا بالعالم. 你好，世界。 カタカナとひらがな 👍🏽 🇫🇷 e-mail@example.com"
    )
    ours = [text[s:e] for s, e in uax29_word_spans(text)]
    # word-like: holds a letter/digit, or is an emoji (Unicode category "So")
    theirs = [w for w in uniseg_words(text) if any(c.isalnum() or unicodedata.category(c) == "So" for c in w)]
    assert ours == theirs


def test_positions_keep_counting_over_dropped_tokens() -> None:
    analyzer = Analyzer(FullTextConfig(remove_stopwords=True, max_token_length=8))
    tokens = analyzer.tokens("The antidisestablishment of a fox")
    assert [(t.term, t.position) for t in tokens] == [("fox", 4)]
    assert [(t.start, t.end) for t in tokens] == [(30, 33)]


def test_max_token_length_counts_utf8_bytes() -> None:
    # "héllo" is 5 characters but 6 bytes; "日本" is 2 characters but 6 bytes.
    assert terms("héllo hello 日本", max_token_length=5, tokenizer="word_v1") == ["hello"]
    assert terms("héllo hello", max_token_length=6) == ["héllo", "hello"]


def test_case_sensitive_keeps_case() -> None:
    assert terms("Apple apple APPLE", case_sensitive=True) == ["Apple", "apple", "APPLE"]
    assert terms("Apple apple APPLE") == ["apple", "apple", "apple"]


def test_english_stemming_conflates_inflections() -> None:
    assert terms("jumping jumped jumps jump", stemming=True) == ["jump"] * 4
    assert terms("running runs", stemming=True) == ["run", "run"]
    assert terms("jumping jumped") == ["jumping", "jumped"]


@pytest.mark.parametrize(
    ("language", "words", "stem"),
    [
        ("german", "Häuser Hauses", "haus"),
        ("french", "continuation continuations", "continu"),
        ("spanish", "corriendo corrieron", "corr"),
        ("russian", "книги книгами", "книг"),
        ("swedish", "flickorna flickor", "flick"),
    ],
)
@pytest.mark.parity("bm25-scores")
def test_stemming_in_other_languages(language: str, words: str, stem: str) -> None:
    assert set(terms(words, stemming=True, language=language)) == {stem}


@pytest.mark.parity("bm25-scores")
def test_stop_words_per_language() -> None:
    assert terms("the fox and the hound", remove_stopwords=True) == ["fox", "hound"]
    assert terms("der Hund und die Katze", remove_stopwords=True, language="german") == ["hund", "katze"]
    assert terms("le chien et le chat", remove_stopwords=True, language="french") == ["chien", "chat"]
    # Snowball's English list includes contractions as single UAX #29 tokens.
    assert terms("don't stop", remove_stopwords=True) == ["stop"]
    # No Snowball list for Turkish: removal is a no-op.
    assert terms("ve bir kedi", remove_stopwords=True, language="turkish") == ["ve", "bir", "kedi"]
    assert terms("the fox") == ["the", "fox"]


def test_ascii_folding_after_stemming() -> None:
    assert terms("Café Straße Ærø naïve ﬁne Ｆｕｌｌ", ascii_folding=True) == [
        "cafe",
        "strasse",
        "aero",
        "naive",
        "fine",
        "full",
    ]
    # Non-Latin scripts have no ASCII equivalent and are kept.
    assert terms("Привет 東京", ascii_folding=True, tokenizer="word_v1") == ["привет", "東京"]
    assert terms("Café", ascii_folding=True, case_sensitive=True) == ["Cafe"]


def test_pre_tokenized_array_keeps_each_element_verbatim() -> None:
    analyzer = Analyzer(
        parse_full_text_config({"tokenizer": "pre_tokenized_array"}, "[]string", "schema.tags")
    )
    assert analyzer.terms(["New York", "NYC", "new york"]) == ["New York", "NYC", "new york"]
    with pytest.raises(ApiError) as err:
        analyzer.query("New York")
    assert err.value.status == 400 and "[]string" in err.value.message
    assert analyzer.query(["New York"]).terms == ["New York"]


def test_token_array_query_on_word_tokenizer_is_normalised_per_token() -> None:
    analyzer = Analyzer(FullTextConfig(stemming=True))
    assert analyzer.query(["Jumping", "Foxes"]).terms == ["jump", "fox"]


def test_last_as_prefix_keeps_the_prefix_unstemmed_and_unstopped() -> None:
    analyzer = Analyzer(FullTextConfig(stemming=True, remove_stopwords=True))
    query = analyzer.query("quick the", last_as_prefix=True)
    assert query.terms == ["quick"] and query.prefix == "the"


def test_query_length_limit() -> None:
    analyzer = Analyzer(FullTextConfig())
    analyzer.query("a" * 8192)
    with pytest.raises(ApiError) as err:
        analyzer.query("a" * 8193)
    assert err.value.status == 400 and "8192" in err.value.message


@pytest.mark.parametrize(
    ("value", "attribute_type", "status", "fragment"),
    [
        ({"case_sensitive": True, "stemming": True}, "string", 400, "stemming"),
        ({"case_sensitive": True, "remove_stopwords": True}, "string", 400, "remove_stopwords"),
        ({"tokenizer": "pre_tokenized_array", "stemming": True}, "[]string", 400, "stemming"),
        ({"tokenizer": "pre_tokenized_array", "language": "german"}, "[]string", 400, "language"),
        ({"tokenizer": "pre_tokenized_array", "case_sensitive": False}, "[]string", 400, "case_sensitive"),
        ({"tokenizer": "pre_tokenized_array"}, "string", 400, "[]string"),
        ({"tokenizer": "word_v9"}, "string", 422, "unknown variant `word_v9`"),
        ({"language": "klingon"}, "string", 422, "unknown variant `klingon`"),
        ({"max_token_length": 255}, "string", 400, "max_token_length"),
        ({"b": 1.5}, "string", 400, "b must"),
        ({"k1": 0}, "string", 400, "k1"),
        ({"stemming": "yes"}, "string", 422, "boolean"),
        (True, "int", 400, "string and []string"),
        (
            "yes",
            "string",
            422,
            'invalid type: string "yes", expected a boolean or struct FullTextSearchConfig',
        ),
    ],
)
def test_invalid_configs_are_rejected(value, attribute_type: str, status: int, fragment: str) -> None:
    with pytest.raises(ApiError) as err:
        parse_full_text_config(value, attribute_type, "schema.text.full_text_search")
    assert err.value.status == status
    assert fragment in err.value.message and "schema.text.full_text_search" in err.value.message


def test_true_means_all_defaults_and_pre_tokenized_is_case_sensitive() -> None:
    assert parse_full_text_config(True, "string", "x") == FullTextConfig()
    assert parse_full_text_config(False, "string", "x") is None
    config = parse_full_text_config({"tokenizer": "pre_tokenized_array"}, "[]string", "x")
    assert config is not None and config.case_sensitive is True
