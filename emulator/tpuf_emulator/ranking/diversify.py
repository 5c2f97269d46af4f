"""``limit.per``: keep at most ``per.limit`` rows per distinct tuple of ``per.attributes`` values.

Applied while walking the ranked list, so the best-ranked rows of each value tuple are the ones kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def diversify(
    ranked: Iterable[tuple[dict[str, Any], Any]], attributes: list[str], per_limit: int
) -> Iterator[tuple[dict[str, Any], Any]]:
    counts: dict[tuple[Any, ...], int] = {}
    for doc, score in ranked:
        key = tuple(_hashable(doc["id"] if a == "id" else doc.get(a)) for a in attributes)
        seen = counts.get(key, 0)
        if seen < per_limit:
            counts[key] = seen + 1
            yield doc, score
