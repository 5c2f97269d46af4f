# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""The query language ("turbolisp"), typed and with builders, generated from the spec's tuples.

Modules, one per family: ``filter`` (Filter), ``ref_new`` (RefNew), ``rank_by`` (RankBy), ``score_expression`` (ScoreExpression), ``expr`` (Expr), ``aggregate_by`` (AggregateBy), ``group_by`` (GroupBy), ``rerank_by`` (RerankBy).

Example::

    from turbopuffer_openapi_client.lang import filter as f

The aliases in :mod:`._types` are re-exported here.
"""

from . import aggregate_by, expr, filter, group_by, rank_by, ref_new, rerank_by, score_expression
from ._types import *  # noqa: F403
from ._types import __all__ as _type_names

__all__ = [
    "filter",
    "ref_new",
    "rank_by",
    "score_expression",
    "expr",
    "aggregate_by",
    "group_by",
    "rerank_by",
    *_type_names,
]
