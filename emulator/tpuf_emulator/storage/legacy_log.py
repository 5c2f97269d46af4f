"""Reading version 1 write-ahead logs, written by emulators before the frame nonce (kept so that an
upgrade keeps a data directory's history).

Version 1 layout (little-endian)::

    header = b"TPUFWAL\\0" | version u32 (1) | generation u64 | crc32(version..generation) u32   (24 bytes)
    frame  = b"\\xf0TPF" | length u64 | crc32(length bytes + body) u32 | body                   (16 + length)

Its frames carry nothing a payload cannot imitate, so after a damaged frame an "intact frame further
on" may be bytes inside a record: a crash in the middle of such a write makes this reader refuse to
start, which version 2 fixes (see ``framing``). Recovery therefore only reads a version 1 log and
rewrites a live one as version 2 at once; nothing is ever appended in this format.
"""

from __future__ import annotations

import struct
import zlib

from .errors import StorageCorrupted
from .logscan import LogHeader, ScanResult, damaged_in_the_middle, split_records

LEGACY_LOG_VERSION = 1
LEGACY_FRAME_MAGIC = b"\xf0TPF"
_HEADER = struct.Struct("<8sIQI")
_FRAME_HEAD = struct.Struct("<4sQI")
_LEN = struct.Struct("<Q")


def decode_legacy_header(data: bytes, where: str) -> LogHeader:
    if len(data) < _HEADER.size:
        raise StorageCorrupted(f"{where}: log header is truncated ({len(data)} of {_HEADER.size} bytes)")
    _, version, generation, crc = _HEADER.unpack_from(data)
    if zlib.crc32(struct.pack("<IQ", version, generation)) != crc:
        raise StorageCorrupted(f"{where}: log header checksum mismatch")
    return LogHeader(version, generation, b"", _HEADER.size)


def _frame_at(data: memoryview, offset: int) -> tuple[list[bytes], int] | None:
    if len(data) - offset < _FRAME_HEAD.size:
        return None
    magic, length, crc = _FRAME_HEAD.unpack_from(data, offset)
    start = offset + _FRAME_HEAD.size
    end = start + length
    if magic != LEGACY_FRAME_MAGIC or length == 0 or end > len(data):
        return None
    body = data[start:end]
    if zlib.crc32(body, zlib.crc32(_LEN.pack(length))) != crc:
        return None
    records = split_records(body)
    return None if records is None else (records, end)


def scan_legacy_frames(data: bytes, start: int, where: str) -> ScanResult:
    view = memoryview(data)
    records: list[bytes] = []
    offset = start
    while offset < len(view):
        frame = _frame_at(view, offset)
        if frame is None:
            found = data.find(LEGACY_FRAME_MAGIC, offset + 1)
            while found >= 0:
                if _frame_at(view, found) is not None:
                    raise damaged_in_the_middle(where, offset, found)
                found = data.find(LEGACY_FRAME_MAGIC, found + 1)
            return ScanResult(records, offset, len(view) - offset)
        records.extend(frame[0])
        offset = frame[1]
    return ScanResult(records, offset, 0)
