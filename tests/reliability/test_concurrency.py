"""Several writers and readers in parallel over real HTTP: no lost update, no 5xx, and strong consistency
(every query sees every write acknowledged before it started)."""

from __future__ import annotations

import threading

import pytest

from .conftest import FUZZ

DURATION_S = 20.0 if FUZZ else 3.0
WRITERS = 4
READERS = 3
COUNTER_INCREMENTERS = 3
SLOTS_PER_WRITER = 25


@pytest.mark.parity("consistency-read-your-writes")
def test_parallel_writers_and_readers(launch, tmp_path):
    server = launch(data_dir=tmp_path / "data")  # durable: group commit is in the path
    lock = threading.Lock()
    acknowledged: dict[int, int] = {}  # id -> highest acknowledged version
    failures: list[str] = []
    increments = [0]
    stop = threading.Event()

    def record_failure(message: str) -> None:
        with lock:
            failures.append(message)
        stop.set()

    def writer(w: int) -> None:
        version = 0
        with server.client() as client:
            while not stop.is_set():
                version += 1
                ids = [w * 1000 + (version + k) % SLOTS_PER_WRITER for k in range(3)]
                rows = [{"id": i, "version": version, "writer": w} for i in ids]
                response = client.post("/v2/namespaces/busy", json={"upsert_rows": rows})
                if response.status_code != 200:
                    return record_failure(f"writer {w}: HTTP {response.status_code} {response.text[:200]}")
                with lock:
                    for i in ids:
                        acknowledged[i] = version

    def reader(r: int) -> None:
        with server.client() as client:
            while not stop.is_set():
                with lock:
                    expected = dict(acknowledged)
                body = {"rank_by": ["id", "asc"], "top_k": 10_000, "include_attributes": ["version"]}
                response = client.post("/v2/namespaces/busy/query", json=body)
                if response.status_code == 404 and not expected:
                    continue
                if response.status_code != 200:
                    return record_failure(f"reader {r}: HTTP {response.status_code} {response.text[:200]}")
                seen = {row["id"]: row["version"] for row in response.json()["rows"]}
                stale = {i: (v, seen.get(i)) for i, v in expected.items() if seen.get(i, -1) < v}
                if stale:
                    return record_failure(
                        f"reader {r}: acknowledged writes not visible: {list(stale.items())[:5]}"
                    )

    def incrementer(n: int) -> None:
        """Read-modify-write with a condition: exactly the successful increments must show up."""
        with server.client() as client:
            while not stop.is_set():
                body = {
                    "filters": ["id", "Eq", 1],
                    "rank_by": ["id", "asc"],
                    "top_k": 1,
                    "include_attributes": ["n"],
                }
                response = client.post("/v2/namespaces/counter/query", json=body)
                if response.status_code != 200:
                    return record_failure(
                        f"incrementer {n}: HTTP {response.status_code} {response.text[:200]}"
                    )
                current = response.json()["rows"][0]["n"]
                write = {"patch_rows": [{"id": 1, "n": current + 1}], "patch_condition": ["n", "Eq", current]}
                response = client.post("/v2/namespaces/counter", json=write)
                if response.status_code != 200:
                    return record_failure(
                        f"incrementer {n}: HTTP {response.status_code} {response.text[:200]}"
                    )
                if response.json().get("rows_patched", 0) == 1:
                    with lock:
                        increments[0] += 1

    with server.client() as client:
        assert (
            client.post("/v2/namespaces/counter", json={"upsert_rows": [{"id": 1, "n": 0}]}).status_code
            == 200
        )
    threads = (
        [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
        + [threading.Thread(target=reader, args=(r,)) for r in range(READERS)]
        + [threading.Thread(target=incrementer, args=(n,)) for n in range(COUNTER_INCREMENTERS)]
    )
    for thread in threads:
        thread.start()
    stop.wait(DURATION_S)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures

    with server.client() as client:
        body = {"rank_by": ["id", "asc"], "top_k": 10_000, "include_attributes": ["version"]}
        final = {
            r["id"]: r["version"] for r in client.post("/v2/namespaces/busy/query", json=body).json()["rows"]
        }
        assert final == acknowledged  # every last acknowledged version, nothing else
        counter = client.post(
            "/v2/namespaces/counter/query",
            json={"rank_by": ["id", "asc"], "top_k": 1, "include_attributes": ["n"]},
        )
        assert counter.json()["rows"][0]["n"] == increments[0] > 0
    server.kill()  # and all of it is durable
    server = launch(data_dir=tmp_path / "data")
    with server.client() as client:
        final = {
            r["id"]: r["version"] for r in client.post("/v2/namespaces/busy/query", json=body).json()["rows"]
        }
        assert final == acknowledged
