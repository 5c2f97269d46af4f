"""The storage layer's promises, tested on real files: every appended record comes back exactly once,
in order; a torn tail is dropped; damage anywhere else stops the start-up with a clear error."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest
from tpuf_emulator.storage import (
    StorageCorrupted,
    StorageLocked,
    StorageWriteFailed,
    open_storage,
)
from tpuf_emulator.storage.engine import LOG_FILE, SNAPSHOT_FILE
from tpuf_emulator.storage.framing import FRAME_HEAD_SIZE, LOG_HEADER_SIZE
from tpuf_emulator.storage.snapshot import FRAME_SIZE as SNAPSHOT_FRAME_SIZE
from tpuf_emulator.storage.snapshot import HEADER_SIZE as SNAPSHOT_HEADER_SIZE

from tests.support.log_frames import next_frame


def reopen(path: Path):
    """Open and recover, with the lazily read snapshot chunks materialised as a list."""
    storage = open_storage(path)
    snapshot, records = storage.recover()
    return storage, (None if snapshot is None else list(snapshot), records)


def test_in_memory_storage_is_a_no_op():
    storage = open_storage(None)
    assert storage.recover() == (None, [])
    storage.append(b"x")
    storage.write_snapshot([b"state"])
    assert storage.recover() == (None, [])
    storage.close()


def test_fresh_directory_recovers_empty_and_is_created(tmp_path):
    target = tmp_path / "nested" / "data"
    storage, recovered = reopen(target)
    assert recovered == (None, [])
    assert sorted(p.name for p in target.iterdir()) == ["LOCK", LOG_FILE]
    storage.close()


def test_appended_records_come_back_in_order_after_restart(tmp_path):
    storage, _ = reopen(tmp_path)
    records = [f"record-{i}".encode() * (i + 1) for i in range(50)] + [b"\x00" * 10_000, b"\xf0TPF"]
    for record in records:
        storage.append(record)
    storage.close()
    storage, recovered = reopen(tmp_path)
    assert recovered == (None, records)
    storage.close()


def test_snapshot_replaces_the_records_it_compacts(tmp_path):
    storage, _ = reopen(tmp_path)
    storage.append(b"a")
    storage.append(b"b")
    storage.write_snapshot(iter([b"state-after-", b"a-b"]))
    assert storage.log_bytes == 0
    assert storage.snapshot_bytes == (tmp_path / SNAPSHOT_FILE).stat().st_size
    storage.append(b"c")
    storage.close()
    storage, recovered = reopen(tmp_path)
    assert recovered == ([b"state-after-", b"a-b"], [b"c"])
    storage.write_snapshot([b"state-after-c", b"", b"\x00" * 70_000])
    storage.close()
    storage, recovered = reopen(tmp_path)
    assert recovered == ([b"state-after-c", b"", b"\x00" * 70_000], [])
    storage.close()


def test_crash_between_snapshot_and_log_rotation_does_not_apply_records_twice(tmp_path):
    """Snapshot G+1 installed, old log of generation G still there: its records are in the snapshot."""
    storage, _ = reopen(tmp_path)
    storage.append(b"a")
    storage.close()
    old_log = (tmp_path / LOG_FILE).read_bytes()
    storage, _ = reopen(tmp_path)
    storage.write_snapshot([b"state-with-a"])
    storage.close()
    (tmp_path / LOG_FILE).write_bytes(old_log)  # as if the rotation never happened
    storage, recovered = reopen(tmp_path)
    assert recovered == ([b"state-with-a"], [])
    storage.append(b"b")
    storage.close()
    storage, recovered = reopen(tmp_path)
    assert recovered == ([b"state-with-a"], [b"b"])
    storage.close()


def test_leftover_temp_files_from_an_interrupted_snapshot_are_ignored(tmp_path):
    storage, _ = reopen(tmp_path)
    storage.append(b"a")
    storage.close()
    (tmp_path / (SNAPSHOT_FILE + ".tmp")).write_bytes(b"half a snapshot")
    storage, recovered = reopen(tmp_path)
    assert recovered == (None, [b"a"])
    assert not (tmp_path / (SNAPSHOT_FILE + ".tmp")).exists()
    storage.close()


def _log_with(tmp_path: Path, records: list[bytes]) -> bytes:
    storage, _ = reopen(tmp_path)
    for record in records:
        storage.append(record)
    storage.close()
    return (tmp_path / LOG_FILE).read_bytes()


@pytest.mark.parametrize("cut", [1, FRAME_HEAD_SIZE - 1, FRAME_HEAD_SIZE, FRAME_HEAD_SIZE + 3])
def test_torn_tail_is_dropped_and_appends_continue(tmp_path, cut, caplog):
    full = _log_with(tmp_path, [b"first", b"second"])
    partial = next_frame(tmp_path / LOG_FILE, [b"third, never acknowledged"])[:cut]
    (tmp_path / LOG_FILE).write_bytes(full + partial)
    storage, recovered = reopen(tmp_path)
    assert recovered == (None, [b"first", b"second"])
    assert "torn tail" in caplog.text
    storage.append(b"fourth")
    storage.close()
    storage, recovered = reopen(tmp_path)
    assert recovered == (None, [b"first", b"second", b"fourth"])
    storage.close()


def test_zero_filled_tail_is_a_torn_tail(tmp_path):
    """After power loss a file may be extended with zeros where the last write never landed."""
    full = _log_with(tmp_path, [b"first"])
    (tmp_path / LOG_FILE).write_bytes(full + b"\x00" * 4096)
    storage, recovered = reopen(tmp_path)
    assert recovered == (None, [b"first"])
    storage.close()


def test_bad_checksum_in_the_last_frame_drops_only_that_frame(tmp_path):
    full = bytearray(_log_with(tmp_path, [b"first", b"second"]))
    full[-1] ^= 0xFF
    (tmp_path / LOG_FILE).write_bytes(bytes(full))
    storage, recovered = reopen(tmp_path)
    assert recovered == (None, [b"first"])
    storage.close()


@pytest.mark.parametrize("flip", ["magic", "length", "payload"])
def test_damage_in_the_middle_of_the_log_refuses_to_start(tmp_path, flip):
    full = bytearray(_log_with(tmp_path, [b"first record", b"second record", b"third"]))
    position = {"magic": LOG_HEADER_SIZE, "length": LOG_HEADER_SIZE + 5, "payload": LOG_HEADER_SIZE + 30}[
        flip
    ]
    full[position] ^= 0x41
    (tmp_path / LOG_FILE).write_bytes(bytes(full))
    with pytest.raises(StorageCorrupted, match="middle of the log"):
        reopen(tmp_path)


def test_damaged_log_header_refuses_to_start(tmp_path):
    full = bytearray(_log_with(tmp_path, [b"first"]))
    full[10] ^= 1
    (tmp_path / LOG_FILE).write_bytes(bytes(full))
    with pytest.raises(StorageCorrupted, match="header"):
        reopen(tmp_path)


SNAPSHOT_CHUNKS = [b"namespace a", b"the whole state " * 100, b"namespace b", b"more state " * 50]


def _snapshot_bytes(tmp_path: Path) -> bytearray:
    storage, _ = reopen(tmp_path)
    storage.append(b"a")
    storage.write_snapshot(SNAPSHOT_CHUNKS)
    storage.close()
    return bytearray((tmp_path / SNAPSHOT_FILE).read_bytes())


def _chunk_offsets(data: bytes) -> list[int]:
    """Where each chunk frame starts in a snapshot file (walking the frames as the reader does)."""
    offsets, offset = [], SNAPSHOT_HEADER_SIZE
    for chunk in SNAPSHOT_CHUNKS:
        offsets.append(offset)
        offset += SNAPSHOT_FRAME_SIZE + len(chunk)
    assert data[offset : offset + 4] == b"SEND"
    return offsets


@pytest.mark.parametrize(
    "damage", ["flip-first-chunk", "flip-last-chunk", "flip-frame-length", "truncate", "magic", "extend",
               "swap-chunks", "drop-end-frame"]
)  # fmt: skip
def test_damaged_snapshot_refuses_to_start(tmp_path, damage):
    data = _snapshot_bytes(tmp_path)
    offsets = _chunk_offsets(bytes(data))
    if damage == "flip-first-chunk":
        data[offsets[0] + SNAPSHOT_FRAME_SIZE + 2] ^= 0x10
    elif damage == "flip-last-chunk":
        data[-SNAPSHOT_FRAME_SIZE - 3] ^= 0x10
    elif damage == "flip-frame-length":
        data[offsets[1] + 5] ^= 0x01
    elif damage == "truncate":
        del data[-1]
    elif damage == "magic":
        data[0:8] = b"NOTASNAP"
    elif damage == "extend":
        data += b"!"
    elif damage == "swap-chunks":  # two intact frames in the wrong order: each checksum covers its position
        first = data[offsets[0] : offsets[1]]
        third = data[offsets[2] : offsets[3]]
        data[offsets[0] : offsets[1]], data[offsets[2] : offsets[3]] = third, first
    else:
        del data[-SNAPSHOT_FRAME_SIZE:]
    (tmp_path / SNAPSHOT_FILE).write_bytes(bytes(data))
    with pytest.raises(StorageCorrupted, match="snapshot.*refusing to start"):
        reopen(tmp_path)


def test_a_snapshot_chunk_from_another_generation_is_refused(tmp_path):
    """Chunks are bound to their snapshot: splicing an older snapshot's intact chunk in is damage."""
    old = _snapshot_bytes(tmp_path)
    storage, _ = reopen(tmp_path)
    storage.append(b"b")
    storage.write_snapshot(SNAPSHOT_CHUNKS)  # same chunk contents, next generation
    storage.close()
    new = bytearray((tmp_path / SNAPSHOT_FILE).read_bytes())
    start, end = _chunk_offsets(bytes(new))[1:3]
    new[start:end] = old[start:end]
    (tmp_path / SNAPSHOT_FILE).write_bytes(bytes(new))
    with pytest.raises(StorageCorrupted, match="chunk 1 .* checksum"):
        reopen(tmp_path)


def test_a_snapshot_of_the_previous_format_version_is_refused_with_a_clear_error(tmp_path):
    storage, _ = reopen(tmp_path)
    storage.close()
    fields = struct.pack("<IQQ", 1, 1, 2)  # version 1: one JSON payload, never released
    header = b"TPUFSNAP" + fields + struct.pack("<I", zlib.crc32(b"{}", zlib.crc32(fields)))
    (tmp_path / SNAPSHOT_FILE).write_bytes(header + b"{}")
    with pytest.raises(StorageCorrupted, match="snapshot"):
        reopen(tmp_path)


def test_a_snapshot_of_version_2_crc32_checksums_is_still_read_and_checked(tmp_path, monkeypatch):
    """Data directories of the release before XXH3 chunk checksums keep working, damage included."""
    from tpuf_emulator.storage import snapshot

    storage, _ = reopen(tmp_path)
    storage.append(b"a")
    with monkeypatch.context() as patch:
        patch.setattr(snapshot, "SNAPSHOT_VERSION", 2)
        storage.write_snapshot(SNAPSHOT_CHUNKS)
    storage.close()
    data = bytearray((tmp_path / SNAPSHOT_FILE).read_bytes())
    assert struct.unpack_from("<I", data, 8) == (2,)
    first_body = SNAPSHOT_HEADER_SIZE + SNAPSHOT_FRAME_SIZE
    (crc,) = struct.unpack_from("<I", data, first_body - 4)
    bound = struct.pack("<QQQ", 1, 0, len(SNAPSHOT_CHUNKS[0]))
    assert crc == zlib.crc32(SNAPSHOT_CHUNKS[0], zlib.crc32(bound))  # CRC32, as version 2 wrote it
    storage, (snapshot_chunks, _) = reopen(tmp_path)
    assert [bytes(chunk) for chunk in snapshot_chunks] == SNAPSHOT_CHUNKS
    storage.close()
    data[first_body + 1] ^= 0x04
    (tmp_path / SNAPSHOT_FILE).write_bytes(bytes(data))
    with pytest.raises(StorageCorrupted, match="chunk 0 .* checksum"):
        reopen(tmp_path)


def test_a_failure_while_producing_snapshot_chunks_keeps_the_previous_snapshot_and_log(tmp_path):
    storage, _ = reopen(tmp_path)
    storage.append(b"a")
    storage.write_snapshot([b"state-with-a"])
    storage.append(b"b")

    def failing_chunks():
        yield b"state-with-a-b, first half"
        raise MemoryError("out of memory while encoding")

    with pytest.raises(MemoryError):
        storage.write_snapshot(failing_chunks())
    storage.append(b"c")  # the log stays usable
    storage.close()
    assert not (tmp_path / (SNAPSHOT_FILE + ".tmp")).exists()
    storage, recovered = reopen(tmp_path)
    assert recovered == ([b"state-with-a"], [b"b", b"c"])
    storage.close()


def test_snapshot_chunks_are_written_and_read_one_at_a_time(tmp_path):
    """Neither side materialises the whole snapshot: the writer pulls chunks as it writes them and
    the reader hands out each chunk as it reads it (observable through the file on disk)."""
    storage, _ = reopen(tmp_path)
    temp = tmp_path / (SNAPSHOT_FILE + ".tmp")
    sizes_seen = []

    def chunks():
        for i in range(5):
            sizes_seen.append(temp.stat().st_size)
            yield bytes([i]) * 2_000_000  # larger than the reader's buffer

    storage.write_snapshot(chunks())
    storage.close()
    assert sizes_seen == sorted(sizes_seen) and sizes_seen[-1] > sizes_seen[0] > 0
    storage = open_storage(tmp_path)
    snapshot, _ = storage.recover()
    assert next(snapshot) == b"\x00" * 2_000_000
    data = bytearray((tmp_path / SNAPSHOT_FILE).read_bytes())
    data[-SNAPSHOT_FRAME_SIZE - 1] ^= 1  # damage the last chunk after the first was handed out
    (tmp_path / SNAPSHOT_FILE).write_bytes(bytes(data))
    assert [next(snapshot)[0] for _ in range(3)] == [1, 2, 3]
    with pytest.raises(StorageCorrupted, match="chunk 4"):
        next(snapshot)
    storage.close()


def test_log_from_a_newer_generation_without_its_snapshot_refuses_to_start(tmp_path):
    storage, _ = reopen(tmp_path)
    storage.write_snapshot([b"state"])
    storage.append(b"after")
    storage.close()
    (tmp_path / SNAPSHOT_FILE).unlink()
    with pytest.raises(StorageCorrupted, match="missing"):
        reopen(tmp_path)


def test_a_second_process_cannot_open_the_same_directory(tmp_path):
    storage, _ = reopen(tmp_path)
    code = (
        "import sys; from tpuf_emulator.storage import open_storage, StorageLocked\n"
        "try:\n    open_storage(sys.argv[1])\nexcept StorageLocked as e:\n    print(e); sys.exit(3)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 3, result.stderr
    assert "already in use" in result.stdout and str(os.getpid()) in result.stdout
    storage.close()
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_same_process_cannot_open_a_directory_twice(tmp_path):
    storage, _ = reopen(tmp_path)
    with pytest.raises(StorageLocked):
        open_storage(tmp_path)
    storage.close()


def test_concurrent_appends_are_all_durable_and_share_fsyncs(tmp_path):
    storage, _ = reopen(tmp_path)
    threads_count, per_thread = 8, 40
    barrier = threading.Barrier(threads_count)

    def writer(t: int) -> None:
        barrier.wait()
        for i in range(per_thread):
            storage.append(f"{t}:{i}".encode())

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    frames = storage._appender.frames_written
    storage.close()
    storage, (_, records) = reopen(tmp_path)
    storage.close()
    assert sorted(records) == sorted(
        f"{t}:{i}".encode() for t in range(threads_count) for i in range(per_thread)
    )
    for t in range(threads_count):  # each writer's own records stay in its order
        mine = [r for r in records if r.startswith(f"{t}:".encode())]
        assert mine == [f"{t}:{i}".encode() for i in range(per_thread)]
    assert frames <= threads_count * per_thread


def test_a_failed_write_is_not_acknowledged_and_the_log_recovers_in_place(tmp_path, monkeypatch):
    storage, _ = reopen(tmp_path)
    storage.append(b"ok")

    def failing_sync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("tpuf_emulator.storage.wal.sync_fd", failing_sync)
    with pytest.raises(StorageWriteFailed) as info:
        storage.append(b"lost")
    assert info.value.status == 503
    with pytest.raises(StorageWriteFailed, match="still unavailable.*earlier failure"):
        storage.append(b"also lost")  # the repair (cut back + fsync) fails too
    monkeypatch.undo()
    storage.append(b"after")  # the storage works again: no restart needed
    storage.close()
    storage, recovered = reopen(tmp_path)
    assert recovered == (None, [b"ok", b"after"])
    storage.close()


def test_append_before_recover_is_a_programming_error(tmp_path):
    storage = open_storage(tmp_path)
    with pytest.raises(RuntimeError, match="recover"):
        storage.append(b"x")
    storage.close()


def test_data_directory_holds_only_fixed_file_names(tmp_path):
    storage, _ = reopen(tmp_path)
    storage.append(b'{"namespace": "../../etc/passwd"}')
    storage.write_snapshot([b'{"namespaces": ["A", "a", "..", "CON"]}'])
    storage.append(b"x")
    storage.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["LOCK", LOG_FILE, SNAPSHOT_FILE])


def test_a_failure_to_start_the_new_log_after_a_snapshot_is_repaired_by_the_next_write(tmp_path, monkeypatch):
    storage, _ = reopen(tmp_path)
    storage.append(b"a")
    real_open = os.open

    def no_new_log(path, flags, *args):
        if str(path).endswith(LOG_FILE) and not flags & os.O_CREAT:
            raise OSError(28, "No space left on device")
        return real_open(path, flags, *args)

    monkeypatch.setattr("tpuf_emulator.storage.engine.os.open", no_new_log)
    with pytest.raises(StorageWriteFailed, match="new log after a snapshot"):
        storage.write_snapshot([b"state-with-a"])
    with pytest.raises(StorageWriteFailed, match="still unavailable"):
        storage.append(b"refused")
    monkeypatch.undo()
    storage.append(b"b")  # the repair installs the new log first
    storage.close()
    storage, recovered = reopen(tmp_path)
    assert recovered == ([b"state-with-a"], [b"b"])
    storage.close()
