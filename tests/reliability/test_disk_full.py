"""A full disk: writes answer 503 with ``Retry-After`` while it lasts, and work again as soon as there
is space, without a restart; no acknowledged write is lost and no refused write is half-applied.
A restart on a disk that is still full refuses with one clear line, not a traceback.

The disk is "filled" with the kernel's file size limit (``RLIMIT_FSIZE``, set on the running
emulator with ``prlimit``): a write past the limit fails with ``EFBIG`` exactly where a full disk
fails with ``ENOSPC`` (Python ignores ``SIGXFSZ``), and raising the limit again is the space
coming back. No privileges, no mounts.
"""

from __future__ import annotations

import resource
import subprocess
import sys

from tpuf_emulator.namespaces import Registry
from tpuf_emulator.storage import open_storage
from tpuf_emulator.storage.engine import LOG_FILE, PREVIOUS_LOG_FILE

from tests.support.server import free_port

FSIZE = resource.RLIMIT_FSIZE


def fill_disk(pid: int, at_bytes: int) -> None:
    _, hard = resource.prlimit(pid, FSIZE)
    resource.prlimit(pid, FSIZE, (at_bytes, hard))


def free_space(pid: int) -> None:
    _, hard = resource.prlimit(pid, FSIZE)
    resource.prlimit(pid, FSIZE, (hard, hard))


def upsert(client, ids: range, text: str):
    return client.post("/v2/namespaces/ns", json={"upsert_rows": [{"id": i, "text": text} for i in ids]})


def stored(client) -> dict[int, str]:
    response = client.post(
        "/v2/namespaces/ns/query",
        json={"rank_by": ["id", "asc"], "top_k": 1000, "include_attributes": ["text"]},
    )
    assert response.status_code == 200, response.text
    return {row["id"]: row["text"] for row in response.json()["rows"]}


def test_writes_work_again_once_space_returns_without_a_restart(launch, tmp_path):
    data = tmp_path / "data"
    server = launch(data_dir=data)
    pid = server.process.pid
    with server.client() as client:
        for start in range(0, 40, 10):  # a log far larger than the server's own output file
            assert upsert(client, range(start, start + 10), "acknowledged " * 250).status_code == 200
        fill_disk(pid, (data / LOG_FILE).stat().st_size)
        for attempt in range(3):
            refused = upsert(client, range(100 + attempt, 101 + attempt), "refused " * 400)
            assert refused.status_code == 503, refused.text
            assert refused.headers["retry-after"] == "1"
            assert refused.json()["status"] == "error"
        assert sorted(stored(client)) == list(range(40))  # reads keep working; nothing half-applied

        free_space(pid)
        recovered = upsert(client, range(200, 205), "after the disk had space again")
        assert recovered.status_code == 200, recovered.text
        assert upsert(client, range(205, 210), "and later").status_code == 200
        expected = {**{i: "acknowledged " * 250 for i in range(40)}}
        expected |= {i: "after the disk had space again" for i in range(200, 205)}
        expected |= {i: "and later" for i in range(205, 210)}
        assert stored(client) == expected

    server.kill()  # every acknowledged write survives, no refused one appears
    server.start()
    with server.client() as client:
        assert stored(client) == expected


def test_a_restart_on_a_still_full_disk_after_an_interrupted_background_snapshot_says_why(launch, tmp_path):
    data = tmp_path / "data"
    registry = Registry(open_storage(data), snapshot_every_records=2)
    registry.recover()
    registry._storage.finish_snapshot = lambda generation, chunks: None  # the snapshot thread "dies"
    for i in range(3):
        registry.write("dev", "ns", {"upsert_rows": [{"id": i, "text": f"doc {i}"}]})
    registry.wait_for_snapshot()
    registry._storage.close()  # crash, with the background snapshot unfinished
    assert (data / PREVIOUS_LOG_FILE).exists()

    command = [sys.executable, "-m", "tpuf_emulator", "--data-dir", str(data), "--port", str(free_port())]
    full = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: resource.setrlimit(FSIZE, (16, 16)),
    )
    output = full.stdout + full.stderr
    assert full.returncode == 1, output
    assert "Traceback" not in output and "cannot start" in output and "snapshot" in output

    server = launch(data_dir=data)  # with space again, everything is there
    with server.client() as client:
        assert stored(client) == {i: f"doc {i}" for i in range(3)}
