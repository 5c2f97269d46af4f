"""Background snapshots: the log is rotated at the cut, writes continue into the new log while the
snapshot is written, and a crash at any step recovers every acknowledged record exactly once."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from tpuf_emulator.background import BACKGROUND_NICENESS, lower_current_thread_priority
from tpuf_emulator.namespaces import Registry
from tpuf_emulator.storage import StorageCorrupted, open_storage
from tpuf_emulator.storage.engine import LOG_FILE, PREVIOUS_LOG_FILE, SNAPSHOT_FILE


def reopen(path: Path):
    storage = open_storage(path)
    snapshot, records = storage.recover()
    return storage, (None if snapshot is None else list(snapshot), records)


def recovers(path: Path):
    """What a restart recovers (then closes the directory again)."""
    storage, recovered = reopen(path)
    storage.close()
    return recovered


def files(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir() if p.name != "LOCK")


def test_appends_during_a_background_snapshot_land_after_it(tmp_path):
    storage, _ = reopen(tmp_path)
    storage.append(b"a")
    generation = storage.begin_snapshot()
    assert generation is not None and storage.log_bytes == 0
    storage.append(b"b")  # while the snapshot of "a" is being written
    storage.finish_snapshot(generation, [b"state-with-a"])
    storage.append(b"c")
    assert files(tmp_path) == sorted([SNAPSHOT_FILE, LOG_FILE])
    storage.close()
    assert recovers(tmp_path) == ([b"state-with-a"], [b"b", b"c"])


def test_a_crash_before_the_snapshot_is_written_replays_both_logs_in_order(tmp_path):
    storage, _ = reopen(tmp_path)
    storage.append(b"a")
    storage.write_snapshot([b"state-with-a"])
    storage.append(b"b")
    storage.begin_snapshot()
    storage.append(b"c")
    storage.close()  # crash: the snapshot of "a, b" was never written
    assert files(tmp_path) == sorted([SNAPSHOT_FILE, PREVIOUS_LOG_FILE, LOG_FILE])
    storage, recovered = reopen(tmp_path)
    assert recovered == ([b"state-with-a"], [b"b", b"c"])
    assert storage.needs_compaction
    assert storage.begin_snapshot() is None  # the pending log must be compacted synchronously
    storage.append(b"d")
    storage.write_snapshot([b"state-with-a-b-c-d"])
    assert files(tmp_path) == sorted([SNAPSHOT_FILE, LOG_FILE])
    storage.close()
    assert recovers(tmp_path) == ([b"state-with-a-b-c-d"], [])


def test_a_crash_after_the_snapshot_but_before_the_old_log_is_deleted(tmp_path):
    storage, _ = reopen(tmp_path)
    storage.append(b"a")
    generation = storage.begin_snapshot()
    previous = (tmp_path / PREVIOUS_LOG_FILE).read_bytes()
    storage.append(b"b")
    storage.finish_snapshot(generation, [b"state-with-a"])
    storage.close()
    (tmp_path / PREVIOUS_LOG_FILE).write_bytes(previous)  # as if the deletion never happened
    storage, recovered = reopen(tmp_path)
    assert recovered == ([b"state-with-a"], [b"b"])  # "a" is not applied twice
    assert not storage.needs_compaction
    assert files(tmp_path) == sorted([SNAPSHOT_FILE, LOG_FILE])
    storage.close()


def test_a_crash_between_renaming_the_log_and_starting_the_new_one(tmp_path):
    storage, _ = reopen(tmp_path)
    storage.append(b"a")
    storage.close()
    (tmp_path / LOG_FILE).rename(tmp_path / PREVIOUS_LOG_FILE)
    storage, recovered = reopen(tmp_path)
    assert recovered == (None, [b"a"])
    storage.append(b"b")
    storage.close()
    assert recovers(tmp_path) == (None, [b"a", b"b"])


def test_a_failed_background_snapshot_keeps_both_logs_and_the_next_compaction_is_synchronous(tmp_path):
    storage, _ = reopen(tmp_path)
    storage.append(b"a")
    generation = storage.begin_snapshot()
    storage.append(b"b")

    def failing_chunks():
        yield b"partial"
        raise RuntimeError("encoding failed")

    with pytest.raises(RuntimeError):
        storage.finish_snapshot(generation, failing_chunks())
    assert storage.begin_snapshot() is None
    storage.write_snapshot([b"state-with-a-b"])
    storage.close()
    assert recovers(tmp_path) == ([b"state-with-a-b"], [])


def test_a_pending_log_of_the_wrong_generation_refuses_to_start(tmp_path):
    storage, _ = reopen(tmp_path)
    storage.append(b"a")
    storage.begin_snapshot()
    storage.close()
    (tmp_path / LOG_FILE).unlink()
    storage, _ = reopen(tmp_path)  # the pending log became the log again
    storage.begin_snapshot()
    storage.close()
    (tmp_path / PREVIOUS_LOG_FILE).rename(tmp_path / "keep")
    (tmp_path / LOG_FILE).rename(tmp_path / PREVIOUS_LOG_FILE)
    (tmp_path / "keep").rename(tmp_path / LOG_FILE)  # the two logs swapped
    with pytest.raises(StorageCorrupted, match="generation"):
        reopen(tmp_path)


def test_the_registry_compacts_an_interrupted_background_snapshot_at_start_up(tmp_path):
    registry = Registry(open_storage(tmp_path), snapshot_every_records=2)
    registry.recover()
    storage = registry._storage
    storage.finish_snapshot = lambda generation, chunks: None  # the snapshot thread "dies"
    for i in range(3):
        registry.write("dev", "ns", {"upsert_rows": [{"id": i, "x": i}]})
    registry.wait_for_snapshot()
    assert (tmp_path / PREVIOUS_LOG_FILE).exists()
    storage.close()  # crash

    restored = Registry(open_storage(tmp_path))
    restored.recover()
    assert {i: doc["x"] for i, doc in restored._orgs["dev"]["ns"].docs.items()} == {0: 0, 1: 1, 2: 2}
    assert files(tmp_path) == sorted([SNAPSHOT_FILE, LOG_FILE])
    restored.close()


def test_background_threads_lower_only_their_own_priority():
    """A snapshot or a graph fold must not compete with requests at equal priority."""
    seen: list[int] = []

    def work() -> None:
        lower_current_thread_priority()
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [max(before, BACKGROUND_NICENESS)]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before
