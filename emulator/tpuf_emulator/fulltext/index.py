"""The inverted index of one full-text attribute: postings as arrays, maintained on every write.

State (see :mod:`.postings` and :mod:`.doc_table`): a vocabulary ``term -> term id``; postings
``term id -> (rows, tfs)`` in immutable, log-structured segments; per row the document id, its
length, whether it is live, and a reference to the indexed value. A write analyses only the
changed documents (one batch, :meth:`Analyzer.terms_of_many`) and appends one segment; removed
and replaced documents are tombstoned, and compacted away once they are a quarter of the rows.

BM25 (reference §7.3; the formula in :mod:`.bm25`): for each distinct query term, in query order,
the term's live postings are gathered and ``idf * tf-factor`` is added into a per-row score array
with numpy. The arithmetic is the same float64 operations in the same order as the per-document
dict implementation this replaced (``tests/fulltext/reference_index.py``), so scores are
bit-identical; and results come out in the order that implementation produced them — documents of
the first query term that has them first, each term's documents in write order — which is the
order ties keep when ranked (:mod:`.topk`).

Positions are not stored: phrase filters, per-document checks and highlights re-analyse the few
candidate documents' values, which the namespace holds anyway.

Statistics (unconfirmed details decided here): ``N`` and ``avgdl`` count the documents that have a
value for the attribute (null/missing documents are not in the index; an empty string is a value
with length 0); for ``[]string`` a document's terms are the tokens of all its elements together.

Not thread-safe for writers: the namespace's read/write lock serialises writers against readers.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

import numpy as np
import numpy.typing as npt

from ..schema.model import FullTextConfig
from .analysis import AnalyzedQuery, Analyzer, Token
from .bm25 import PREFIX_MATCH_SCORE, idf, query_frequency_factor, term_frequency_factor
from .doc_table import DocId, DocTable
from .postings import PostingStore, Segment, merge, tf_array
from .topk import top_k_rows

COMPACT_DEAD_FRACTION = 0.25  # compact once this share of rows is tombstoned
COMPACT_MIN_ROWS = 1024
WORD_CACHE_SIZE = 1_000_000  # raw word -> term id entries a single write may hold
# Entries kept between writes: small writes reuse the analysis of common words, while a bulk load
# does not keep one entry per distinct raw word of the corpus (19 MiB for 94k passages of docs text).
KEPT_WORD_CACHE_SIZE = 16_384

__all__ = ["DocId", "FullTextIndex", "Matches"]

# One reached query term: its rows (ascending) and its contribution to each (or one for all).
Reached = tuple[npt.NDArray[np.int32], npt.NDArray[np.float64] | float]


# Postings at least 1/DENSE_SHARE of the table's rows: scores are summed in an array as long as the
# table (bincount) instead of merging the postings. Measured on the 94k passages, 200 two-word
# queries, in process, interleaved: always dense 0.229 ms p50, never 0.164, from 1/4 of the table
# 0.158, from 1/16 0.213: the merge wins until the postings approach the table's size.
DENSE_SHARE = 4


@dataclass(frozen=True)
class Matches:
    """The documents a query's terms reach: rows, their scores, and the order they were produced in
    (``first_term`` then row: the position of the first query term whose postings hold the row)."""

    rows: npt.NDArray[np.int64]
    scores: npt.NDArray[np.float64]
    first_term: npt.NDArray[np.int32]


class FullTextIndex:
    """Inverted index + BM25 scoring for one attribute configured by ``config``."""

    def __init__(self, config: FullTextConfig) -> None:
        self.config = config
        self.analyzer = Analyzer(config)
        # How it came to be (explain_query reports it): "documents" (built from the namespace's
        # documents, then kept current by writes), "snapshot" (loaded) or "query" (a safety net).
        self.origin = "documents"
        self._term_ids: dict[str, int] = {}
        self._raw_ids: dict[str, int] = {}
        self._terms: list[str] = []
        self._sorted_terms: list[str] | None = []
        self._docs = DocTable()
        self._store = PostingStore()

    # -- writes --------------------------------------------------------------------------------

    def add(self, doc_id: DocId, value: str | list[str] | None) -> None:
        """Index (or re-index) ``doc_id`` with ``value``; ``None`` removes it."""
        self.update({doc_id: value})

    def add_many(self, items: Iterable[tuple[DocId, Any]]) -> None:
        self.update(dict(items))

    def remove(self, doc_id: DocId) -> None:
        """Forget ``doc_id`` (no-op if it is not indexed)."""
        if self._docs.remove(doc_id):
            self._maybe_compact()

    def update(self, values: Mapping[DocId, str | list[str] | None]) -> None:
        """Apply one write: each id is (re-)indexed with its value, or removed when it is ``None``."""
        docs = self._docs
        for doc_id in values:
            docs.remove(doc_id)
        added = [(doc_id, value) for doc_id, value in values.items() if value is not None]
        if added:
            self._append([doc_id for doc_id, _ in added], [value for _, value in added])
            if len(self._raw_ids) > KEPT_WORD_CACHE_SIZE:
                self._raw_ids = {}
        self._maybe_compact()

    def _append(self, doc_ids: list[DocId], values: list[Any]) -> None:
        raw = [self.analyzer.raw_words(value) for value in values]
        flat = [word for words in raw for word in words]
        word_ids = self._word_ids(flat)
        ids = np.fromiter(map(word_ids.__getitem__, flat), np.int64, len(flat))
        doc_index = np.repeat(np.arange(len(raw), dtype=np.int64), [len(words) for words in raw])
        kept = ids >= 0
        ids, doc_index = ids[kept], doc_index[kept]
        lengths = np.bincount(doc_index, minlength=len(raw)).tolist()
        # One posting per (document, term), with its count: unique over doc * V + term.
        width = max(len(self._terms), 1)
        keys, tfs = np.unique(doc_index * width + ids, return_counts=True)
        first = self._docs.append(doc_ids, values, lengths)
        rows = (keys // width + first).astype(np.int32)
        segment = Segment.build((keys % width).astype(np.int32), rows, tf_array(tfs))
        self._store.append(segment, self._docs.alive)

    def _word_ids(self, words: list[str]) -> dict[str, int]:
        """The per-index cache raw word -> term id (-1: the analysis drops the word), holding every
        word of ``words``; new words are analysed in one batch (see ``Analyzer.normalize_words``)."""
        cache = self._raw_ids
        missing = set(words).difference(cache)
        if not missing:
            return cache
        if len(cache) + len(missing) > WORD_CACHE_SIZE:
            cache = self._raw_ids = {}
            missing = set(words)
        vocabulary, terms = self._term_ids, self._terms
        known = len(terms)
        ordered = list(missing)
        for word, term in zip(ordered, self.analyzer.normalize_words(ordered), strict=True):
            cache[word] = -1 if term is None else vocabulary.setdefault(term, len(vocabulary))
        if len(vocabulary) > known:
            terms.extend(islice(vocabulary, known, None))
            self._sorted_terms = None
        return cache

    def _maybe_compact(self) -> None:
        docs = self._docs
        dead = docs.rows - docs.live
        if docs.rows >= COMPACT_MIN_ROWS and dead > COMPACT_DEAD_FRACTION * docs.rows:
            self.compact()

    def compact(self) -> None:
        """Drop tombstoned rows and their postings, renumbering live rows densely (order kept)."""
        alive = self._docs.alive.copy()
        renumber = self._docs.compact()
        segments = self._store.segments
        self._store.replace([merge(segments, keep=alive, renumber=renumber)] if segments else [])

    # -- statistics ----------------------------------------------------------------------------

    @property
    def doc_count(self) -> int:
        """N: documents with a value for the attribute."""
        return self._docs.live

    @property
    def avgdl(self) -> float:
        live = self._docs.live
        return self._docs.total_len / live if live else 0.0

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs.id_row

    def doc_ids(self) -> set[DocId]:
        return set(self._docs.id_row)

    def _live_postings(self, term: str) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.integer]]:
        term_id = self._term_ids.get(term)
        if term_id is None:
            return np.zeros(0, np.int32), np.zeros(0, np.uint16)
        rows, tfs = self._store.postings(term_id)
        if self._docs.live == self._docs.rows:  # no tombstones: every posting is live
            return rows, tfs
        alive = self._docs.alive[rows]
        if alive.all():
            return rows, tfs
        return rows[alive], tfs[alive]

    def doc_freq(self, term: str) -> int:
        return len(self._live_postings(term)[0])

    def postings(self, term: str) -> dict[DocId, int]:
        """``{doc_id: tf}`` for ``term``, in write order (empty if unknown)."""
        rows, tfs = self._live_postings(term)
        row_ids = self._docs.row_ids
        return {row_ids[r]: tf for r, tf in zip(rows.tolist(), tfs.tolist(), strict=True)}

    def term_rows(self, term: str) -> npt.NDArray[np.int32]:
        """Live rows holding ``term``, ascending."""
        return self._live_postings(term)[0]

    def ids_of_rows(self, rows: Iterable[int]) -> list[DocId]:
        row_ids = self._docs.row_ids
        return [row_ids[r] for r in rows]

    def value(self, doc_id: DocId) -> Any:
        """The indexed value of ``doc_id`` (``None`` if not indexed)."""
        row = self._docs.row_of(doc_id)
        return None if row is None else self._docs.values[row]

    def doc_terms(self, doc_id: DocId) -> Counter[str] | None:
        """Term counts of an indexed document (``None`` if not indexed), by re-analysing its value."""
        value = self.value(doc_id)
        return None if value is None else Counter(self.analyzer.terms(value))

    def doc_tokens(self, doc_id: DocId) -> list[list[Token]] | None:
        """Tokens per element of an indexed document (``None`` if not indexed), re-analysed."""
        value = self.value(doc_id)
        return None if value is None else self.analyzer.value_tokens(value)

    def terms_with_prefix(self, prefix: str) -> list[str]:
        """Indexed terms starting with ``prefix`` (byte prefix == code-point prefix in UTF-8).

        May include terms whose documents were all removed; they have no live postings.
        """
        if self._sorted_terms is None:
            self._sorted_terms = sorted(self._terms)
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
        """BM25 for an already analysed query, ``{doc_id: score}`` in production order."""
        matches = self.matches(query)
        order = np.lexsort((matches.rows, matches.first_term))
        row_ids = self._docs.row_ids
        rows, scores = matches.rows[order].tolist(), matches.scores[order].tolist()
        return {row_ids[r]: s for r, s in zip(rows, scores, strict=True)}

    def bm25_top(
        self,
        query: str | list[str],
        last_as_prefix: bool,
        k: int | None,
        candidates: Collection[DocId] | None = None,
        *,
        where: str = "BM25",
    ) -> list[tuple[DocId, float]]:
        """The best ``k`` (all when ``None``) ``(doc_id, score)``, best first, by partial sort.

        Exactly what ranking ``bm25``'s result by descending score with a stable sort gives (the
        query layer's ``rank_by_score``), including its tie order: production order, or, when
        ``candidates`` (an ordered collection of ids, e.g. a filter's result) are fewer than the
        matches, candidate order.
        """
        reached = self._reached(self.analyzer.query(query, last_as_prefix=last_as_prefix, where=where))
        table_rows = self._docs.rows
        if len(reached) == 2 and (len(reached[0][0]) + len(reached[1][0])) * DENSE_SHARE < table_rows:
            matches = _accumulate_pair(reached)  # the usual two-word query: any row order will do
        else:
            matches = _accumulate(reached, table_rows)
        rows, scores = matches.rows, matches.scores
        tie_keys: tuple[npt.NDArray[np.integer], ...] = (matches.first_term, rows)
        if candidates is not None:
            position = self._positions(candidates)[rows]
            inside = position >= 0
            if len(rows) > len(candidates):
                tie_keys = (position,)
            rows, scores = rows[inside], scores[inside]
            tie_keys = tuple(key[inside] for key in tie_keys)
        chosen = top_k_rows(scores, tie_keys, k)
        row_ids = self._docs.row_ids
        return [(row_ids[r], s) for r, s in zip(rows[chosen].tolist(), scores[chosen].tolist(), strict=True)]

    def _positions(self, ids: Collection[DocId]) -> npt.NDArray[np.int64]:
        """Per row, the position of its document in ``ids`` (-1 when absent)."""
        id_row = self._docs.id_row
        rows = np.fromiter((id_row.get(doc_id, -1) for doc_id in ids), np.int64, len(ids))
        order = np.arange(len(ids), dtype=np.int64)
        found = rows >= 0
        position = np.full(self._docs.rows, -1, np.int64)
        position[rows[found]] = order[found]
        return position

    def matches(self, query: AnalyzedQuery) -> Matches:
        """Scores of the rows the query reaches (see :class:`Matches`).

        Each reached term adds its contribution to its rows' scores in term order (the first adds
        to 0.0), and ``first`` keeps the earliest term that reached a row. Computed over the union of
        the terms' rows (a merge of sorted runs) rather than over arrays as long as the index, so a
        query costs what its postings cost, not what the namespace holds.
        """
        return _accumulate(self._reached(query), self._docs.rows)

    def _reached(self, query: AnalyzedQuery) -> list[Reached]:
        """Per reached query term (distinct terms in query order, then prefix matches): its live rows,
        ascending, and its contribution to each row's score (a constant for a prefix match)."""
        docs = self._docs
        n_docs = docs.live
        if n_docs == 0:
            return []
        k1, k3 = self.config.k1, self.config.k3
        k1_norms = docs.k1_norms(k1, self.config.b)
        reached: list[Reached] = []
        for term, qtf in Counter(query.terms).items():
            rows, tfs = self._live_postings(term)
            if not len(rows):
                continue
            weight = idf(n_docs, len(rows)) * query_frequency_factor(qtf, k3)
            tf = tfs.astype(np.float64)
            reached.append((rows, weight * (tf * (k1 + 1.0) / (tf + k1_norms[rows]))))
        if query.prefix is not None:
            for term in self.terms_with_prefix(query.prefix):
                rows, _ = self._live_postings(term)
                if len(rows):
                    reached.append((rows, PREFIX_MATCH_SCORE))
        return reached

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


def _accumulate(reached: list[Reached], table_rows: int) -> Matches:
    """Sum per row of each term's contributions (rows unique and ascending within a term), added in
    term order starting from 0.0, and the first term reaching each row; rows ascending.

    Two ways to the same bits: when the postings are many next to the table (``DENSE_SHARE``), sums
    go into one array as long as the table (``np.bincount`` adds each bin's weights in input order,
    i.e. term order, from 0.0); otherwise the postings are merged by a stable sort and summed per
    distinct row. The dense way costs O(rows of the table), the merge O(P log P) in the postings.
    """
    if not reached:
        return Matches(np.zeros(0, np.int64), np.zeros(0), np.zeros(0, np.int32))
    if len(reached) == 1:
        rows, contribution = reached[0]
        scores = np.zeros(len(rows)) + contribution
        return Matches(rows.astype(np.int64), scores, np.zeros(len(rows), np.int32))
    every = np.concatenate([rows for rows, _ in reached])
    if len(every) * DENSE_SHARE >= table_rows:
        return _accumulate_dense(reached, every, table_rows)
    order = np.argsort(every, kind="stable")  # timsort: a merge of the sorted runs
    ordered = every[order]
    distinct = np.ones(len(ordered), np.bool_)
    np.not_equal(ordered[1:], ordered[:-1], out=distinct[1:])
    hit = ordered[distinct].astype(np.int64)
    slot = np.empty(len(every), np.intp)  # each posting's position in ``hit``
    slot[order] = np.cumsum(distinct) - 1
    acc = np.zeros(len(hit))
    first = np.full(len(hit), np.iinfo(np.int32).max, np.int32)
    start = 0
    for produced, (rows, contribution) in enumerate(reached):
        at = slot[start : start + len(rows)]
        start += len(rows)
        acc[at] += contribution
        first[at] = np.minimum(first[at], produced)
    return Matches(hit, acc, first)


def _accumulate_pair(reached: list[Reached]) -> Matches:
    """``_accumulate`` of exactly two terms, rows in no particular order (a top-k breaks ties by
    explicit keys): the second term's rows are looked up in the first's (``searchsorted``, both
    ascending) instead of merged by a sort. Same bits: each score is 0.0 + the first term's
    contribution, + the second's where both reach the row."""
    (first_rows, first_part), (second_rows, second_part) = reached
    position = np.searchsorted(first_rows, second_rows)
    shared = position < len(first_rows)
    shared[shared] = first_rows[position[shared]] == second_rows[shared]
    scores = np.zeros(len(first_rows)) + first_part
    second = np.zeros(len(second_rows)) + second_part
    scores[position[shared]] += second[shared]
    only_second = ~shared
    rows = np.concatenate([first_rows, second_rows[only_second]]).astype(np.int64)
    first_term = np.zeros(len(rows), np.int32)
    first_term[len(first_rows) :] = 1
    return Matches(rows, np.concatenate([scores, second[only_second]]), first_term)


def _accumulate_dense(reached: list[Reached], every: npt.NDArray[np.integer], table_rows: int) -> Matches:
    weights = np.concatenate(
        [
            np.broadcast_to(np.asarray(contribution, dtype=np.float64), rows.shape)
            for rows, contribution in reached
        ]
    )
    sums: npt.NDArray[np.float64] = np.bincount(every, weights=weights, minlength=table_rows).astype(
        np.float64, copy=False
    )
    first = np.full(table_rows, np.iinfo(np.int32).max, np.int32)
    for produced in range(len(reached) - 1, -1, -1):  # the earliest term writes last
        first[reached[produced][0]] = produced
    hit = np.flatnonzero(first != np.iinfo(np.int32).max)
    return Matches(hit, sums[hit], first[hit])
