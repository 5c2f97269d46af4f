# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Builders for the ``AggregateBy`` family: An aggregation function over the documents matching `filters`.

One function per form, named after its operator, returning the tuple the API expects, e.g.
``Count()`` -> ``("Count",)``.
"""

from __future__ import annotations

from ._types import *  # noqa: F403


def Count() -> AggregateByCount:
    """`["Count"]`: the number of matching documents (an integer)."""
    return ("Count",)


def CountAttribute(attribute: str) -> AggregateByCountAttribute:
    """`["Count", attribute]` (deprecated): the number of matching documents where the attribute is not
    null."""
    return ("Count", attribute)


def Sum(attribute: str) -> AggregateBySum:
    """`["Sum", attribute]`: the sum of a numeric (`int`, `uint`, `float`) attribute over the matching
    documents."""
    return ("Sum", attribute)


__all__ = [
    "Count",
    "CountAttribute",
    "Sum",
]
