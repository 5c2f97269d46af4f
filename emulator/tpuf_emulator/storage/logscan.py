"""What reading a log file of any format version yields: its header, its records, where it ends.

Shared by ``framing`` (the current format) and ``legacy_log`` (version 1), so that recovery treats
both alike.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from .errors import StorageCorrupted

_LEN = struct.Struct("<Q")


@dataclass(frozen=True)
class LogHeader:
    version: int
    generation: int
    nonce: bytes  # empty for version 1
    size: int  # bytes of header: where the first frame starts


@dataclass
class ScanResult:
    records: list[bytes]
    valid_end: int  # offset just past the last intact frame: where the next append goes
    dropped_bytes: int  # size of the torn tail that was discarded (0 for a clean log)
    next_sequence: int = 0  # the sequence number of the next frame to append


def split_records(body: memoryview) -> list[bytes] | None:
    """The records of a frame body (``length u64 | bytes`` each), or None if they do not add up."""
    records: list[bytes] = []
    pos, length = 0, len(body)
    while pos < length:
        if length - pos < _LEN.size:
            return None
        (size,) = _LEN.unpack_from(body, pos)
        pos += _LEN.size
        if size > length - pos:
            return None
        records.append(bytes(body[pos : pos + size]))
        pos += size
    return records


def damaged_in_the_middle(where: str, bad_offset: int, found: int) -> StorageCorrupted:
    return StorageCorrupted(
        f"{where}: damaged log frame at byte {bad_offset} is followed by intact data at byte {found}; "
        "this is corruption in the middle of the log, not a torn tail from a crash, so acknowledged "
        "writes would be lost. Refusing to start; restore the data directory from a backup or move "
        "it away to start empty."
    )
