"""Postings of filterable attribute values and sorted numeric columns, so equality, membership and
range filters do not scan every document.

``FilterIndex.candidates(tree)`` returns a SUPERSET of the ids a filter can match (or ``None``
when the tree cannot be narrowed); the query layer still evaluates the exact filter on those
candidates only, so correctness never depends on this index, only speed does.
"""

from .postings import FilterIndex

__all__ = ["FilterIndex"]
