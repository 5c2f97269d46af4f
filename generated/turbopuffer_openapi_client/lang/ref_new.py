# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Builders for the ``RefNew`` family: `{"$ref_new": attribute}`: in a write condition, the value being written to that attribute for the
document under test (`null` in `delete_condition`). Also an `Expr` form.

The family has no tuple forms: its members are plain values (see :mod:`._types`).
"""

from __future__ import annotations

from ._types import *  # noqa: F403

__all__ = []
