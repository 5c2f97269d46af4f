# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Builders for the ``RerankBy`` family: How a multi-query combines its sub-queries' rows into one ranked list.

One function per form, named after its operator, returning the tuple the API expects, e.g.
``RRF(params)`` -> ``("RRF", params)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._types import *  # noqa: F403


def RRF(params: Mapping[str, Any] | None = None) -> RerankByRRF:
    """`["RRF", params?]`: reciprocal rank fusion of a multi-query's sub-query results into one list:
    score(doc) = Σ weight_i / (rank_constant + rank_i(doc)), reported as `$dist`."""
    if params is not None:
        return ("RRF", params)
    return ("RRF",)


__all__ = [
    "RRF",
]
