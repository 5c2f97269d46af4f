"""The registry as a stream of snapshot chunks, and back (storage/ frames and checksums each chunk).

Why a stream: a namespace of 1M x 768 vectors is ~3 GB of float32; one JSON snapshot of it
(base64 vectors, ~4 GB) could be neither built nor parsed in one piece. Here the registry is cut
into chunks of at most ``BATCH_DOCS`` documents, each encoded and decoded on its own, so memory
beyond the live documents stays at one batch.

Chunk layout: ``kind u8 | meta length u32 | meta (orjson) | binary blocks``::

    KIND_REGISTRY   {"version": FORMAT_VERSION}                       first chunk, once
    KIND_NAMESPACE  {"org", "ns", "schema", "metric", "settings",     starts a namespace
                     "logical_bytes"}
    KIND_DOCS       {"docs": [doc...], "packed": [[attr, dims, rows | null], ...]}
                    + one block of len(rows) x dims little-endian float32 per packed attribute
    KIND_FULLTEXT   {"attr", ...fulltext.persist meta} + its blocks     after the namespace's docs,
                    one per full-text attribute: the postings, as raw arrays, referring to
                    documents by their position among the namespace's snapshot documents

Dense vectors (1-D float32 arrays) are "packed" as in log records (``records.pack_documents``):
removed from the JSON documents and stored as raw bytes, one matrix per attribute and batch.

``logical_bytes`` (the namespace's maintained size at the cut, so recovery need not measure every
document again: 40% of a restart at 200k + 200k documents) was added within version 3; a
snapshot without it has its documents measured.

Version 3 added KIND_FULLTEXT, so recovery loads full-text indexes instead of re-analysing every
document (tens of seconds at 100k passages). Version 2 snapshots are still read; their full-text
indexes are rebuilt from the documents.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from ..fulltext import FullTextIndex, persist
from ..schema.model import Schema
from ..vectors.column import VectorColumn
from . import records
from .namespace import Namespace

FORMAT_VERSION = 3
READABLE_VERSIONS = (2, 3)
BATCH_DOCS = 2048
KIND_REGISTRY, KIND_NAMESPACE, KIND_DOCS, KIND_FULLTEXT = 0, 1, 2, 3
_HEAD = struct.Struct("<BI")
ALIGN = 8


def _chunk(kind: int, meta: dict[str, Any], blocks: Iterable[bytes] = ()) -> bytes:
    """One chunk, a multiple of ``ALIGN`` bytes long: the meta is padded with JSON whitespace so
    that, with storage/'s 24-byte header and 16-byte frames, every chunk starts 8-aligned in the
    file and its float32 blocks (multiples of 4 bytes, at the end) start 4-aligned. Recovery then
    uses a packed vector block in place, as a vector column's chunk (``_decode_docs``)."""
    pieces = list(blocks)
    encoded = orjson.dumps(meta)
    encoded += b" " * (-(_HEAD.size + len(encoded) + sum(len(b) for b in pieces)) % ALIGN)
    return b"".join([_HEAD.pack(kind, len(encoded)), encoded, *pieces])


def _docs_chunk(batch: list[dict[str, Any]]) -> bytes:
    """One batch: vectors packed per attribute (same length within the batch), the rest as JSON."""
    section, blocks = records.pack_documents(batch)
    return _chunk(KIND_DOCS, section, blocks)


@dataclass(frozen=True)
class NamespaceCut:
    """One namespace as a snapshot will hold it: its header chunk and its documents at the cut."""

    header: bytes
    docs: list[dict[str, Any]]
    fulltext: dict[str, persist.FrozenIndex]


def cut_registry(spaces: Iterable[Namespace]) -> list[NamespaceCut]:
    """The state a snapshot must hold, taken while writes are held off (the caller's lock).

    Cheap (references only: documents are never modified in place), so the lock is held for
    milliseconds even at a million documents, and the chunks can be encoded and written
    afterwards, in the background, while new writes are applied to the live namespaces.
    """
    return [
        NamespaceCut(
            _chunk(
                KIND_NAMESPACE,
                {
                    "org": ns.organization,
                    "ns": ns.name,
                    "schema": ns.schema.to_json(),
                    "metric": ns.distance_metric,
                    "settings": records.settings_of(ns),
                    "logical_bytes": ns.logical_bytes,
                },
            ),
            list(ns.docs.values()),
            {attr: persist.freeze(index) for attr, index in ns.fulltext_indexes().items()},
        )
        for ns in spaces
    ]


def _fulltext_chunks(cut: NamespaceCut) -> Iterator[bytes]:
    if not cut.fulltext:
        return
    ordinal = {doc["id"]: position for position, doc in enumerate(cut.docs)}
    for attr, frozen in cut.fulltext.items():
        meta, blocks = persist.encode(frozen, ordinal)
        yield _chunk(KIND_FULLTEXT, {"attr": attr, **meta}, blocks)


def encode_registry(cuts: Iterable[NamespaceCut]) -> Iterator[bytes]:
    """The chunks of a snapshot of ``cuts`` (see ``cut_registry``), produced lazily."""
    yield _chunk(KIND_REGISTRY, {"version": FORMAT_VERSION})
    for cut in cuts:
        yield cut.header
        for start in range(0, len(cut.docs), BATCH_DOCS):
            yield _docs_chunk(cut.docs[start : start + BATCH_DOCS])
        yield from _fulltext_chunks(cut)


def _decode_docs(
    chunk: bytes | memoryview, meta: dict[str, Any], offset: int, columns: dict[str, VectorColumn]
) -> list[dict[str, Any]]:
    docs, end = records.unpack_documents(meta, chunk, offset, columns)
    if end != len(chunk):
        raise ValueError(f"a documents chunk holds {len(chunk) - end} bytes beyond its vectors")
    return docs


def _decode_fulltext(
    chunk: bytes | memoryview, meta: dict[str, Any], offset: int, schema: Schema, docs: list[dict[str, Any]]
) -> FullTextIndex | None:
    """The index of a KIND_FULLTEXT chunk, or None when the namespace's schema (read first, from
    its header chunk) does not index the attribute with those options: it is then rebuilt."""
    attribute = schema.get(meta["attr"])
    config = None if attribute is None else attribute.full_text_search
    if config is None or config.to_json() != meta["config"]:
        return None
    index, used = persist.decode(meta, memoryview(chunk)[offset:], docs, meta["attr"], config)
    if offset + used != len(chunk):
        raise ValueError(f"a full-text chunk holds {len(chunk) - offset - used} bytes beyond its postings")
    return index


def _vector_columns(schema: Schema) -> dict[str, VectorColumn]:
    """An empty column per dense vector attribute: the snapshot's vector blocks become their rows
    as they lie in the mapped file (``records.unpack_documents``), and ``Namespace.load_documents``
    installs the columns, so no vector passes through a per-document array."""
    return {
        attr: VectorColumn(config.type.dims)
        for attr, config in schema.attributes.items()
        if config.type.kind == "vector" and config.type.dims is not None
    }


def read_registry(chunks: Iterable[bytes | memoryview]) -> Iterator[records.ReplaceRecord]:
    """Every namespace of a snapshot, as the record that installs it (``apply.apply_record``),
    one at a time: memory beyond the namespaces already installed stays at one namespace.

    Chunks are checksummed by storage/, so a chunk that does not decode here is a bug or a snapshot
    from another format version: that is raised, never skipped.
    """
    header: dict[str, Any] | None = None
    schema = Schema()
    docs: list[dict[str, Any]] = []  # a snapshot holds each id once
    fulltext: dict[str, FullTextIndex] = {}
    columns: dict[str, VectorColumn] = {}

    def finish() -> records.ReplaceRecord:
        assert header is not None
        return records.ReplaceRecord(header["org"], header["ns"], schema, header["metric"], header["settings"],
                                     docs, fulltext, header.get("logical_bytes"), owned=True,
                                     vector_columns=columns)  # fmt: skip

    for index, chunk in enumerate(chunks):
        kind, meta_length = _HEAD.unpack_from(chunk)
        meta = orjson.loads(memoryview(chunk)[_HEAD.size : _HEAD.size + meta_length])
        if index == 0:
            if kind != KIND_REGISTRY or meta.get("version") not in READABLE_VERSIONS:
                raise ValueError(f"snapshot format {meta.get('version')!r} is not one of {READABLE_VERSIONS}")
        elif kind == KIND_NAMESPACE:
            if header is not None:
                yield finish()
            header, schema, docs, fulltext = meta, records.schema_from_json(meta["schema"]), [], {}
            columns = _vector_columns(schema)
        elif kind == KIND_DOCS and header is not None:
            docs.extend(_decode_docs(chunk, meta, _HEAD.size + meta_length, columns))
        elif kind == KIND_FULLTEXT and header is not None:
            loaded = _decode_fulltext(chunk, meta, _HEAD.size + meta_length, schema, docs)
            if loaded is not None:
                fulltext[meta["attr"]] = loaded
        else:
            raise ValueError(f"unexpected snapshot chunk of kind {kind} at position {index}")
    if header is not None:
        yield finish()
