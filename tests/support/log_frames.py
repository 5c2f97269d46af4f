"""Frames as the emulator would append them next to a given log file: for tests that fake the torn
tail a crash leaves (the same nonce and the next sequence number, so only the tear is wrong)."""

from __future__ import annotations

from pathlib import Path

from tpuf_emulator.storage.framing import decode_log_header, encode_frame, scan_frames


def next_frame(log_path: Path, records: list[bytes]) -> bytes:
    """The complete frame that the next group commit to ``log_path`` would write for ``records``."""
    data = log_path.read_bytes()
    header = decode_log_header(data, str(log_path))
    return encode_frame(records, header.nonce, scan_frames(data, header, str(log_path)).next_sequence)
