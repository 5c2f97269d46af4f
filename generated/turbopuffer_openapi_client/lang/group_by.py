# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Builders for the ``GroupBy`` family: A group key of `group_by`; an attribute name or a computed key.

One function per form, named after its operator, returning the tuple the API expects, e.g.
``ForEachUnique(attribute)`` -> ``("ForEachUnique", attribute)``.
"""

from __future__ import annotations

from ._types import *  # noqa: F403


def ForEachUnique(attribute: AttributeName) -> GroupByForEachUnique:
    """`["ForEachUnique", attribute]`: one group per distinct element of an array attribute."""
    return ("ForEachUnique", attribute)


__all__ = [
    "ForEachUnique",
]
