"""The ASCII fast path of ``word_v3``/``word_v4`` segmentation gives exactly the general segmenter's
words (the regex library's UAX #29 boundaries), so indexing through it changes no token."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tpuf_emulator.fulltext.segmentation import uax29_word_spans, uax29_words

ASCII_PIECES = ["a", "Z", "q", "0", "9", "_", ":", ".", ",", ";", "'", " ", "\t", "\n", "\r", "-", '"',
                "/", "\\", "\x0b", "\x0c", "\x00", "#", "e.g.", "3.14", "1,000", "a:b", "foo_bar"]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(ASCII_PIECES), max_size=16).map("".join))
def test_ascii_words_equal_the_general_segmenter(text: str) -> None:
    assert uax29_words(text) == [text[s:e] for s, e in uax29_word_spans(text)]


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=40))
def test_any_text_words_equal_the_general_segmenter(text: str) -> None:
    assert uax29_words(text) == [text[s:e] for s, e in uax29_word_spans(text)]
