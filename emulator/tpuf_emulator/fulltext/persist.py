"""A full-text index as arrays for a snapshot, and back, so recovery loads postings instead of
re-analysing every document.

:func:`freeze` takes a consistent, immutable view of an index in O(rows) copying of two small
arrays (segments are immutable and shared; the vocabulary and row list are append-only), so the
namespace lock is held briefly; :func:`encode` then runs in the background: it merges the segments
without tombstoned rows, renumbers rows densely (order kept: ties keep breaking the same way after
a restart), keeps only terms that still have postings, and refers to documents by their position
in the snapshot (``ordinal``) rather than by id.

Encoded form: ``meta`` (JSON) + blocks, all little-endian::

    meta    {"config": {...}, "terms": m, "rows": n, "postings": p, "tf": "u2" | "i4"}
    blocks  term_ends int64[m] | term_bytes (utf-8, concatenated) | starts int64[m + 1]
            | ordinals int32[n] | lengths int32[n] | rows int32[p] | tfs uint16/int32[p]
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..schema.model import FullTextConfig
from .doc_table import DocTable
from .index import FullTextIndex
from .postings import PostingStore, Segment, merge, tf_array

_TF_DTYPES: dict[str, np.dtype[Any]] = {"u2": np.dtype("<u2"), "i4": np.dtype("<i4")}


@dataclass(frozen=True)
class FrozenIndex:
    config: FullTextConfig
    terms: list[str]
    segments: list[Segment]
    alive: npt.NDArray[np.bool_]
    lengths: npt.NDArray[np.int32]
    row_ids: list[Hashable]


def freeze(index: FullTextIndex) -> FrozenIndex:
    """An immutable view of ``index`` as it is now (caller holds the namespace's lock)."""
    docs = index._docs
    return FrozenIndex(
        index.config,
        index._terms,
        index._store.segments,
        docs.alive.copy(),
        docs.lengths.copy(),
        docs.row_ids,
    )


def encode(frozen: FrozenIndex, ordinal: Mapping[Hashable, int]) -> tuple[dict[str, Any], list[bytes]]:
    """``(meta, blocks)`` of ``frozen``; ``ordinal`` maps document id -> position in the snapshot."""
    keep = np.flatnonzero(frozen.alive)
    renumber = (np.cumsum(frozen.alive, dtype=np.int64) - 1).astype(np.int32)
    if frozen.segments:
        merged = merge(frozen.segments, keep=frozen.alive, renumber=renumber)
    else:
        merged = Segment(
            np.zeros(0, np.int32), np.zeros(1, np.int64), np.zeros(0, np.int32), np.zeros(0, np.uint16)
        )
    row_ids = frozen.row_ids
    ordinals = np.fromiter((ordinal[row_ids[r]] for r in keep.tolist()), np.int32, len(keep))
    encoded_terms = [frozen.terms[t].encode("utf-8") for t in merged.terms.tolist()]
    ends = np.cumsum([len(t) for t in encoded_terms], dtype=np.int64)
    tf_code = "i4" if merged.tfs.dtype == np.int32 else "u2"  # uint8 in memory is written as u2
    meta = {
        "config": frozen.config.to_json(),
        "terms": len(encoded_terms),
        "rows": len(keep),
        "postings": merged.size,
        "tf": tf_code,
    }
    blocks = [
        ends.astype("<i8").tobytes(),
        b"".join(encoded_terms),
        merged.starts.astype("<i8").tobytes(),
        ordinals.astype("<i4").tobytes(),
        frozen.lengths[keep].astype("<i4").tobytes(),
        merged.rows.astype("<i4").tobytes(),
        merged.tfs.astype(_TF_DTYPES[tf_code]).tobytes(),
    ]
    return meta, blocks


def decode(meta: dict[str, Any], data: memoryview, docs: Sequence[dict[str, Any]], attr: str,
           config: FullTextConfig) -> tuple[FullTextIndex, int]:  # fmt: skip
    """The index encoded at ``data`` (see the module docstring) over the snapshot's ``docs``;
    returns it and the number of bytes read."""
    m, n, p = meta["terms"], meta["rows"], meta["postings"]
    offset = 0

    def take(dtype: str | np.dtype[Any], count: int) -> npt.NDArray[Any]:
        nonlocal offset
        array = np.frombuffer(data, dtype=dtype, count=count, offset=offset).copy()
        offset += array.nbytes
        return array

    ends = take("<i8", m)
    term_bytes = bytes(data[offset : offset + (int(ends[-1]) if m else 0)])
    offset += len(term_bytes)
    bounds = [0, *ends.tolist()]
    terms = [term_bytes[bounds[i] : bounds[i + 1]].decode("utf-8") for i in range(m)]
    starts = take("<i8", m + 1)
    ordinals = take("<i4", n).tolist()
    lengths = take("<i4", n).astype(np.int32)
    rows = take("<i4", p).astype(np.int32)
    tfs = take(_TF_DTYPES[meta["tf"]], p)
    tfs = tf_array(tfs)  # the in-memory dtype: uint8 when every count fits
    index = FullTextIndex(config)
    index._terms = terms
    index._term_ids = {term: i for i, term in enumerate(terms)}
    index._sorted_terms = None
    index._docs = DocTable.restore(
        [docs[o]["id"] for o in ordinals], [docs[o][attr] for o in ordinals], lengths
    )
    index._store = PostingStore([Segment(np.arange(m, dtype=np.int32), starts, rows, tfs)] if p else [])
    index.origin = "snapshot"
    return index, offset
