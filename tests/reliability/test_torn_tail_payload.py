"""A torn tail is never fatal, whatever the payload: a client may send a vector whose float32 bytes
spell complete, checksummed log frames (of the current format with a guessed nonce, and of the
version 1 format). When a crash tears the frame holding that write, recovery must still drop only
the torn tail and keep every acknowledged write, at whatever byte the tear falls."""

from __future__ import annotations

import base64
import os
import struct
import zlib
from pathlib import Path

import numpy as np
from tpuf_emulator.storage import open_storage
from tpuf_emulator.storage.engine import LOG_FILE
from tpuf_emulator.storage.framing import decode_log_header, encode_frame, encode_log_header

DIMS = 96


def _old_format_frame(records: list[bytes]) -> bytes:
    """A frame of log format version 1 (``b"\\xf0TPF" | length u64 | crc32 | body``)."""
    body = b"".join(struct.pack("<Q", len(r)) + r for r in records)
    length = struct.pack("<Q", len(body))
    return b"\xf0TPF" + length + struct.pack("<I", zlib.crc32(length + body)) + body


def crafted_vector(seed: int) -> np.ndarray:
    """DIMS finite float32 values whose bytes hold a current-format frame (random nonce, the
    sequence numbers a short log would use next) and a version 1 frame, each complete and intact."""
    rng = np.random.default_rng(seed)
    while True:
        fake = rng.integers(0, 256, 16, dtype=np.uint8).tobytes()
        frames = b"".join(encode_frame([b"forged " + fake], os.urandom(16), n) for n in range(1, 4))
        frames += _old_format_frame([b"forged too " + fake])
        payload = b"\x00" * int(rng.integers(0, 4)) + frames
        payload += b"\x00" * (DIMS * 4 - len(payload))
        vector = np.frombuffer(payload, dtype="<f4")
        if np.isfinite(vector).all():
            return vector


def b64(vector: np.ndarray) -> str:
    return base64.b64encode(vector.astype("<f4").tobytes()).decode()


def _write(server, rows: list[dict]) -> None:
    with server.client() as client:
        response = client.post(
            "/v2/namespaces/ns",
            json={
                "upsert_rows": rows,
                "distance_metric": "euclidean_squared",
                "schema": {"vector": f"[{DIMS}]f32"},
            },
        )
        assert response.status_code == 200, response.text


def _ids(server) -> list[int]:
    with server.client() as client:
        response = client.post("/v2/namespaces/ns/query", json={"rank_by": ["id", "asc"], "top_k": 100})
        assert response.status_code == 200, response.text
        return [row["id"] for row in response.json()["rows"]]


def test_a_tear_anywhere_in_a_record_holding_forged_frames_drops_only_that_record(tmp_path: Path):
    """Storage level, every byte: the torn record is a real log record holding the crafted vector."""
    storage = open_storage(tmp_path)
    storage.recover()
    kept = [b"first", b"second " * 40]
    for record in kept:
        storage.append(record)
    start = (tmp_path / LOG_FILE).stat().st_size
    storage.append(b"record with a vector: " + crafted_vector(1).tobytes() + b" and more")
    storage.close()
    full = (tmp_path / LOG_FILE).read_bytes()
    assert full.find(b"\xf0TPF", start) > 0  # the forged frames are really in the log
    for cut in range(start + 1, len(full)):
        (tmp_path / LOG_FILE).write_bytes(full[:cut])
        storage = open_storage(tmp_path)
        _, records = storage.recover()
        assert records == kept, f"cut at byte {cut}"
        storage.close()


def test_over_http_a_torn_write_of_a_forged_vector_is_dropped_and_acknowledged_writes_stay(launch, tmp_path):
    data = tmp_path / "data"
    server = launch(data_dir=data)
    rng = np.random.default_rng(0)
    _write(server, [{"id": i, "vector": b64(rng.normal(size=DIMS).astype(np.float32))} for i in range(5)])
    start = (data / LOG_FILE).stat().st_size
    vector = crafted_vector(2)
    _write(server, [{"id": 99, "vector": b64(vector)}])  # acknowledged, then we tear it as a crash would
    server.kill()
    full = (data / LOG_FILE).read_bytes()
    forged = full.find(vector.tobytes(), start)
    assert forged > start
    assert forged + len(vector.tobytes()) == len(full)  # the vector ends the record, zero padding last
    # A tear that keeps every forged frame whole, one in the middle of them, and the very first byte.
    for cut in (len(full) - 1, forged + 100, start + 1):
        (data / LOG_FILE).write_bytes(full[:cut])
        server = launch(data_dir=data)
        assert _ids(server) == list(range(5)), f"cut at byte {cut}"
        assert "torn tail" in server.output()
        server.kill()
    _write(server.start(), [{"id": 6, "vector": b64(vector)}])  # and appends continue after it
    server.kill()
    server.start()
    assert _ids(server) == [0, 1, 2, 3, 4, 6]


def _legacy_log(generation: int, records: list[list[bytes]]) -> bytes:
    fields = struct.pack("<IQ", 1, generation)
    header = struct.pack("<8sIQI", b"TPUFWAL\0", 1, generation, zlib.crc32(fields))
    return header + b"".join(_old_format_frame(frame) for frame in records)


def test_a_version_1_log_is_read_and_rewritten_in_the_current_format(tmp_path: Path, caplog):
    (tmp_path / LOG_FILE).write_bytes(_legacy_log(0, [[b"a", b"b"], [b"c"]]) + b"\xf0TPF\x05")  # torn
    storage = open_storage(tmp_path)
    assert storage.recover() == (None, [b"a", b"b", b"c"])
    assert "format version 1" in caplog.text
    storage.append(b"d")
    storage.close()
    data = (tmp_path / LOG_FILE).read_bytes()
    assert decode_log_header(data, "test").version == 2
    assert data.startswith(encode_log_header(0, decode_log_header(data, "test").nonce))
    storage = open_storage(tmp_path)
    assert storage.recover() == (None, [b"a", b"b", b"c", b"d"])
    storage.close()
