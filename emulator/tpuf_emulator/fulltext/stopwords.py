"""Snowball stop-word lists per language (data in ``stopwords/*.txt``; source and licence in its README).

Languages without a list (arabic, greek, romanian, tamil, turkish) get an empty set, so
``remove_stopwords`` is a no-op for them, as in turbopuffer's tokenizer library (reference §7.2).
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def stopwords(language: str) -> frozenset[str]:
    """The lower-case stop words of ``language`` (empty when Snowball ships no list for it)."""
    data = resources.files(__package__).joinpath("stopwords").joinpath(f"{language}.txt")
    if not data.is_file():
        return frozenset()
    return frozenset(line.strip() for line in data.read_text(encoding="utf-8").splitlines() if line.strip())
