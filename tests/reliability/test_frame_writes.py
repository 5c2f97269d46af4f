"""The write-ahead log writes a frame as separate buffers (no copy of large records): the bytes on
disk must be exactly the documented frame format, even when the kernel writes only part of a call."""

from __future__ import annotations

import os
import struct
import zlib

from tpuf_emulator.storage import fsutil
from tpuf_emulator.storage.framing import (
    FRAME_MAGIC,
    decode_log_header,
    encode_frame,
    encode_frame_parts,
    encode_log_header,
    scan_frames,
)

NONCE = bytes(range(16))
SEQUENCE = 7


def _documented_frame(records: list[bytes]) -> bytes:
    """The frame layout of storage/framing.py's docstring, built the obvious way."""
    body = b"".join(struct.pack("<Q", len(r)) + r for r in records)
    checked = NONCE + struct.pack("<QQ", SEQUENCE, len(body))
    return FRAME_MAGIC + checked + struct.pack("<I", zlib.crc32(checked + body)) + body


def test_frame_parts_concatenate_to_the_documented_frame():
    records = [b"first", b"", os.urandom(70_000), b"last record"]
    assert b"".join(encode_frame_parts(records, NONCE, SEQUENCE)) == _documented_frame(records)
    assert encode_frame(records, NONCE, SEQUENCE) == _documented_frame(records)
    log = encode_log_header(3, NONCE)
    log += encode_frame([b"zero"], NONCE, 0) + encode_frame(records, NONCE, 1)
    assert scan_frames(log, decode_log_header(log, "test"), "test").records == [b"zero", *records]


def test_partial_writev_calls_still_write_every_byte_in_order(tmp_path, monkeypatch):
    real_writev = os.writev
    calls: list[int] = []

    def short_writev(fd, buffers):
        calls.append(len(buffers))
        # write at most 7 bytes, so every call ends inside a buffer or between two
        joined = b"".join(bytes(b) for b in buffers)[:7]
        return real_writev(fd, [joined])

    monkeypatch.setattr(fsutil.os, "writev", short_writev)
    monkeypatch.setattr(fsutil, "_IOV_MAX", 16)
    records = [bytes([i % 251]) * (i % 5) for i in range(40)]  # empty records too
    parts = encode_frame_parts(records, NONCE, SEQUENCE)
    path = tmp_path / "log"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        written = fsutil.writev_all(fd, parts)
    finally:
        os.close(fd)
    assert path.read_bytes() == _documented_frame(records)
    assert written == len(_documented_frame(records))
    assert max(calls) <= 16  # never more buffers per call than the system accepts
