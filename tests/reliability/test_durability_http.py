"""Durability over real HTTP: restart after SIGKILL, torn tails, corruption refusals, the directory lock."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tpuf_emulator.storage.framing import LOG_HEADER_SIZE

from tests.support.log_frames import next_frame


def write_rows(server, namespace: str, ids: range, **attrs) -> None:
    with server.client() as client:
        rows = [{"id": i, **attrs} for i in ids]
        response = client.post(f"/v2/namespaces/{namespace}", json={"upsert_rows": rows})
        assert response.status_code == 200, response.text


def read_ids(server, namespace: str) -> list[int]:
    with server.client() as client:
        response = client.post(
            f"/v2/namespaces/{namespace}/query", json={"rank_by": ["id", "asc"], "top_k": 10_000}
        )
        assert response.status_code == 200, response.text
        return [row["id"] for row in response.json()["rows"]]


def refuses_to_start(launch, data_dir: Path) -> str:
    with pytest.raises(RuntimeError, match="exited") as info:
        launch(data_dir=data_dir)
    return str(info.value)


def test_sigkill_then_restart_keeps_every_acknowledged_write(launch, tmp_path):
    data = tmp_path / "data"
    server = launch(data_dir=data)
    write_rows(server, "a", range(0, 50), color="red")
    write_rows(server, "b", range(100, 110))
    server.kill()
    server = launch(data_dir=data)
    assert read_ids(server, "a") == list(range(50))
    assert read_ids(server, "b") == list(range(100, 110))
    with server.client() as client:
        listed = client.get("/v1/namespaces").json()["namespaces"]
        assert [n["id"] for n in listed] == ["a", "b"]


def test_torn_log_tail_is_dropped_and_logged(launch, tmp_path):
    data = tmp_path / "data"
    server = launch(data_dir=data)
    write_rows(server, "ns", range(10))
    server.kill()
    torn = next_frame(data / "wal.log", [b"a write that was never acknowledged" * 10])[:60]
    with (data / "wal.log").open("ab") as log:
        log.write(torn)
    server = launch(data_dir=data)
    assert read_ids(server, "ns") == list(range(10))
    assert "torn tail" in server.output()
    write_rows(server, "ns", range(10, 12))  # appends continue after the dropped tail
    server.kill()
    server = launch(data_dir=data)
    assert read_ids(server, "ns") == list(range(12))


def test_corruption_in_the_middle_of_the_log_refuses_to_start(launch, tmp_path):
    data = tmp_path / "data"
    server = launch(data_dir=data)
    for start in range(0, 30, 10):
        write_rows(server, "ns", range(start, start + 10))
    server.kill()
    log = bytearray((data / "wal.log").read_bytes())
    log[LOG_HEADER_SIZE + 30] ^= 0x5A  # inside the first frame: intact frames follow
    (data / "wal.log").write_bytes(bytes(log))
    output = refuses_to_start(launch, data)
    assert "middle of the log" in output and "Traceback" not in output


def test_a_second_emulator_cannot_share_the_data_dir(launch, tmp_path):
    data = tmp_path / "data"
    launch(data_dir=data)
    output = refuses_to_start(launch, data)
    assert "already in use" in output and "Traceback" not in output


def test_namespace_names_never_reach_the_filesystem(launch, tmp_path):
    data = tmp_path / "data"
    server = launch(data_dir=data)
    names = ["A", "a", "..x", "con", "x" * 128, "a.b-c_d"]
    for i, name in enumerate(names):
        write_rows(server, name, range(i, i + 1))
    server.kill()
    assert {p.name for p in data.iterdir()} <= {"LOCK", "wal.log", "snapshot.bin"}
    server = launch(data_dir=data)
    for i, name in enumerate(names):
        assert read_ids(server, name) == [i]  # "A" and "a" stay two namespaces


def wait_for_background_snapshot(data: Path, timeout: float = 60) -> None:
    """Snapshots are written in the background: wait until the one just started is installed."""
    deadline = time.monotonic() + timeout
    while (data / "wal.prev.log").exists() or not (data / "snapshot.bin").exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"no snapshot was installed within {timeout} s")
        time.sleep(0.05)


def test_a_damaged_snapshot_refuses_to_start_with_a_clear_error(launch, tmp_path):
    data = tmp_path / "data"
    server = launch("--snapshot-every", "2", data_dir=data)
    write_rows(server, "ns", range(0, 3000), color="red")  # more documents than one snapshot chunk holds
    write_rows(server, "ns", range(3000, 3010))  # the second write starts a snapshot
    wait_for_background_snapshot(data)
    server.kill()
    snapshot = bytearray((data / "snapshot.bin").read_bytes())
    snapshot[len(snapshot) // 2] ^= 0x20  # inside a documents chunk, far from the end frame
    (data / "snapshot.bin").write_bytes(bytes(snapshot))
    output = refuses_to_start(launch, data)
    assert "snapshot" in output and "refusing to start" in output and "Traceback" not in output
