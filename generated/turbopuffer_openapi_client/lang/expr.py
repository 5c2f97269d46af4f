# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Builders for the ``Expr`` family: A value computed per returned row (`compute_attributes`): a vector distance, highlights, an
embedding, `$ref_new`, or any `rank_by` form (its score for the row, 0 if no match).

One function per form, named after its operator, returning the tuple the API expects, e.g.
``Embed(text, params)`` -> ``("Embed", text, params)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._types import *  # noqa: F403


def Embed(text: str, params: Mapping[str, Any] | None = None) -> ExprEmbed:
    """`["Embed", text, {model?}]`: the text embedded by the server, with the attribute's configured model
    or `model`. Used as the query of `ANN`/`kNN`."""
    if params is not None:
        return ("Embed", text, params)
    return ("Embed", text)


def VectorDist(attribute: str, vector: VectorLike) -> ExprVectorDist:
    """`[attribute, "VectorDist", vector]`: the distance between the row's vector attribute and the vector
    (namespace metric)."""
    return (attribute, "VectorDist", vector)


def Highlight(attribute: str, config: Mapping[str, Any] | None = None) -> ExprHighlight:
    """`["Highlight", attribute, config?]`: the best-matching fragments of a full-text attribute (beta); a
    list of `HighlightFragment`."""
    if config is not None:
        return ("Highlight", attribute, config)
    return ("Highlight", attribute)


__all__ = [
    "Embed",
    "VectorDist",
    "Highlight",
]
