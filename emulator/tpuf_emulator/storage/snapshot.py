"""The snapshot file: one checksummed payload that replaces the log records it compacts.

Layout (little-endian)::

    b"TPUFSNAP" | version u32 | generation u64 | length u64 | crc32(version..length + payload) u32 | payload

``generation`` ties the snapshot to the log: the log written after it carries the same number,
so recovery can tell a log already folded into the snapshot (older generation: skip it) from the
live one. A snapshot is written atomically (temp file + fsync + rename + directory fsync), so any
damage here is real corruption and recovery refuses to start rather than serve wrong data.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from .errors import StorageCorrupted
from .fsutil import atomic_write

SNAPSHOT_MAGIC = b"TPUFSNAP"
SNAPSHOT_VERSION = 1
_HEADER = struct.Struct("<8sIQQI")
HEADER_SIZE = _HEADER.size


def write_snapshot_file(path: Path, generation: int, payload: bytes) -> None:
    fields = struct.pack("<IQQ", SNAPSHOT_VERSION, generation, len(payload))
    crc = zlib.crc32(payload, zlib.crc32(fields))
    header = _HEADER.pack(SNAPSHOT_MAGIC, SNAPSHOT_VERSION, generation, len(payload), crc)
    atomic_write(path, [header, payload])


def read_snapshot_file(path: Path) -> tuple[int, bytes]:
    """(generation, payload) of a snapshot file; raises ``StorageCorrupted`` on any damage."""
    data = path.read_bytes()
    if len(data) < HEADER_SIZE:
        raise StorageCorrupted(f"{path}: snapshot header is truncated ({len(data)} bytes); refusing to start")
    magic, version, generation, length, crc = _HEADER.unpack_from(data)
    if magic != SNAPSHOT_MAGIC:
        raise StorageCorrupted(f"{path}: not an emulator snapshot (bad magic {magic!r}); refusing to start")
    if version != SNAPSHOT_VERSION:
        raise StorageCorrupted(
            f"{path}: unsupported snapshot version {version} (this emulator reads {SNAPSHOT_VERSION})"
        )
    if len(data) != HEADER_SIZE + length:
        raise StorageCorrupted(
            f"{path}: snapshot should hold {length} payload bytes but holds {len(data) - HEADER_SIZE}; "
            "refusing to start"
        )
    payload = data[HEADER_SIZE:]
    if zlib.crc32(payload, zlib.crc32(struct.pack("<IQQ", version, generation, length))) != crc:
        raise StorageCorrupted(
            f"{path}: snapshot checksum mismatch; refusing to start rather than serve wrong data"
        )
    return generation, payload
