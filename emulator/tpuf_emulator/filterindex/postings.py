"""``FilterIndex``: per attribute, value -> ids, built on first use and kept current by writes.

Only hashable scalar values are posted (str, int, float, bool; array attributes post each
element, which serves ``Contains``/``ContainsAny`` and ``In`` on an array attribute, which matches
when any element is listed). Narrowable filter forms: ``Eq`` and ``In`` with non-null values
(``In`` on arrays included: the union of its values' postings is exactly its matches),
``Contains``/``ContainsAny``, ranges on numeric attributes (``Lt`` ..
``Gte``, through the sorted columns of ``ranges.py``), ``And`` (intersection of its narrowable
children) and ``Or`` (union, when every child is narrowable). Anything else (``Not``, patterns,
nulls, references to the new document) yields ``None``: "scan as before".

An attribute is indexed lazily, the first time a filter on it is narrowed, so attributes never
filtered on cost no memory.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from ..language.nodes import Compare, FilterNode, Logical, RefNew
from .ranges import RANGE_OPS, SortedColumn

_POSTABLE = (str, int, float, bool)
_SCALAR_OPS = ("Eq", "In")
_ELEMENT_OPS = ("Contains", "ContainsAny")


def _values(value: Any) -> list[Hashable]:
    """The keys a stored value is posted under (array elements individually)."""
    if isinstance(value, _POSTABLE):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, _POSTABLE)]
    return []


class FilterIndex:
    """Inverted index of attribute values for one namespace's documents."""

    def __init__(self, documents: Callable[[], Mapping[Any, dict[str, Any]]]) -> None:
        self._documents = documents
        self._postings: dict[str, dict[Hashable, set[Any]]] = {}
        self._posted: dict[str, dict[Any, list[Hashable]]] = {}  # attr -> id -> keys (for removal)
        self._sorted: dict[str, SortedColumn | None] = {}  # range filters (ranges.py); None: not numeric

    # ---- maintenance (called by the namespace under its write lock) ----------------------------------
    def update(self, changes: Mapping[Any, dict[str, Any] | None]) -> None:
        """Re-post the changed documents (``None`` = deleted) in every attribute already indexed."""
        for attr, column in list(self._sorted.items()):
            if column is None:
                continue
            column.touch(changes)
            if column.stale:  # rebuilt by the next range query on it
                del self._sorted[attr]
        for attr, postings in self._postings.items():
            posted = self._posted[attr]
            for doc_id, doc in changes.items():
                for key in posted.pop(doc_id, ()):
                    ids = postings.get(key)
                    if ids is not None:
                        ids.discard(doc_id)
                        if not ids:
                            del postings[key]
                if doc is not None and doc.get(attr) is not None:
                    self._post(attr, doc_id, doc[attr])

    def _post(self, attr: str, doc_id: Any, value: Any) -> None:
        keys = _values(value)
        if keys:
            postings = self._postings[attr]
            for key in keys:
                postings.setdefault(key, set()).add(doc_id)
            self._posted[attr][doc_id] = keys

    def _ensure(self, attr: str) -> dict[Hashable, set[Any]]:
        if attr not in self._postings:
            self._postings[attr] = {}
            self._posted[attr] = {}
            for doc_id, doc in self._documents().items():
                value = doc.get(attr)
                if value is not None:
                    self._post(attr, doc_id, value)
        return self._postings[attr]

    # ---- narrowing ------------------------------------------------------------------------------------
    def candidates(self, tree: FilterNode, at_most: int | None = None) -> set[Any] | None:
        """A superset of the ids ``tree`` can match, or ``None`` if this index cannot narrow it.

        ``at_most``: the caller only wants a set this small (else it evaluates the filter over the
        columns): a leaf narrowing to more ids answers None without building its set.
        """
        if isinstance(tree, Logical):
            if tree.op == "And":
                found = (self.candidates(child, at_most) for child in tree.children)
                parts = [c for c in found if c is not None]
                if not parts:
                    return None
                parts.sort(key=len)
                out = set(parts[0])
                for part in parts[1:]:
                    out &= part
                return out
            if tree.op == "Or":
                union: set[Any] = set()
                for child in tree.children:
                    found_child = self.candidates(child, at_most)
                    if found_child is None:
                        return None
                    union |= found_child
                    if at_most is not None and len(union) > at_most:
                        return None
                return union
            return None
        if isinstance(tree, Compare):
            if tree.attr == "id":  # ids are the documents' keys already: no postings needed
                return self._ids(tree)
            if tree.op in RANGE_OPS:
                return self._range(tree, at_most)
            return self._compare(tree, at_most)
        return None

    def _range(self, node: Compare, at_most: int | None) -> set[Any] | None:
        if node.value is None or isinstance(node.value, RefNew):
            return None
        if node.attr not in self._sorted:
            self._sorted[node.attr] = SortedColumn.build(node.attr, self._documents())
        column = self._sorted[node.attr]
        return None if column is None else column.candidates(node.op, node.value, at_most)

    @staticmethod
    def _ids(node: Compare) -> set[Any] | None:
        if node.op == "Eq" and isinstance(node.value, _POSTABLE):
            return {node.value}
        if node.op == "In" and isinstance(node.value, tuple | list):
            if all(isinstance(v, _POSTABLE) for v in node.value):
                return set(node.value)
        return None

    def _compare(self, node: Compare, at_most: int | None) -> set[Any] | None:
        if node.op in ("Eq", "Contains"):
            wanted: Iterable[Any] = (node.value,)
        elif node.op in ("In", "ContainsAny"):
            if not isinstance(node.value, tuple | list):
                return None
            wanted = node.value
        else:
            return None
        wanted = list(wanted)
        if node.op in _SCALAR_OPS and any(v is None for v in wanted):
            return None  # null matches missing attributes, which are not posted
        if any(isinstance(v, RefNew) or not isinstance(v, _POSTABLE + (type(None),)) for v in wanted):
            return None  # whole-array equality, references to the written document...
        postings = self._ensure(node.attr)
        if at_most is not None and sum(len(postings.get(v, ())) for v in wanted if v is not None) > at_most:
            return None
        out: set[Any] = set()
        for value in wanted:
            if value is not None:
                out |= postings.get(value, set())
        return out
