"""The query language ("turbolisp"): JSON expressions parsed and validated into typed trees.

Parsing is separate from evaluation (``filters/``, ``ranking/``, ``query/``) so every error in a request
is found before any document is touched, and the same trees serve queries and conditional writes.
"""

from .filters import parse_filter
from .nodes import FilterNode, MultiQueryPlan, QueryPlan, RefNew
from .query import parse_multi_query, parse_query
from .ranking import RankParser

__all__ = [
    "FilterNode",
    "MultiQueryPlan",
    "QueryPlan",
    "RankParser",
    "RefNew",
    "parse_filter",
    "parse_multi_query",
    "parse_query",
]
