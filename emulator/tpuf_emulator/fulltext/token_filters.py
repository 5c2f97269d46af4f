"""Token filters (reference §5.1): ContainsAllTokens, ContainsAnyToken, ContainsTokenSequence.

A :class:`TokenFilter` is compiled once per query (the query text analysed with the attribute's
pipeline) and then evaluated three ways:

* :meth:`TokenFilter.matching_ids` — the set of matching documents straight from the postings (fast
  path for a filter over a whole namespace);
* :meth:`TokenFilter.matches_doc` — one indexed document by id;
* :meth:`TokenFilter.matches_value` — any value, analysed on the fly (documents not in an index,
  e.g. the ``$ref_new`` side of a conditional write).

Semantics: ``ContainsAllTokens`` — every query term occurs (order, adjacency and, for ``[]string``,
element irrelevant); ``ContainsAnyToken`` — at least one occurs; with ``last_as_prefix`` the final
query token is satisfied by any term starting with it. ``ContainsTokenSequence`` — the query terms
occur in order at the same relative positions (positions of dropped stop words still count), within
one element of a ``[]string`` (for ``pre_tokenized_array``: consecutive array elements).
A query that analyses to no terms at all (empty, or only stop words) matches nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .. import serde_errors
from ..errors import ApiError
from .analysis import AnalyzedQuery, Analyzer, Token
from .index import DocId, FullTextIndex

TOKEN_FILTER_OPS = ("ContainsAllTokens", "ContainsAnyToken", "ContainsTokenSequence")


@dataclass(frozen=True)
class TokenFilter:
    """One compiled token filter: the operator and the analysed query."""

    op: str
    query: AnalyzedQuery
    analyzer: Analyzer

    # -- set-returning fast path ---------------------------------------------------------------

    def matching_ids(self, index: FullTextIndex) -> set[DocId]:
        """All documents of ``index`` the filter matches (row sets from the postings arrays; a
        phrase re-analyses only the documents that hold all its terms)."""
        query = self.query
        if query.is_empty:
            return set()
        if self.op == "ContainsAnyToken":
            parts = [index.term_rows(term) for term in set(query.terms)]
            if query.prefix is not None:
                parts.extend(index.term_rows(term) for term in index.terms_with_prefix(query.prefix))
            return set(index.ids_of_rows(np.unique(np.concatenate(parts)).tolist())) if parts else set()
        candidates = set(index.ids_of_rows(self._all_terms_rows(index).tolist()))
        if self.op == "ContainsAllTokens":
            return candidates
        return {d for d in candidates if self._sequence_in(index.doc_tokens(d) or [])}

    def _all_terms_rows(self, index: FullTextIndex) -> npt.NDArray[np.int32]:
        query = self.query
        sets = [index.term_rows(term) for term in set(query.terms)]
        sets.sort(key=len)
        if query.prefix is not None:
            prefixed = [index.term_rows(term) for term in index.terms_with_prefix(query.prefix)]
            sets.append(np.unique(np.concatenate(prefixed)) if prefixed else np.zeros(0, np.int32))
        if not sets:
            return np.zeros(0, np.int32)
        out = sets[0]
        for rows in sets[1:]:
            if not len(out):
                break
            out = np.intersect1d(out, rows, assume_unique=True)
        return out

    # -- per document --------------------------------------------------------------------------

    def matches_doc(self, index: FullTextIndex, doc_id: DocId) -> bool:
        """Whether the indexed document ``doc_id`` matches (False if it has no value)."""
        tokens = index.doc_tokens(doc_id)
        counts = index.doc_terms(doc_id)
        if tokens is None or counts is None:
            return False
        return self._matches(tokens, counts)

    def matches_value(self, value: Any) -> bool:
        """Whether a raw attribute value (``str``, ``list[str]`` or ``None``) matches."""
        if not isinstance(value, str | list):
            return False
        tokens = self.analyzer.value_tokens(
            [v for v in value if isinstance(v, str)] if isinstance(value, list) else value
        )
        return self._matches(tokens, {t.term for element in tokens for t in element})

    def _matches(self, tokens: list[list[Token]], terms: Mapping[str, int] | set[str]) -> bool:
        query = self.query
        if query.is_empty:
            return False
        prefix_hit = query.prefix is not None and any(t.startswith(query.prefix) for t in terms)
        if self.op == "ContainsAnyToken":
            return prefix_hit or any(t in terms for t in query.terms)
        if query.prefix is not None and not prefix_hit:
            return False
        if not all(t in terms for t in query.terms):
            return False
        return self.op == "ContainsAllTokens" or self._sequence_in(tokens)

    def _sequence_in(self, elements: list[list[Token]]) -> bool:
        wanted = self.query.tokens
        if not wanted:
            return False
        base = wanted[0].position
        offsets = [(t.position - base, t.term) for t in wanted]
        for element in elements:
            at = {(t.position, t.term) for t in element}
            for token in element:
                if token.term == wanted[0].term and all(
                    (token.position + off, term) in at for off, term in offsets
                ):
                    return True
        return False


def compile_token_filter(
    analyzer: Analyzer, op: str, query: Any, params: Any = None, *, where: str = "filter"
) -> TokenFilter:
    """Validate and analyse ``[attr, op, query, params?]``; ApiError 400/422 naming the problem."""
    if op not in TOKEN_FILTER_OPS:
        raise ApiError(
            400, f"{where}: unknown token filter {op!r}; expected one of {', '.join(TOKEN_FILTER_OPS)}"
        )
    last_as_prefix = False
    if params is not None:
        if op == "ContainsTokenSequence":
            raise ApiError(400, f"{where}: ContainsTokenSequence takes no parameters")
        if not isinstance(params, dict):
            raise serde_errors.invalid_type(where, params, serde_errors.struct("TokenFilterParams"))
        serde_errors.reject_unknown_fields(params, ("last_as_prefix",), where)
        last_as_prefix = params.get("last_as_prefix", False)
        if not isinstance(last_as_prefix, bool):
            raise serde_errors.invalid_type(f"{where}.last_as_prefix", last_as_prefix, serde_errors.BOOLEAN)
    analyzed = analyzer.query(query, last_as_prefix=last_as_prefix, where=where)
    return TokenFilter(op, analyzed, analyzer)
