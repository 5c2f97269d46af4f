"""The analysis pipeline of reference §7.1: text -> positioned terms. Documents and queries share it.

Stages, in order: (1) segmentation into word tokens, each with a position that keeps counting when a
later stage drops the token (phrase matching relies on it); (2) drop tokens longer than
``max_token_length`` UTF-8 bytes; (3) lowercase unless ``case_sensitive``; (4) drop stop words when
``remove_stopwords``; (5) Snowball-stem when ``stemming``; (6) ASCII-fold when ``ascii_folding``,
then lowercase again if case-insensitive.

``pre_tokenized_array`` skips all of it: each array element is one token, matched exactly.

Query-side choices (the reference is silent; documented here so callers need not guess):

* A token-array query on a ``word_v*`` attribute: each element is taken as one already-segmented
  token and goes through stages 2-6, so ``["Jumping"]`` still finds "jumped" with stemming on.
* ``last_as_prefix``: the final query token is the prefix. It is length-checked, lowercased and
  folded like any token but neither stop-word-filtered nor stemmed, because a partially typed word
  is not a word yet ("the" must still find "theory"; "runni" must not become a stem).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import serde_errors
from ..errors import ApiError
from ..schema.model import FullTextConfig
from .folding import ascii_fold
from .segmentation import word_spans
from .stemming import stemmer
from .stopwords import stopwords

MAX_QUERY_CHARS = 8192


@dataclass(frozen=True, slots=True)
class Token:
    """One analysed token: its term, its position in the element, and its character span there."""

    term: str
    position: int
    start: int
    end: int


@dataclass(frozen=True)
class AnalyzedQuery:
    """Query terms in order (with positions, for phrases) plus the prefix term of ``last_as_prefix``."""

    tokens: list[Token]
    prefix: str | None = None

    @property
    def terms(self) -> list[str]:
        return [t.term for t in self.tokens]

    @property
    def is_empty(self) -> bool:
        return not self.tokens and self.prefix is None


class Analyzer:
    """Runs the pipeline configured by one attribute's :class:`FullTextConfig`."""

    def __init__(self, config: FullTextConfig) -> None:
        self.config = config
        self.pre_tokenized = config.tokenizer == "pre_tokenized_array"
        self._stop = stopwords(config.language) if config.remove_stopwords else frozenset()
        self._stem = stemmer(config.language) if config.stemming else None
        # Real text repeats words constantly; caching the document-side normalisation per raw word
        # makes indexing ~2x faster. Bounded, so memory stays flat on huge vocabularies.
        self._document_term = lru_cache(maxsize=100_000)(
            lambda raw: self._normalize(raw, keep_stopword=False, stem=True)
        )

    # -- documents -----------------------------------------------------------------------------

    def tokens(self, text: str) -> list[Token]:
        """The analysed tokens of one string (for ``pre_tokenized_array``: the string is one token)."""
        if self.pre_tokenized:
            return [Token(text, 0, 0, len(text))]
        out: list[Token] = []
        for position, (start, end) in enumerate(word_spans(text, self.config.tokenizer)):
            term = self._document_term(text[start:end])
            if term is not None:
                out.append(Token(term, position, start, end))
        return out

    def value_tokens(self, value: str | list[str]) -> list[list[Token]]:
        """Tokens per element: one list for a string, one per element for ``[]string``.

        For ``pre_tokenized_array`` the whole array is one token sequence (element i at position i).
        """
        if isinstance(value, str):
            return [self.tokens(value)]
        if self.pre_tokenized:
            return [[Token(v, i, 0, len(v)) for i, v in enumerate(value)]]
        return [self.tokens(v) for v in value]

    def terms(self, value: str | list[str]) -> list[str]:
        """All terms of a value, elements concatenated (what BM25 counts)."""
        return [t.term for element in self.value_tokens(value) for t in element]

    # -- queries -------------------------------------------------------------------------------

    def query(self, query: Any, *, last_as_prefix: bool = False, where: str = "query") -> AnalyzedQuery:
        """Analyse a BM25 / token-filter query; 400 when it is too long or of the wrong form."""
        if isinstance(query, str):
            if self.pre_tokenized:
                raise ApiError(
                    400,
                    f"{where}: the attribute uses the pre_tokenized_array tokenizer, so the query must be "
                    "a []string (an array of tokens), not a string",
                )
            if len(query) > MAX_QUERY_CHARS:
                raise ApiError(
                    400,
                    f"{where}: full-text query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}",
                )
            spans = word_spans(query, self.config.tokenizer)
            pieces = [(query[s:e], i, s, e) for i, (s, e) in enumerate(spans)]
        elif isinstance(query, list) and all(isinstance(q, str) for q in query):
            total = sum(len(q) for q in query)
            if total > MAX_QUERY_CHARS:
                raise ApiError(
                    400,
                    f"{where}: full-text query is {total} characters long; the limit is {MAX_QUERY_CHARS}",
                )
            pieces = [(q, i, 0, len(q)) for i, q in enumerate(query)]
        else:
            raise serde_errors.invalid_type(where, query, "a string or a sequence of strings")

        prefix: str | None = None
        if last_as_prefix and pieces:
            raw, *_ = pieces.pop()
            prefix = raw if self.pre_tokenized else self._normalize(raw, keep_stopword=True, stem=False)
        tokens: list[Token] = []
        for raw, position, start, end in pieces:
            term = raw if self.pre_tokenized else self._normalize(raw, keep_stopword=False, stem=True)
            if term is not None:
                tokens.append(Token(term, position, start, end))
        return AnalyzedQuery(tokens, prefix)

    # -- stages 2-6 ----------------------------------------------------------------------------

    def _normalize(self, raw: str, *, keep_stopword: bool, stem: bool) -> str | None:
        config = self.config
        if len(raw.encode("utf-8")) > config.max_token_length:
            return None
        term = raw if config.case_sensitive else raw.lower()
        if not keep_stopword and term in self._stop:
            return None
        if stem and self._stem is not None:
            term = self._stem(term)
        if config.ascii_folding:
            term = ascii_fold(term)
            if not config.case_sensitive:
                term = term.lower()
        return term
