"""The snapshot file: a stream of checksummed chunks that replaces the log records it compacts.

Layout (little-endian)::

    header = b"TPUFSNAP" | version u32 | generation u64 | crc32(version..generation) u32       (24 bytes)
    chunk  = b"SCHK" | length u64 | checksum(generation, index, length, body) u32 | body     (16 + length)
    end    = b"SEND" | chunk count u64 | crc32(generation, count) u32                          (16 bytes)

A chunk's checksum is the low 32 bits of XXH3-64 of the body, seeded with XXH3-64 of
(generation, index, length) (version 3), or CRC32 over (generation, index, length) and the body
(version 2, still read). Why XXH3: every byte of a snapshot is checked before recovery uses it,
and at 1M x 768 vectors (3.3 GB) CRC32 took ~0.5 s of a ~2.5 s restart; XXH3 takes ~0.1 s.
It detects damage as well (any change of the body changes the checksum with odds 1 - 2^-32).

Why chunks: a snapshot of a large namespace (1M x 768 vectors is ~3 GB) must be written and read
incrementally; a single payload had to fit one bytes object and one JSON parse, which failed at
1M documents. Each chunk is verified on its own, and its checksum also covers the generation and
its position, so a chunk from another snapshot or out of order is detected as damage. The end
frame proves the stream is complete: it is checked before recovery starts (a truncated or extended
file is refused at once), and its count is checked again when the last chunk has been read.

``generation`` ties the snapshot to the log: the log written after it carries the same number,
so recovery can tell a log already folded into the snapshot (older generation: skip it) from the
live one. A snapshot is written atomically (temp file + fsync + rename + directory fsync), so any
damage here is real corruption and recovery refuses to start rather than serve wrong data.

Version 1 (one JSON payload) existed only during development and is not read by this version.
Version 2 differs from 3 only in the chunk checksum (CRC32).
"""

from __future__ import annotations

import logging
import mmap
import os
import struct
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import xxhash

from .errors import StorageCorrupted
from .fsutil import atomic_write

log = logging.getLogger("tpuf_emulator.storage")

SNAPSHOT_MAGIC = b"TPUFSNAP"
SNAPSHOT_VERSION = 3
READABLE_VERSIONS = (2, 3)
_HEADER = struct.Struct("<8sIQI")
HEADER_SIZE = _HEADER.size
CHUNK_TAG = b"SCHK"
END_TAG = b"SEND"
_FRAME = struct.Struct("<4sQI")
FRAME_SIZE = _FRAME.size
_PAGE = mmap.ALLOCATIONGRANULARITY


def _chunk_checksum(version: int, generation: int, index: int, body: bytes | memoryview) -> int:
    bound = struct.pack("<QQQ", generation, index, len(body))  # binds the chunk to its place
    if version == 2:
        return zlib.crc32(body, zlib.crc32(bound))
    return xxhash.xxh3_64_intdigest(body, seed=xxhash.xxh3_64_intdigest(bound)) & 0xFFFF_FFFF


def _end_crc(generation: int, count: int) -> int:
    return zlib.crc32(struct.pack("<QQ", generation, count))


def encode_snapshot(generation: int, chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The byte pieces of a snapshot file, produced one chunk at a time (never the whole file)."""
    fields = struct.pack("<IQ", SNAPSHOT_VERSION, generation)
    yield _HEADER.pack(SNAPSHOT_MAGIC, SNAPSHOT_VERSION, generation, zlib.crc32(fields))
    count = 0
    for chunk in chunks:
        yield _FRAME.pack(CHUNK_TAG, len(chunk), _chunk_checksum(SNAPSHOT_VERSION, generation, count, chunk))
        yield chunk
        count += 1
    yield _FRAME.pack(END_TAG, count, _end_crc(generation, count))


def write_snapshot_file(path: Path, generation: int, chunks: Iterable[bytes]) -> int:
    """Write the snapshot atomically; returns its size in bytes."""
    written = 0

    def counted() -> Iterator[bytes]:
        nonlocal written
        for piece in encode_snapshot(generation, chunks):
            written += len(piece)
            yield piece

    atomic_write(path, counted())
    return written


class SnapshotReader:
    """An opened snapshot: ``generation`` and ``size`` are checked at once, ``chunks()`` lazily.

    Opening verifies the header and the end frame, so a truncated, extended or foreign file is
    refused before anything is recovered. ``chunks()`` verifies every chunk as it is read and
    raises ``StorageCorrupted`` on the first damaged one; the caller must consume it completely
    (recovery is not finished before it has) and must treat that error as fatal to start-up.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(HEADER_SIZE)
            if len(head) < HEADER_SIZE:
                self._corrupt(f"header is truncated ({len(head)} bytes)")
            magic, version, generation, crc = _HEADER.unpack(head)
            if magic != SNAPSHOT_MAGIC:
                self._corrupt(f"not an emulator snapshot (bad magic {magic!r})")
            if zlib.crc32(struct.pack("<IQ", version, generation)) != crc:
                self._corrupt("header checksum mismatch")
            if version not in READABLE_VERSIONS:
                raise StorageCorrupted(
                    f"{path}: unsupported snapshot version {version} (this emulator reads "
                    f"{' and '.join(map(str, READABLE_VERSIONS))}; version 1 snapshots from development builds are not readable: "
                    "move the data directory away to start empty)"
                )
            if self.size < HEADER_SIZE + FRAME_SIZE:
                self._corrupt("the end frame is missing (the file is truncated)")
            f.seek(self.size - FRAME_SIZE)
            tag, count, end_crc = _FRAME.unpack(f.read(FRAME_SIZE))
        if tag != END_TAG or end_crc != _end_crc(generation, count):
            self._corrupt("the end frame is missing or damaged (the file is truncated or extended)")
        self.version = version
        self.generation = generation
        self.chunk_count = count

    def _corrupt(self, what: str) -> None:
        raise StorageCorrupted(
            f"{self.path}: snapshot {what}; refusing to start rather than serve wrong data "
            "(restore the data directory from a backup or move it away to start empty)"
        )

    def chunks(self) -> Iterator[memoryview]:
        """Each chunk's body, verified, as a view of a (copy-on-write) memory map of the file.

        Mapped rather than read: a body's pages are the page cache's own (no copy into fresh
        memory, which at 1M x 768 vectors was the largest cost of a restart), and a consumer may
        keep arrays that view the body (vector columns do: ``vectors/column.py``), which keeps
        that chunk's mapping alive and nothing else. A chunk is mapped, verified and handed out
        only when asked for, one at a time. The file is never written in place by the emulator
        (a new snapshot replaces it by rename, leaving a mapped old file intact until unmapped).
        """
        end_offset = self.size - FRAME_SIZE
        take = _map
        with self.path.open("rb") as f:
            offset = HEADER_SIZE
            for index in range(self.chunk_count):
                if end_offset - offset < FRAME_SIZE:
                    self._corrupt(f"chunk {index} is missing (the end frame announces {self.chunk_count})")
                f.seek(offset)
                tag, length, crc = _FRAME.unpack(f.read(FRAME_SIZE))
                if tag != CHUNK_TAG or length > end_offset - offset - FRAME_SIZE:
                    self._corrupt(f"chunk {index} at byte {offset} has a damaged frame header")
                try:
                    body = take(f, offset + FRAME_SIZE, length)
                except OSError as exc:  # cannot map (file system, vm.max_map_count): read, a copy
                    log.warning("storage: cannot memory-map %s (%s); reading it instead", self.path, exc)
                    take = _read
                    body = take(f, offset + FRAME_SIZE, length)
                if len(body) != length or _chunk_checksum(self.version, self.generation, index, body) != crc:
                    self._corrupt(f"chunk {index} at byte {offset} fails its checksum")
                offset += FRAME_SIZE + length
                yield body
            if offset != end_offset:
                self._corrupt(
                    f"holds {end_offset - offset} unexpected bytes after its {self.chunk_count} chunks"
                )


def _map(f: BinaryIO, start: int, length: int) -> memoryview:
    """``length`` bytes of ``f`` from ``start`` as a view of their own memory map (an
    empty body cannot be mapped; a file shorter than announced gives a shorter view)."""
    if length == 0:
        return memoryview(b"")
    size = os.fstat(f.fileno()).st_size
    if start + length > size:  # shrunk since it was opened: damage, reported by the caller
        return _read(f, start, length)
    first = start - start % _PAGE
    # Copy-on-write: arrays viewing the body are ordinary writable arrays; a write would touch a
    # private copy of the page, never the file.
    mapped = mmap.mmap(f.fileno(), start + length - first, access=mmap.ACCESS_COPY, offset=first)
    mapped.madvise(mmap.MADV_WILLNEED)  # a cold cache: read the chunk ahead, not page by page
    return memoryview(mapped)[start - first :]


def _read(f: BinaryIO, start: int, length: int) -> memoryview:
    f.seek(start)
    return memoryview(f.read(length))


def file_size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except FileNotFoundError:
        return 0
