"""Byte formats of the write-ahead log: a file header, then checksummed frames.

Log file, version 2::

    header = b"TPUFWAL\\0" | version u32 (2) | generation u64 | nonce (16) | crc32(version..nonce) u32  (40 bytes)
    frame  = FRAME_MAGIC (4) | nonce (16) | sequence u64 | length u64
             | crc32(nonce + sequence + length + body) u32 | body                                   (40 + length)
    body   = one or more records, each  length u64 | record bytes

A frame is the unit of one group commit (one write + one fsync), so all the records of a frame
become durable together or not at all. All integers are little-endian. ``nonce`` is 16 random
bytes drawn when the file is created, repeated in every frame of that file; ``sequence`` counts
the frames of the file from 0.

Why a nonce and a sequence per frame: after a damaged frame the reader looks for any intact frame
further on. If there is one, the damage is in the middle of the log (bit rot, a bad disk, a
tampered file): acknowledged writes would be lost, so that is ``StorageCorrupted``. If there is
none, the damage is the torn tail of a write the crash interrupted: it was never acknowledged and is
dropped. The search must not trust payload bytes: a record holds user data (raw float32 vectors),
and a client can send a vector whose bytes spell a complete, checksummed frame. In version 1 that
made a crash in the middle of such a write fatal ("damaged frame ... followed by intact data").
Now a frame only counts as intact when it carries this file's nonce, which no client ever sees, so
bytes inside a payload are never taken for a frame, and a torn tail is always dropped. The sequence
makes a frame read out of place (a duplicated or reordered block) damage too.

Version 1 logs (no nonce, no sequence: ``header = magic | version u32 | generation u64 | crc32``,
``frame = b"\\xf0TPF" | length u64 | crc32 | body``) are still read, by ``legacy_log``; recovery
rewrites a live version 1 log as version 2 before appending to it.
"""

from __future__ import annotations

import os
import struct
import zlib

from .errors import StorageCorrupted
from .legacy_log import LEGACY_LOG_VERSION, decode_legacy_header, scan_legacy_frames
from .logscan import LogHeader, ScanResult, damaged_in_the_middle, split_records

LOG_MAGIC = b"TPUFWAL\0"
LOG_VERSION = 2
NONCE_SIZE = 16
_HEAD_START = struct.Struct("<8sI")  # magic and version: the same in every version
_HEADER_V2 = struct.Struct("<8sIQ16sI")
LOG_HEADER_SIZE = _HEADER_V2.size

FRAME_MAGIC = b"\xf0TP2"
_FRAME_HEAD = struct.Struct("<4s16sQQI")
FRAME_HEAD_SIZE = _FRAME_HEAD.size
_CHECKED_HEAD = struct.Struct("<16sQQ")  # the header fields the checksum covers
_LEN = struct.Struct("<Q")


def new_nonce() -> bytes:
    return os.urandom(NONCE_SIZE)


def encode_log_header(generation: int, nonce: bytes) -> bytes:
    fields = struct.pack("<IQ16s", LOG_VERSION, generation, nonce)
    return _HEADER_V2.pack(LOG_MAGIC, LOG_VERSION, generation, nonce, zlib.crc32(fields))


def decode_log_header(data: bytes, where: str) -> LogHeader:
    """A log file's header; a damaged header is corruption (it is written atomically)."""
    if len(data) < _HEAD_START.size:
        raise StorageCorrupted(f"{where}: log header is truncated ({len(data)} bytes)")
    magic, version = _HEAD_START.unpack_from(data)
    if magic != LOG_MAGIC:
        raise StorageCorrupted(f"{where}: not an emulator write-ahead log (bad magic {magic!r})")
    if version == LEGACY_LOG_VERSION:
        return decode_legacy_header(data, where)
    if len(data) < LOG_HEADER_SIZE:
        raise StorageCorrupted(f"{where}: log header is truncated ({len(data)} of {LOG_HEADER_SIZE} bytes)")
    _, version, generation, nonce, crc = _HEADER_V2.unpack_from(data)
    if zlib.crc32(struct.pack("<IQ16s", version, generation, nonce)) != crc:
        raise StorageCorrupted(f"{where}: log header checksum mismatch")
    if version != LOG_VERSION:
        raise StorageCorrupted(
            f"{where}: unsupported log version {version} (this emulator reads {LEGACY_LOG_VERSION} "
            f"and {LOG_VERSION})"
        )
    return LogHeader(version, generation, nonce, LOG_HEADER_SIZE)


def encode_frame(records: list[bytes], nonce: bytes, sequence: int) -> bytes:
    return b"".join(encode_frame_parts(records, nonce, sequence))


def encode_frame_parts(records: list[bytes], nonce: bytes, sequence: int) -> list[bytes]:
    """One frame as a list of buffers whose concatenation is ``encode_frame(records, ...)``.

    Why parts: a 5,000 x 768 write is a ~20 MB record; building the frame as one ``bytes`` copied
    it three times (length prefix + record, the join, then head + body). Here the checksum runs
    over the pieces in order and the records themselves are returned, never copied, for one
    ``os.writev`` (``fsutil.writev_all``).
    """
    if not records:
        raise ValueError("a frame holds at least one record")
    prefixes = [_LEN.pack(len(r)) for r in records]
    length = sum(map(len, records)) + _LEN.size * len(records)
    crc = zlib.crc32(_CHECKED_HEAD.pack(nonce, sequence, length))
    parts: list[bytes] = []
    for prefix, record in zip(prefixes, records, strict=True):
        crc = zlib.crc32(record, zlib.crc32(prefix, crc))
        parts += (prefix, record)
    return [_FRAME_HEAD.pack(FRAME_MAGIC, nonce, sequence, length, crc), *parts]


def _frame_at(data: memoryview, offset: int, nonce: bytes) -> tuple[int, list[bytes], int] | None:
    """(sequence, records, offset after it) of an intact frame of this file at ``offset``, or None."""
    if len(data) - offset < FRAME_HEAD_SIZE:
        return None
    magic, frame_nonce, sequence, length, crc = _FRAME_HEAD.unpack_from(data, offset)
    start = offset + FRAME_HEAD_SIZE
    end = start + length
    if magic != FRAME_MAGIC or frame_nonce != nonce or length == 0 or end > len(data):
        return None
    body = data[start:end]
    if zlib.crc32(body, zlib.crc32(_CHECKED_HEAD.pack(nonce, sequence, length))) != crc:
        return None
    records = split_records(body)
    return None if records is None else (sequence, records, end)


def scan_frames(data: bytes, header: LogHeader, where: str) -> ScanResult:
    """Read every intact frame after the header; drop a torn tail; raise on damage in the middle."""
    if header.version != LOG_VERSION:
        return scan_legacy_frames(data, header.size, where)
    view = memoryview(data)
    records: list[bytes] = []
    offset, sequence = header.size, 0
    while offset < len(view):
        frame = _frame_at(view, offset, header.nonce)
        if frame is None or frame[0] != sequence:
            _refuse_if_intact_frame_follows(view, offset, header.nonce, where)
            return ScanResult(records, offset, len(view) - offset, sequence)
        records.extend(frame[1])
        offset, sequence = frame[2], sequence + 1
    return ScanResult(records, offset, 0, sequence)


def _refuse_if_intact_frame_follows(view: memoryview, bad_offset: int, nonce: bytes, where: str) -> None:
    raw = view.obj
    assert isinstance(raw, bytes)
    marker = FRAME_MAGIC + nonce  # a frame of THIS file: payload bytes never contain the nonce
    search_from = bad_offset + 1
    while True:
        found = raw.find(marker, search_from)
        if found < 0:
            return
        if _frame_at(view, found, nonce) is not None:
            raise damaged_in_the_middle(where, bad_offset, found)
        search_from = found + 1
