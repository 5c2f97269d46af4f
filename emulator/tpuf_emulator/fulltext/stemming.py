"""Snowball stemmers per language, through the ``snowballstemmer`` API.

``snowballstemmer`` transparently uses PyStemmer (the Snowball C code) when it is installed, which
we pin for speed; both produce identical stems because they are generated from the same Snowball
sources. Stemmers are stateful objects, so one is cached per language and per thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import snowballstemmer

_local = threading.local()


def stemmer(language: str) -> Callable[[str], str]:
    """The ``stem(word) -> word`` function of the Snowball stemmer for ``language``."""
    cached: dict[str, Callable[[str], str]] = getattr(_local, "stemmers", None) or {}
    _local.stemmers = cached
    stem = cached.get(language)
    if stem is None:
        stem = snowballstemmer.stemmer(language).stemWord
        cached[language] = stem
    return stem


def stemmer_batch(language: str) -> Callable[[list[str]], list[str]]:
    """``stem_words(words) -> stems`` for ``language``: one call for many words (PyStemmer's
    ``stemWords``), the same stems as :func:`stemmer` word by word."""
    stem_words: Callable[[list[str]], list[str]] = snowballstemmer.stemmer(language).stemWords
    return stem_words
