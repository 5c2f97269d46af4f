"""Scores must not go negative: ``["Attribute", x]`` on a signed attribute needs a clamp (§5.2.3).

The hosted service rejects a score ``rank_by`` that reads a signed numeric attribute (``int``,
``float``) unless the expression is wrapped so that it cannot go negative (docs: wrap it in
``Max``, e.g. ``["Max", 0, ["Attribute", "clicks"]]`` or the spec's ``["Max", [0, ...]]``).
``uint`` attributes need no wrapper; ``datetime`` is treated like ``uint`` (epoch milliseconds,
in practice after 1970, and used through ``Dist``/``Decay`` anyway).

Which expressions count as non-negative (``is_non_negative``), decided from the formulas:

* ``BM25``, a filter (1 or 0), ``SparseKNN``, ``["Attribute", x]`` on ``uint``/``datetime`` (or an
  attribute not in the schema, which every document reads as null), a constant >= 0;
* ``Saturate`` and ``Decay`` (their input is clamped at 0 and they map into [0, 1]) and ``Dist``
  (an absolute difference), whatever they wrap;
* ``Sum`` when every term is non-negative; ``Product`` when its score is (the weight is already
  required to be >= 0);
* ``Max`` when AT LEAST ONE operand is non-negative: the maximum is never below it. This is the
  documented wrapper: ``["Max", 0, ["Attribute", "x"]]``, ``["Max", [["Attribute", "x"], 0]]``, or
  a ``Max`` with a BM25 clause.

There is no ``Abs`` or ``Min`` in the language. A signed ``Attribute`` is accepted exactly when it
sits under one of those clamps; otherwise the query is a 400 naming the attribute. Negative
constants are not policed (hosted behaviour unknown; they do not read an attribute). Documents
whose final score is 0 (so also those clamped to 0) are left out of the ranked rows
(``ranking/scores.py``), which also treats an operand without a value as 0 inside ``Max``.
"""

from __future__ import annotations

from ..errors import ApiError
from ..schema.model import Schema
from .nodes import (
    AttributeValue,
    Bm25,
    Combine,
    Constant,
    Curve,
    Distance,
    FilterTerm,
    Product,
    ScoreNode,
    SparseScore,
)

SIGNED_TYPES = ("int", "float")


def check_non_negative(expr: ScoreNode, schema: Schema, where: str) -> None:
    """400 when a signed ``Attribute`` in ``expr`` is not clamped at zero."""
    attr = _unclamped_signed_attribute(expr, schema)
    if attr is None:
        return
    type_text = schema.attributes[attr].type.text
    raise ApiError(
        400,
        f'{where}: ["Attribute", {attr!r}] reads a signed attribute ({type_text}), so the score could '
        f'go negative; wrap it so it cannot, e.g. ["Max", 0, ["Attribute", {attr!r}]]',
    )


def is_non_negative(node: ScoreNode, schema: Schema) -> bool:
    if isinstance(node, Constant):
        return node.value >= 0
    if isinstance(node, AttributeValue):
        return not _is_signed(node.attr, schema)
    if isinstance(node, Bm25 | FilterTerm | SparseScore | Curve | Distance):
        return True
    if isinstance(node, Product):
        return is_non_negative(node.child, schema)
    if isinstance(node, Combine):
        children = (is_non_negative(child, schema) for child in node.children)
        return any(children) if node.op == "Max" else all(children)
    return False


def _unclamped_signed_attribute(node: ScoreNode, schema: Schema) -> str | None:
    if isinstance(node, AttributeValue):
        return node.attr if _is_signed(node.attr, schema) else None
    if isinstance(node, Product):
        return _unclamped_signed_attribute(node.child, schema)
    if isinstance(node, Combine):
        if node.op == "Max" and any(is_non_negative(child, schema) for child in node.children):
            return None
        for child in node.children:
            found = _unclamped_signed_attribute(child, schema)
            if found is not None:
                return found
    return None  # Curve and Distance clamp whatever they wrap; the other nodes read no attribute


def _is_signed(attr: str, schema: Schema) -> bool:
    schema_attr = schema.get(attr)
    return schema_attr is not None and schema_attr.type.text in SIGNED_TYPES
