"""ASCII folding of tokens (``ascii_folding: true``), in the spirit of Lucene's ASCIIFoldingFilter.

Each non-ASCII character is replaced by its ASCII equivalent when it has one and kept otherwise
(so Cyrillic, Greek, CJK and emoji tokens are unchanged, unlike full transliteration). The
equivalent comes from the character's Unicode compatibility decomposition (NFKD) with combining
marks removed — which covers accented Latin letters, ligatures such as "ﬁ", full-width and circled
forms — plus a small table for Latin letters that have no decomposition (ß, æ, ø, đ, ł, œ, þ, ...).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_NO_DECOMPOSITION = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH",
    "ħ": "h", "Ħ": "H", "ı": "i", "ŧ": "t", "Ŧ": "T", "ŋ": "n", "Ŋ": "N", "ĸ": "q",
    "ƒ": "f", "ɨ": "i", "ʉ": "u", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
}  # fmt: skip


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _NO_DECOMPOSITION:
        return _NO_DECOMPOSITION[char]
    decomposed = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if decomposed and decomposed.isascii():
        return decomposed
    return char


def ascii_fold(token: str) -> str:
    """``token`` with every foldable non-ASCII character replaced by its ASCII form."""
    if token.isascii():
        return token
    return "".join(_fold_char(c) for c in token)
