"""Order documents by one or several attributes (§5.2.4).

Null/missing values sort first in ascending and last in descending order; ties keep the order the
candidates came in (a stable sort), which is ascending id for the namespace's document order.
Several keys are applied as successive stable sorts from the last key to the first.
"""

from __future__ import annotations

from typing import Any


def _key(attr: str) -> Any:
    if attr == "id":
        return lambda doc: (True, doc["id"])
    return lambda doc: (attr in doc, doc.get(attr, 0))


def order_documents(docs: list[dict[str, Any]], keys: list[tuple[str, bool]]) -> list[dict[str, Any]]:
    ordered = list(docs)
    for attr, descending in reversed(keys):
        key = _key(attr)
        try:
            ordered.sort(key=key, reverse=descending)
        except TypeError:  # values of different types under one name (should not pass the schema)
            ordered.sort(key=lambda doc, k=key: (k(doc)[0], str(k(doc)[1])), reverse=descending)
    return ordered
