"""Byte formats of the write-ahead log: a file header, then checksummed frames.

Log file::

    header  = b"TPUFWAL\\0" | version u32 | generation u64 | crc32(version..generation) u32   (24 bytes)
    frame   = FRAME_MAGIC (4) | length u64 | crc32(length bytes + body) u32 | body             (16 + length)
    body    = one or more records, each  length u64 | record bytes

A frame is the unit of one group commit (one write + one fsync), so all the records of a frame
become durable together or not at all. All integers are little-endian.

Why a magic per frame: after a damaged frame the reader looks for any intact frame further on.
If there is one, the damage is in the middle of the log (bit rot, a bad disk, a tampered file):
acknowledged writes would be lost, so that is ``StorageCorrupted``. If there is none, the damage is
the torn tail of a write the crash interrupted: it was never acknowledged and is dropped.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from .errors import StorageCorrupted

LOG_MAGIC = b"TPUFWAL\0"
LOG_VERSION = 1
_LOG_HEADER = struct.Struct("<8sIQI")
LOG_HEADER_SIZE = _LOG_HEADER.size

FRAME_MAGIC = b"\xf0TPF"
_FRAME_HEAD = struct.Struct("<4sQI")
FRAME_HEAD_SIZE = _FRAME_HEAD.size
_LEN = struct.Struct("<Q")


def encode_log_header(generation: int) -> bytes:
    fields = struct.pack("<IQ", LOG_VERSION, generation)
    return _LOG_HEADER.pack(LOG_MAGIC, LOG_VERSION, generation, zlib.crc32(fields))


def decode_log_header(data: bytes, where: str) -> int:
    """The generation of a log file; a damaged header is corruption (it is written atomically)."""
    if len(data) < LOG_HEADER_SIZE:
        raise StorageCorrupted(f"{where}: log header is truncated ({len(data)} of {LOG_HEADER_SIZE} bytes)")
    magic, version, generation, crc = _LOG_HEADER.unpack_from(data)
    if magic != LOG_MAGIC:
        raise StorageCorrupted(f"{where}: not an emulator write-ahead log (bad magic {magic!r})")
    if zlib.crc32(struct.pack("<IQ", version, generation)) != crc:
        raise StorageCorrupted(f"{where}: log header checksum mismatch")
    if version != LOG_VERSION:
        raise StorageCorrupted(
            f"{where}: unsupported log version {version} (this emulator reads {LOG_VERSION})"
        )
    return generation


def encode_frame(records: list[bytes]) -> bytes:
    return b"".join(encode_frame_parts(records))


def encode_frame_parts(records: list[bytes]) -> list[bytes]:
    """One frame as a list of buffers whose concatenation is ``encode_frame(records)``.

    Why parts: a 5,000 x 768 write is a ~20 MB record; building the frame as one ``bytes`` copied
    it three times (length prefix + record, the join, then head + body). Here the checksum runs
    over the pieces in order and the records themselves are returned, never copied, for one
    ``os.writev`` (``fsutil.writev_all``).
    """
    if not records:
        raise ValueError("a frame holds at least one record")
    prefixes = [_LEN.pack(len(r)) for r in records]
    length = _LEN.pack(sum(map(len, records)) + _LEN.size * len(records))
    crc = zlib.crc32(length)
    parts: list[bytes] = []
    for prefix, record in zip(prefixes, records, strict=True):
        crc = zlib.crc32(record, zlib.crc32(prefix, crc))
        parts += (prefix, record)
    return [FRAME_MAGIC + length + struct.pack("<I", crc), *parts]


def _frame_at(data: memoryview, offset: int) -> tuple[list[bytes], int] | None:
    """The records of an intact frame starting at ``offset`` and the offset after it, or None."""
    if len(data) - offset < FRAME_HEAD_SIZE:
        return None
    magic, length, crc = _FRAME_HEAD.unpack_from(data, offset)
    start = offset + FRAME_HEAD_SIZE
    end = start + length
    if magic != FRAME_MAGIC or length == 0 or end > len(data):
        return None
    body = data[start:end]
    if zlib.crc32(body, zlib.crc32(_LEN.pack(length))) != crc:
        return None
    records: list[bytes] = []
    pos = 0
    while pos < length:
        if length - pos < _LEN.size:
            return None
        (size,) = _LEN.unpack_from(body, pos)
        pos += _LEN.size
        if size > length - pos:
            return None
        records.append(bytes(body[pos : pos + size]))
        pos += size
    return records, end


@dataclass
class ScanResult:
    records: list[bytes]
    valid_end: int  # offset just past the last intact frame: where the next append goes
    dropped_bytes: int  # size of the torn tail that was discarded (0 for a clean log)


def scan_frames(data: bytes, start: int, where: str) -> ScanResult:
    """Read every intact frame from ``start``; drop a torn tail; raise on damage in the middle."""
    view = memoryview(data)
    records: list[bytes] = []
    offset = start
    while offset < len(view):
        frame = _frame_at(view, offset)
        if frame is None:
            _refuse_if_intact_frame_follows(view, offset, where)
            return ScanResult(records, offset, len(view) - offset)
        records.extend(frame[0])
        offset = frame[1]
    return ScanResult(records, offset, 0)


def _refuse_if_intact_frame_follows(view: memoryview, bad_offset: int, where: str) -> None:
    raw = view.obj
    assert isinstance(raw, bytes)
    search_from = bad_offset + 1
    while True:
        found = raw.find(FRAME_MAGIC, search_from)
        if found < 0:
            return
        if _frame_at(view, found) is not None:
            raise StorageCorrupted(
                f"{where}: damaged log frame at byte {bad_offset} is followed by intact data at byte {found}; "
                "this is corruption in the middle of the log, not a torn tail from a crash, so acknowledged "
                "writes would be lost. Refusing to start; restore the data directory from a backup or move "
                "it away to start empty."
            )
        search_from = found + 1
