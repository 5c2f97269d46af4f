"""Sidecar files: derived data (e.g. an ANN graph) saved beside the snapshot of the same generation.

A sidecar is never needed for correctness: it only spares rebuilding something the snapshot and
the log already determine. So, unlike the snapshot, a missing or damaged sidecar is not an error:
``read`` logs one line and returns None, and the caller rebuilds as if it had never existed.

Layout (little-endian)::

    header = b"TPUFSIDE" | version u32 | generation u64 | body length u64 | crc32(body) u32
             | crc32(the header fields before it) u32                                         (36 bytes)
    body   = the caller's bytes

Names: ``side-<generation>-<key>.bin`` where ``key`` is a lowercase hex digest chosen by the
caller (never a namespace name: no user input becomes a path). Written atomically like the
snapshot (temp file + fsync + rename + directory fsync); a ``.tmp`` left by a crash is deleted by
``DiskStorage.recover``. Files of other generations are removed once a snapshot supersedes them.
"""

from __future__ import annotations

import logging
import re
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

from .fsutil import atomic_write, fsync_dir

log = logging.getLogger("tpuf_emulator.storage")

SIDECAR_MAGIC = b"TPUFSIDE"
SIDECAR_VERSION = 1
_FIELDS = struct.Struct("<8sIQQI")
_HEADER = struct.Struct("<8sIQQII")
HEADER_SIZE = _HEADER.size
_NAME = re.compile(r"^side-(\d+)-([0-9a-f]{8,64})\.bin$")


class Sidecars:
    """The sidecar files of one data directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, generation: int, key: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{8,64}", key):
            raise ValueError(f"a sidecar key is a lowercase hex digest, got {key!r:.80}")
        return self.directory / f"side-{generation}-{key}.bin"

    def write(self, generation: int, key: str, pieces: Sequence[bytes]) -> int:
        """Atomically write ``pieces`` (joined) as the sidecar ``key`` of ``generation``; returns its size."""
        crc, length = 0, 0
        for piece in pieces:
            crc = zlib.crc32(piece, crc)
            length += len(piece)
        fields = _FIELDS.pack(SIDECAR_MAGIC, SIDECAR_VERSION, generation, length, crc)
        header = _HEADER.pack(SIDECAR_MAGIC, SIDECAR_VERSION, generation, length, crc, zlib.crc32(fields))
        atomic_write(self.path(generation, key), [header, *pieces])
        return HEADER_SIZE + length

    def read(self, generation: int, key: str) -> memoryview | None:
        """The body of sidecar ``key`` of ``generation``, verified; None (logged) if missing or damaged."""
        path = self.path(generation, key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("storage: cannot read sidecar %s (%s); rebuilding instead", path.name, exc)
            return None
        problem = _check(data, generation)
        if problem is not None:
            log.warning("storage: sidecar %s %s; ignoring it and rebuilding instead", path.name, problem)
            return None
        return memoryview(data)[HEADER_SIZE:]

    def read_generation(self, generation: int) -> dict[str, memoryview | None]:
        """Every sidecar of ``generation``, read and verified (:meth:`read`), by key."""
        found: dict[str, memoryview | None] = {}
        for path in sorted(self.directory.glob(f"side-{generation}-*.bin")):
            match = _NAME.match(path.name)
            if match is not None and int(match.group(1)) == generation:
                key = path.name[len(f"side-{generation}-") : -len(".bin")]
                found[key] = self.read(generation, key)
        return found

    def remove_other_generations(self, keep: int) -> int:
        """Delete the sidecars of every generation but ``keep`` (superseded); returns how many."""
        removed = 0
        for path in self.directory.glob("side-*.bin"):
            match = _NAME.match(path.name)
            if match is not None and int(match.group(1)) != keep:
                path.unlink(missing_ok=True)
                removed += 1
        if removed:
            fsync_dir(self.directory)
        return removed


def _check(data: bytes, generation: int) -> str | None:
    if len(data) < HEADER_SIZE:
        return f"is truncated ({len(data)} bytes)"
    magic, version, file_generation, length, crc, header_crc = _HEADER.unpack_from(data)
    if magic != SIDECAR_MAGIC or zlib.crc32(data[: _FIELDS.size]) != header_crc:
        return "has a damaged header"
    if version != SIDECAR_VERSION:
        return f"has version {version}, not {SIDECAR_VERSION}"
    if file_generation != generation:
        return f"belongs to generation {file_generation}, not {generation}"
    if len(data) - HEADER_SIZE != length:
        return f"holds {len(data) - HEADER_SIZE} bytes where its header announces {length}"
    if zlib.crc32(memoryview(data)[HEADER_SIZE:]) != crc:
        return "fails its checksum"
    return None
