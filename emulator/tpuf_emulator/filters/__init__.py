"""Evaluating filter trees (parsed by ``language``) against documents."""

from .evaluate import compile_filter, matches

__all__ = ["compile_filter", "matches"]
