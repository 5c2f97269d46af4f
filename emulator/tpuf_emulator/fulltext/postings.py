"""Postings as arrays: immutable segments of ``term id -> (rows, term frequencies)``, merged as they grow.

A :class:`Segment` holds the postings of one batch of documents in CSR form: ``terms`` (the sorted,
unique term ids it contains), ``starts`` (``len(terms) + 1`` offsets) and, per posting, ``rows``
(int32 document rows) and ``tfs`` (uint8, or uint16 / int32 when a term repeats more often in a document).
Within a term, rows ascend: every write appends rows higher than any before it, and merging keeps
segment order.

:class:`PostingStore` is the list of segments of one index, log-structured: each write adds one
segment, and while the newest segment is at least half as large as the one before it the two are
merged (a stable sort by term of their concatenation), so there are O(log n) segments and each
posting is copied O(log n) times over the index's life. Segments are never modified after they
are built, so a snapshot can hold the current list while writes go on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int32]
TfArray = npt.NDArray[np.integer]

_EMPTY_ROWS: IntArray = np.zeros(0, np.int32)
_EMPTY_TFS: TfArray = np.zeros(0, np.uint16)


def tf_array(values: npt.ArrayLike) -> TfArray:
    """Term frequencies in the smallest dtype that holds them: uint8 nearly always (no term of the
    94k real-text passages repeats 256 times in one), else uint16, else int32."""
    tfs = np.asarray(values)
    largest = int(tfs.max()) if tfs.size else 0
    if largest > np.iinfo(np.uint16).max:
        return tfs.astype(np.int32)
    return tfs.astype(np.uint8 if largest <= np.iinfo(np.uint8).max else np.uint16)


@dataclass(frozen=True)
class Segment:
    """The postings of one or more batches in CSR form (see the module docstring)."""

    terms: IntArray
    starts: npt.NDArray[np.int64]
    rows: IntArray
    tfs: TfArray

    @classmethod
    def build(cls, term_ids: IntArray, rows: IntArray, tfs: TfArray) -> Segment:
        """A segment from parallel posting arrays whose rows ascend within each term.

        The sort is stable, so postings given in ascending row order stay in that order per term.
        """
        order = np.argsort(term_ids, kind="stable")
        sorted_terms = term_ids[order]
        terms, starts = np.unique(sorted_terms, return_index=True)
        return cls(
            terms.astype(np.int32),
            np.append(starts, len(sorted_terms)).astype(np.int64),
            rows[order].astype(np.int32),
            tfs[order] if tfs.dtype == np.uint8 else tf_array(tfs[order]),
        )

    @property
    def size(self) -> int:
        return len(self.rows)

    def expanded_terms(self) -> IntArray:
        """The term id of every posting (the inverse of the CSR compression)."""
        return np.repeat(self.terms, np.diff(self.starts)).astype(np.int32)

    def lookup(self, term_id: int) -> tuple[IntArray, TfArray] | None:
        terms = self.terms
        # The key as the array's own dtype: a Python int makes numpy cast the whole ``terms`` array
        # to int64 first (~20 us per segment at 115k terms, most of a BM25 query's postings lookup).
        at = int(terms.searchsorted(np.int32(term_id)))
        if at == len(terms) or int(terms[at]) != term_id:
            return None
        start, end = self.starts[at : at + 2].tolist()
        return self.rows[start:end], self.tfs[start:end]


def merge(segments: list[Segment], keep: npt.NDArray[np.bool_] | None = None,
          renumber: IntArray | None = None) -> Segment:  # fmt: skip
    """One segment with the postings of ``segments`` (in order), optionally only rows where ``keep``
    is true and with rows mapped through ``renumber`` (which must preserve their order)."""
    term_ids = np.concatenate([s.expanded_terms() for s in segments])
    rows = np.concatenate([s.rows for s in segments])
    tfs = np.concatenate([s.tfs for s in segments])
    if keep is not None:
        mask = keep[rows]
        term_ids, rows, tfs = term_ids[mask], rows[mask], tfs[mask]
    if renumber is not None:
        rows = renumber[rows]
    return Segment.build(term_ids, rows, tfs)


class PostingStore:
    """The segments of one index; ``postings(term_id)`` gathers a term's postings across them."""

    def __init__(self, segments: list[Segment] | None = None) -> None:
        self.segments: list[Segment] = list(segments or [])

    @property
    def size(self) -> int:
        return sum(s.size for s in self.segments)

    def append(self, segment: Segment, alive: npt.NDArray[np.bool_]) -> None:
        """Add a new batch's segment; merge tail segments of similar size (dropping dead rows)."""
        if segment.size == 0:
            return
        segments = self.segments + [segment]
        while len(segments) >= 2 and segments[-1].size * 2 >= segments[-2].size:
            segments[-2:] = [merge(segments[-2:], keep=alive)]
        self.segments = segments  # a new list: a snapshot holding the old one is unaffected

    def replace(self, segments: list[Segment]) -> None:
        self.segments = list(segments)

    def postings(self, term_id: int) -> tuple[IntArray, TfArray]:
        """Rows (ascending) and term frequencies of ``term_id``, dead rows included."""
        found = [hit for s in self.segments if (hit := s.lookup(term_id)) is not None]
        if not found:
            return _EMPTY_ROWS, _EMPTY_TFS
        if len(found) == 1:
            return found[0]
        return np.concatenate([r for r, _ in found]), np.concatenate([t for _, t in found])
