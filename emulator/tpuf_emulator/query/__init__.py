"""Query execution: plan, filter -> rank -> offset/limit -> attribute selection; aggregations and groups;
multi-query with RRF; explain; recall. Entry points take a namespace view (docs/architecture.md)."""

from .execute import execute_query
from .explain import explain_query
from .recall import recall

__all__ = ["execute_query", "explain_query", "recall"]
