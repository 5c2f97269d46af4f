"""Full-text search: analysis pipeline, BM25 index and scoring, token filters, fuzzy, highlight.

Public API (what the namespaces and query layers use):

* :class:`FullTextIndex` ``(config)`` — one per full-text attribute (design: ``README.md``);
  ``update({doc_id: value | None})``, ``add(doc_id, value)``, ``remove(doc_id)``,
  ``bm25(query, last_as_prefix=False) -> {doc_id: score}`` (reference §7.3),
  ``bm25_top(query, last_as_prefix, k, candidates=None) -> [(doc_id, score)]`` (partial sort),
  ``bm25_analyzed(analyzed_query)``, ``terms_with_prefix(prefix)``, ``doc_count``, ``avgdl``.
  ``persist.freeze`` / ``encode`` / ``decode``: the index as snapshot arrays and back.
* :class:`Analyzer` ``(config)`` — the §7.1 pipeline: ``tokens(text)``, ``value_tokens(value)``,
  ``terms(value)``, ``query(query, last_as_prefix=..., where=...) -> AnalyzedQuery``.
* :func:`parse_full_text_config` ``(json, attribute_type, where)`` /
  :func:`validate_full_text_config` — the ``full_text_search`` option, with its 400/422 errors.
* :func:`compile_token_filter` ``(analyzer, op, query, params)`` -> :class:`TokenFilter` with
  ``matching_ids(index)``, ``matches_doc(index, doc_id)``, ``matches_value(value)``.
* :func:`compile_fuzzy` ``(query, params, where)`` -> :class:`FuzzyFilter` with ``matches_value(value)``.
* :func:`parse_highlight_config` ``(json)`` -> :class:`HighlightConfig`; :func:`highlight` ``(value, index,
  analyzed_query | None, config)`` -> fragments for ``compute_attributes`` (reference §5.4).

Every invalid input raises ``tpuf_emulator.errors.ApiError`` (400 semantic, 422 wrong JSON shape).
"""

from .analysis import MAX_QUERY_CHARS, AnalyzedQuery, Analyzer, Token
from .config import FULL_TEXT_TYPES, parse_full_text_config, validate_full_text_config
from .fuzzy import FuzzyFilter, compile_fuzzy
from .highlight import HighlightConfig, highlight, parse_highlight_config
from .index import FullTextIndex
from .token_filters import TOKEN_FILTER_OPS, TokenFilter, compile_token_filter

__all__ = [
    "FULL_TEXT_TYPES",
    "MAX_QUERY_CHARS",
    "TOKEN_FILTER_OPS",
    "AnalyzedQuery",
    "Analyzer",
    "FullTextIndex",
    "FuzzyFilter",
    "HighlightConfig",
    "highlight",
    "parse_highlight_config",
    "compile_fuzzy",
    "Token",
    "TokenFilter",
    "compile_token_filter",
    "parse_full_text_config",
    "validate_full_text_config",
]
