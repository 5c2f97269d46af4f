"""Order documents by one or several attributes (§5.2.4).

Null/missing values sort first in ascending and last in descending order; ties keep the order the
candidates came in (stable), which is the namespace's document order. When every key has the same
direction one tuple key is used (and, for a small ``k``, a heap selects the best ``k`` without sorting
everything); mixed directions are applied as successive stable sorts from the last key to the first.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import Any

Key = Callable[[dict[str, Any]], Any]


def _key(attr: str) -> Key:
    if attr == "id":
        return lambda doc: (True, doc["id"])
    return lambda doc: (attr in doc, doc.get(attr, 0))


def _tuple_key(attrs: list[str]) -> Key:
    if len(attrs) == 1:
        return _key(attrs[0])
    keys = [_key(a) for a in attrs]
    return lambda doc: tuple(k(doc) for k in keys)


def order_documents(
    docs: list[dict[str, Any]], keys: list[tuple[str, bool]], k: int | None = None
) -> list[dict[str, Any]]:
    """``docs`` ordered by ``keys`` ((attribute, descending) pairs); only the first ``k`` when given."""
    try:
        return _order(docs, keys, k)
    except TypeError:  # values of different types under one name (the schema should prevent it)
        ordered = list(docs)
        for attr, descending in reversed(keys):
            ordered.sort(key=_text_key(attr), reverse=descending)
        return ordered if k is None else ordered[:k]


def _text_key(attr: str) -> Key:
    key = _key(attr)

    def text(doc: dict[str, Any]) -> tuple[bool, str]:
        present, value = key(doc)
        return present, str(value)

    return text


def _order(docs: list[dict[str, Any]], keys: list[tuple[str, bool]], k: int | None) -> list[dict[str, Any]]:
    directions = {desc for _, desc in keys}
    if len(directions) == 1:
        descending = directions.pop()
        key = _tuple_key([attr for attr, _ in keys])
        if k is not None and k < len(docs) // 4:
            pick = heapq.nlargest if descending else heapq.nsmallest
            return pick(k, docs, key=key)
        ordered = sorted(docs, key=key, reverse=descending)
        return ordered if k is None else ordered[:k]
    ordered = list(docs)
    for attr, descending in reversed(keys):
        ordered.sort(key=_key(attr), reverse=descending)
    return ordered if k is None else ordered[:k]
