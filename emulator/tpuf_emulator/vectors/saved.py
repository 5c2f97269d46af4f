"""A saved graph: the HNSW graph of an index plus what its row keys meant when it was saved.

``VectorIndex.save_graph`` produces one (the graph frozen, so it matches its row maps exactly);
``VectorIndex.restored`` reads one back and reconciles it with the documents it is restored for.
``encode``/``decode`` turn it into bytes and back (storage/ checksums and places the file)::

    meta length u32 | meta (orjson) | usearch's own serialisation of the graph

``meta``: ``format``, ``owner`` (an opaque label the caller checks, e.g. which namespace and
attribute), ``dims``, ``metric``, ``codes``, ``retired`` (rows in the graph owned by nobody at the
save: removed after a restore) and ``named_rows``/``named_ids`` (rows from ``OWN_ROW_LIMIT`` up and
the ids owning them; every other live row key *is* its document's id).
"""

from __future__ import annotations

import struct
from collections.abc import Hashable
from dataclasses import dataclass

import orjson

FORMAT = 1
_LENGTH = struct.Struct("<I")


@dataclass(frozen=True)
class SavedGraph:
    owner: str
    dims: int
    metric: str
    codes: str
    retired: list[int]
    named_rows: list[int]
    named_ids: list[Hashable]
    graph: bytes | bytearray | memoryview


def encode(saved: SavedGraph) -> list[bytes]:
    """The pieces of the saved graph's bytes (the graph itself is not copied)."""
    meta = orjson.dumps(
        {
            "format": FORMAT,
            "owner": saved.owner,
            "dims": saved.dims,
            "metric": saved.metric,
            "codes": saved.codes,
            "retired": saved.retired,
            "named_rows": saved.named_rows,
            "named_ids": saved.named_ids,
        }
    )
    return [_LENGTH.pack(len(meta)), meta, saved.graph]  # type: ignore[list-item]


def decode(data: memoryview) -> SavedGraph:
    """The saved graph in ``data`` (from :func:`encode`); ``ValueError`` if it is not one."""
    if len(data) < _LENGTH.size:
        raise ValueError("saved graph is truncated")
    (length,) = _LENGTH.unpack_from(data)
    end = _LENGTH.size + length
    if end > len(data):
        raise ValueError("saved graph's metadata is truncated")
    meta = orjson.loads(data[_LENGTH.size : end])
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ValueError(f"saved graph format {meta.get('format') if isinstance(meta, dict) else None!r}")
    if len(meta["named_rows"]) != len(meta["named_ids"]):
        raise ValueError("saved graph's row map is inconsistent")
    return SavedGraph(
        owner=meta["owner"],
        dims=meta["dims"],
        metric=meta["metric"],
        codes=meta["codes"],
        retired=meta["retired"],
        named_rows=meta["named_rows"],
        named_ids=meta["named_ids"],
        graph=data[end:],
    )
