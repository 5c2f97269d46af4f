"""Word segmentation: stage 1 of the analysis pipeline, one function per tokenizer family.

Every segmenter returns the character spans ``(start, end)`` of the word-like segments of a text,
in order. Spans (not strings) are returned so highlighting can report offsets into the original
value, and so positions are counted before any later stage drops a token.

* ``word_v3`` / ``word_v4``: Unicode UAX #29 word boundaries. The boundaries come from the
  ``regex`` library's ``(?w)`` mode (its ``\\b`` follows the UAX #29 default word-boundary rules,
  ~100x faster than a pure-Python segmenter; tests cross-check it against ``uniseg``). A segment is
  word-like when it contains a letter/number (``Alphabetic``/``N*``, the definition Rust's
  ``char::is_alphanumeric`` uses) or is an emoji (``Extended_Pictographic``/regional indicator):
  whitespace and punctuation segments are not tokens.
* ``word_v2``: single ideographs, runs of alphanumerics, emoji grapheme clusters; all else dropped.
* ``word_v1``: as ``word_v2`` but ideographs join alphanumeric runs.
* ``word_v0``: as ``word_v1`` but emoji are dropped.

The emulator uses the Unicode tables of the installed ``regex`` release for every version; the
hosted service pins Unicode 17 / 16 / 10 per tokenizer, which only matters for characters that
were assigned between those versions.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import regex

Span = tuple[int, int]

_WORD_BOUNDARY = regex.compile(r"(?w)\b")
_WORD_LIKE = regex.compile(r"[\p{Alphabetic}\p{N}\p{Extended_Pictographic}\p{Regional_Indicator}]")
_EMOJI_CLUSTER = r"(?=[\p{Extended_Pictographic}\p{Regional_Indicator}])\X"
_V2 = regex.compile(
    rf"(?V1)\p{{Ideographic}}|[[\p{{Alphabetic}}\p{{N}}]--\p{{Ideographic}}]+|{_EMOJI_CLUSTER}"
)
_V1 = regex.compile(rf"[\p{{Alphabetic}}\p{{N}}]+|{_EMOJI_CLUSTER}")
_V0 = regex.compile(r"[\p{Alphabetic}\p{N}]+")


def uax29_word_spans(text: str) -> list[Span]:
    """Spans of the word-like UAX #29 word segments of ``text`` (``word_v3``/``word_v4``)."""
    spans: list[Span] = []
    start = 0
    for piece in _WORD_BOUNDARY.split(text):
        end = start + len(piece)
        # isalnum() is a fast path for plain words; the regex decides "can't", "3.14", emoji, ...
        if piece and not piece.isspace() and (piece.isalnum() or _WORD_LIKE.search(piece)):
            spans.append((start, end))
        start = end
    return spans


# UAX #29 word segmentation restricted to ASCII, where only these word-break properties occur:
# ALetter [A-Za-z], Numeric [0-9], ExtendNumLet "_", MidLetter ":", MidNumLet ".", MidNum ",;",
# Single_Quote "'". Letters, digits and "_" join (WB5, WB8-10, WB13a/b); ":.'" join two letters
# (WB6/7); ".,;'" join two digits (WB11/12); everything else breaks (WB999). One findall instead of
# splitting at every boundary; tests check it against the general segmenter on ASCII text. Texts
# with an apostrophe take the general path: the regex library's boundaries keep a leading "'" on
# a word in some contexts ("'apt" stays one token), which this pattern does not reproduce.
_ASCII_WORD = re.compile(  # the standard library's engine: ~2x faster than regex's on this pattern
    r"[A-Za-z0-9_]+(?:(?:(?<=[A-Za-z])[:.'](?=[A-Za-z])|(?<=[0-9])[.,;'](?=[0-9]))[A-Za-z0-9_]+)*", re.ASCII
)


def uax29_words(text: str) -> list[str]:
    """The word-like UAX #29 word segments of ``text`` as strings (``uax29_word_spans`` without spans)."""
    if text.isascii() and "'" not in text:
        found: list[str] = _ASCII_WORD.findall(text)
        if "_" in text:  # a segment of underscores alone is not word-like
            return [word for word in found if word.strip("_")]
        return found
    return [
        piece
        for piece in _WORD_BOUNDARY.split(text)
        if piece and not piece.isspace() and (piece.isalnum() or _WORD_LIKE.search(piece))
    ]


def _pattern_spans(pattern: regex.Pattern[str]) -> Callable[[str], list[Span]]:
    def spans(text: str) -> list[Span]:
        return [m.span() for m in pattern.finditer(text)]

    return spans


SEGMENTERS: dict[str, Callable[[str], list[Span]]] = {
    "word_v4": uax29_word_spans,
    "word_v3": uax29_word_spans,
    "word_v2": _pattern_spans(_V2),
    "word_v1": _pattern_spans(_V1),
    "word_v0": _pattern_spans(_V0),
}


def word_spans(text: str, tokenizer: str) -> list[Span]:
    """Spans of the word tokens of ``text`` under ``tokenizer`` (not ``pre_tokenized_array``)."""
    return SEGMENTERS[tokenizer](text)


_WORDS: dict[str, Callable[[str], list[str]]] = {
    "word_v4": uax29_words,
    "word_v3": uax29_words,
    "word_v2": _V2.findall,
    "word_v1": _V1.findall,
    "word_v0": _V0.findall,
}


def words(text: str, tokenizer: str) -> list[str]:
    """The word tokens of ``text`` as strings: ``[text[s:e] for s, e in word_spans(text, tokenizer)]``."""
    return _WORDS[tokenizer](text)
