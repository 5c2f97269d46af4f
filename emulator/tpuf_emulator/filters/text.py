"""Token filters and Fuzzy, evaluated with the full-text module (``fulltext/``).

The parser compiled the query with the attribute's own analysis pipeline, so documents and queries
are tokenised the same way. A token filter uses the set of matching ids taken from the attribute's
index when the query executor provided it, and analyses the value on the fly otherwise (write
conditions, documents outside an index).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..language.nodes import FuzzyMatch, TokenMatch

Evaluator = Callable[[dict[str, Any], dict[str, Any] | None], bool]


def compile_tokens(node: TokenMatch) -> Evaluator:
    attr, matcher = node.attr, node.matcher
    if node.matching_ids is not None:
        ids = node.matching_ids
        return lambda doc, ref: doc["id"] in ids
    return lambda doc, ref: matcher.matches_value(doc.get(attr))


def compile_fuzzy(node: FuzzyMatch) -> Evaluator:
    attr, matcher = node.attr, node.matcher
    return lambda doc, ref: matcher.matches_value(doc.get(attr))
