"""REFERENCE ONLY (tests): the dict-based inverted index the emulator used before postings became
arrays (``tpuf_emulator.fulltext.index``). Property tests check the array index against it: same
BM25 scores, bit for bit, in the same order, and the same token-filter matches.

The inverted index of one full-text attribute, maintained incrementally on every write.

Holds postings ``term -> {doc_id: tf}``, per-document token lists (positions, for phrases and
highlighting) and document lengths, so a write costs the size of the changed document and a BM25
query costs the size of the postings it touches — never a rebuild.

Statistics (reference §7.3, unconfirmed details decided here): ``N`` and ``avgdl`` count the
documents that have a value for the attribute (null/missing documents are not in the index; an
empty string is a value with length 0); for ``[]string`` a document's terms are the tokens of all
its elements together.

Not thread-safe by itself: the namespace's read/write lock serialises writers against readers.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Any

from tpuf_emulator.fulltext.analysis import AnalyzedQuery, Analyzer, Token
from tpuf_emulator.fulltext.bm25 import PREFIX_MATCH_SCORE, idf, query_frequency_factor, term_frequency_factor
from tpuf_emulator.schema.model import FullTextConfig

DocId = Hashable


class ReferenceIndex:
    """Inverted index + BM25 scoring for one attribute configured by ``config``."""

    def __init__(self, config: FullTextConfig) -> None:
        self.config = config
        self.analyzer = Analyzer(config)
        self._postings: dict[str, dict[DocId, int]] = {}
        self._doc_terms: dict[DocId, Counter[str]] = {}
        self._doc_tokens: dict[DocId, list[list[Token]]] = {}
        self._doc_len: dict[DocId, int] = {}
        self._total_len = 0
        self._sorted_terms: list[str] | None = []

    # -- writes --------------------------------------------------------------------------------

    def add(self, doc_id: DocId, value: str | list[str] | None) -> None:
        """Index (or re-index) ``doc_id`` with ``value``; ``None`` removes it."""
        self.remove(doc_id)
        if value is None:
            return
        tokens = self.analyzer.value_tokens(value)
        counts: Counter[str] = Counter(t.term for element in tokens for t in element)
        length = sum(counts.values())
        self._doc_tokens[doc_id] = tokens
        self._doc_terms[doc_id] = counts
        self._doc_len[doc_id] = length
        self._total_len += length
        for term, tf in counts.items():
            postings = self._postings.get(term)
            if postings is None:
                postings = self._postings[term] = {}
                self._sorted_terms = None
            postings[doc_id] = tf

    def remove(self, doc_id: DocId) -> None:
        """Forget ``doc_id`` (no-op if it is not indexed)."""
        counts = self._doc_terms.pop(doc_id, None)
        if counts is None:
            return
        del self._doc_tokens[doc_id]
        self._total_len -= self._doc_len.pop(doc_id)
        for term in counts:
            postings = self._postings[term]
            del postings[doc_id]
            if not postings:
                del self._postings[term]
                self._sorted_terms = None

    def add_many(self, items: Iterable[tuple[DocId, Any]]) -> None:
        for doc_id, value in items:
            self.add(doc_id, value)

    # -- statistics ----------------------------------------------------------------------------

    @property
    def doc_count(self) -> int:
        """N: documents with a value for the attribute."""
        return len(self._doc_len)

    @property
    def avgdl(self) -> float:
        return self._total_len / len(self._doc_len) if self._doc_len else 0.0

    def doc_freq(self, term: str) -> int:
        return len(self._postings.get(term, ()))

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._doc_len

    def doc_ids(self) -> set[DocId]:
        return set(self._doc_len)

    def doc_terms(self, doc_id: DocId) -> Counter[str] | None:
        """Term counts of an indexed document (``None`` if not indexed)."""
        return self._doc_terms.get(doc_id)

    def doc_tokens(self, doc_id: DocId) -> list[list[Token]] | None:
        """Tokens per element of an indexed document (``None`` if not indexed)."""
        return self._doc_tokens.get(doc_id)

    def postings(self, term: str) -> dict[DocId, int]:
        """``{doc_id: tf}`` for ``term`` (read-only view; empty if unknown)."""
        return self._postings.get(term, {})

    def terms_with_prefix(self, prefix: str) -> list[str]:
        """Indexed terms starting with ``prefix`` (byte prefix == code-point prefix in UTF-8)."""
        if self._sorted_terms is None:
            self._sorted_terms = sorted(self._postings)
        terms = self._sorted_terms
        out = []
        for i in range(bisect.bisect_left(terms, prefix), len(terms)):
            if not terms[i].startswith(prefix):
                break
            out.append(terms[i])
        return out

    # -- BM25 ----------------------------------------------------------------------------------

    def bm25(
        self, query: str | list[str], last_as_prefix: bool = False, *, where: str = "BM25"
    ) -> dict[DocId, float]:
        """BM25 score of every document that matches at least one query term (reference §7.3).

        Raises ``ApiError(400)`` for a too-long query or a string query on a pre-tokenized attribute.
        """
        return self.bm25_analyzed(self.analyzer.query(query, last_as_prefix=last_as_prefix, where=where))

    def bm25_analyzed(self, query: AnalyzedQuery) -> dict[DocId, float]:
        """BM25 for an already analysed query (lets callers analyse once and score many times)."""
        scores: dict[DocId, float] = {}
        n_docs = self.doc_count
        if n_docs == 0:
            return scores
        avgdl = self.avgdl
        k1, b = self.config.k1, self.config.b
        doc_len = self._doc_len
        for term, qtf in Counter(query.terms).items():
            postings = self._postings.get(term)
            if not postings:
                continue
            weight = idf(n_docs, len(postings)) * query_frequency_factor(qtf, self.config.k3)
            for doc_id, tf in postings.items():
                contribution = weight * term_frequency_factor(tf, doc_len[doc_id], avgdl, k1, b)
                scores[doc_id] = scores.get(doc_id, 0.0) + contribution
        if query.prefix is not None:
            for term in self.terms_with_prefix(query.prefix):
                for doc_id in self._postings[term]:
                    scores[doc_id] = scores.get(doc_id, 0.0) + PREFIX_MATCH_SCORE
        return scores

    def bm25_of_terms(self, terms: list[str], query: AnalyzedQuery) -> float:
        """BM25 of an unindexed token list (e.g. a highlight fragment) under this index's statistics.

        Terms the index has never seen count as appearing in no document.
        """
        n_docs = max(self.doc_count, 1)
        avgdl = self.avgdl or float(len(terms)) or 1.0
        counts = Counter(terms)
        score = 0.0
        for term, qtf in Counter(query.terms).items():
            tf = counts.get(term, 0)
            if tf:
                score += (
                    idf(n_docs, min(self.doc_freq(term), n_docs))
                    * query_frequency_factor(qtf, self.config.k3)
                    * term_frequency_factor(tf, len(terms), avgdl, self.config.k1, self.config.b)
                )
        if query.prefix is not None:
            score += PREFIX_MATCH_SCORE * sum(1 for term in counts if term.startswith(query.prefix))
        return score


def reference_matching_ids(token_filter: Any, index: ReferenceIndex) -> set[DocId]:
    """``TokenFilter.matching_ids`` as it was over the dict index (positions from stored tokens)."""
    query = token_filter.query
    if query.is_empty:
        return set()
    if token_filter.op == "ContainsAnyToken":
        out: set[DocId] = set()
        for term in set(query.terms):
            out.update(index.postings(term))
        if query.prefix is not None:
            for term in index.terms_with_prefix(query.prefix):
                out.update(index.postings(term))
        return out
    sets: list[Any] = [index.postings(t).keys() for t in set(query.terms)]
    sets.sort(key=len)
    if query.prefix is not None:
        prefixed: set[DocId] = set()
        for term in index.terms_with_prefix(query.prefix):
            prefixed.update(index.postings(term))
        sets.append(prefixed)
    if not sets:
        return set()
    candidates = set(sets[0])
    for s in sets[1:]:
        candidates.intersection_update(s)
    if token_filter.op == "ContainsAllTokens":
        return candidates
    return {d for d in candidates if token_filter._sequence_in(index.doc_tokens(d) or [])}
