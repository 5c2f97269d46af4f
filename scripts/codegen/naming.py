"""Turning spec names into Python identifiers (deterministic, collision-free)."""

from __future__ import annotations

import keyword
import re


def snake_case(name: str) -> str:
    """``RankByVector`` -> ``rank_by_vector``, ``BM25`` -> ``bm25``, ``page-size`` -> ``page_size``."""
    text = re.sub(r"[^0-9A-Za-z]+", "_", name)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text)
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    text = text.strip("_").lower()
    return safe_identifier(text or "value")


def safe_identifier(name: str) -> str:
    """A valid identifier that is not a keyword (``and`` -> ``and_``, ``2x`` -> ``_2x``)."""
    name = re.sub(r"\W", "_", name)
    if not name or name[0].isdigit():
        name = "_" + name
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        name += "_"
    return name


def unique(name: str, taken: set[str]) -> str:
    """``name`` or ``name_2``, ``name_3``... whichever is free; records the result in ``taken``."""
    candidate, counter = name, 2
    while candidate in taken:
        candidate = f"{name}_{counter}"
        counter += 1
    taken.add(candidate)
    return candidate
