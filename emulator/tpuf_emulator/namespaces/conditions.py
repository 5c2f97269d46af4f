"""The filter language as used by writes: conditions (with ``$ref_new``) and by-filter selections.

Parsing and evaluation belong to ``language/`` and ``filters/``; this module only names the write
field a filter came from, so error messages say which filter was wrong.
"""

from __future__ import annotations

from typing import Any

from ..filters import matches as evaluate
from ..language import parse_filter
from ..language.nodes import FilterNode
from ..schema.model import Schema


def parse_write_filter(value: Any, schema: Schema, where: str, *, allow_ref_new: bool) -> FilterNode:
    return parse_filter(value, schema, allow_ref_new=allow_ref_new, where=where)


def matches(tree: FilterNode, doc: dict[str, Any], ref_new: dict[str, Any] | None = None) -> bool:
    return bool(evaluate(tree, doc, ref_new=ref_new))
