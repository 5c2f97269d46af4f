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

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import serde_errors
from ..errors import ApiError
from ..schema.model import FullTextConfig
from .folding import ascii_fold
from .segmentation import word_spans, words
from .stemming import stemmer, stemmer_batch
from .stopwords import stopwords

MAX_QUERY_CHARS = 8192
TERM_CACHE_SIZE = 200_000  # raw word -> term entries kept per analyzer before the cache is cleared


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
        self._stem_batch: Callable[[list[str]], list[str]] | None = (
            stemmer_batch(config.language) if config.stemming else None
        )
        # Real text repeats words constantly: the document-side normalisation of each raw word is
        # cached (raw -> term, or None when the word is dropped). Cleared when it grows past
        # TERM_CACHE_SIZE, so memory stays flat on huge vocabularies.
        self._term_cache: dict[str, str | None] = {}

    # -- documents -----------------------------------------------------------------------------

    def tokens(self, text: str) -> list[Token]:
        """The analysed tokens of one string (for ``pre_tokenized_array``: the string is one token)."""
        if self.pre_tokenized:
            return [Token(text, 0, 0, len(text))]
        spans = word_spans(text, self.config.tokenizer)
        terms = self._document_terms([text[start:end] for start, end in spans])
        return [
            Token(term, position, start, end)
            for position, ((start, end), term) in enumerate(zip(spans, terms, strict=True))
            if term is not None
        ]

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
        """All terms of a value, elements concatenated (what BM25 counts), without positions."""
        return self.terms_of_many([value])[0]

    def terms_of_many(self, values: list[str | list[str]]) -> list[list[str]]:
        """``terms`` of each value, analysed as one batch: every distinct new word is normalised
        and stemmed once (one ``stemWords`` call), and no Token objects are made."""
        raw = [self.raw_words(value) for value in values]
        if self.pre_tokenized:
            return raw
        cache = self._cached_terms([word for doc in raw for word in doc])
        return [[term for word in doc if (term := cache[word]) is not None] for doc in raw]

    def raw_words(self, value: str | list[str]) -> list[str]:
        """Stage 1 only: the words of a value (all elements), before normalisation; for
        ``pre_tokenized_array`` the elements themselves, which are the terms."""
        if self.pre_tokenized:
            return [value] if isinstance(value, str) else list(value)
        tokenizer = self.config.tokenizer
        if isinstance(value, str):
            return words(value, tokenizer)
        return [word for element in value for word in words(element, tokenizer)]

    def normalize_words(self, raw_words: list[str]) -> list[str | None]:
        """Stages 2-6 of document words, in one batch (None: the word is dropped)."""
        if self.pre_tokenized:
            return list(raw_words)
        lowered = [self._before_stemming(word, keep_stopword=False) for word in raw_words]
        kept = [term for term in lowered if term is not None]
        stems = iter(self._stem_batch(kept) if self._stem_batch is not None else kept)
        return [None if term is None else self._after_stemming(next(stems)) for term in lowered]

    def _document_terms(self, raw_words: list[str]) -> list[str | None]:
        cache = self._cached_terms(raw_words)
        return [cache[word] for word in raw_words]

    def _cached_terms(self, raw_words: list[str]) -> dict[str, str | None]:
        """The term cache, holding an entry for every word of ``raw_words``."""
        cache = self._term_cache
        missing = set(raw_words).difference(cache)
        if not missing:
            return cache
        if len(cache) + len(missing) > TERM_CACHE_SIZE:
            cache = self._term_cache = {}
            missing = set(raw_words)
        ordered = list(missing)
        cache.update(zip(ordered, self.normalize_words(ordered), strict=True))
        return cache

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
        term = self._before_stemming(raw, keep_stopword=keep_stopword)
        if term is None:
            return None
        if stem and self._stem is not None:
            term = self._stem(term)
        return self._after_stemming(term)

    def _before_stemming(self, raw: str, *, keep_stopword: bool) -> str | None:
        """Stages 2-4: the length limit, lowercasing and stop words (None: the token is dropped)."""
        config = self.config
        if len(raw) * 4 > config.max_token_length and len(raw.encode("utf-8")) > config.max_token_length:
            return None
        term = raw if config.case_sensitive else raw.lower()
        if not keep_stopword and term in self._stop:
            return None
        return term

    def _after_stemming(self, term: str) -> str:
        """Stage 6: ASCII folding (then lowercase again when case-insensitive)."""
        config = self.config
        if config.ascii_folding:
            term = ascii_fold(term)
            if not config.case_sensitive:
                term = term.lower()
        return term
