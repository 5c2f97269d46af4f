"""``tpuf-emulator --seed PATH`` loads a folder of JSON Lines and Parquet files at start-up through
the normal write path: durable with --data-dir (a crash right after start-up loses nothing), and
skipped on later starts once the namespace exists. A bad seed file stops start-up with one line."""

from __future__ import annotations

import subprocess
import sys

from tests.support.server import DEV_API_KEY, RunningEmulator, free_port, start_emulator
from tests.transfer.helpers import all_rows, exists, run_cli, schema_of


def _seed_folder(emulator, write_rich, unique_ns, tmp_path):
    rich, plain = f"{unique_ns}-rich", f"{unique_ns}-plain"
    write_rich(rich)
    with emulator.client() as client:
        rows = [{"id": f"p{i}", "label": f"item {i}", "vector": [i, 1.0]} for i in range(50)]
        body = {"upsert_rows": rows, "distance_metric": "cosine_distance"}
        assert client.post(f"/v2/namespaces/{plain}", json=body).status_code == 200
    folder = tmp_path / "seed"
    for name, fmt in ((rich, "jsonl"), (plain, "parquet")):
        out = run_cli("export", name, "-o", str(folder), "--format", fmt, "--url", emulator.base_url)
        assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{rich}.jsonl", f"{plain}.parquet"])
    return folder, (rich, plain)


def test_seed_folder_is_loaded_durably_and_only_once(emulator, write_rich, unique_ns, tmp_path):
    folder, names = _seed_folder(emulator, write_rich, unique_ns, tmp_path)
    seeded = RunningEmulator(tmp_path / "data", ("--seed", str(folder)), DEV_API_KEY)
    unseeded = RunningEmulator(tmp_path / "data", (), DEV_API_KEY, log_path=seeded.log_path)
    try:
        seeded.start()
        for name in names:
            assert all_rows(seeded, name) == all_rows(emulator, name)
            assert schema_of(seeded, name) == schema_of(emulator, name)
        seeded.kill()  # a crash: no shutdown snapshot, the write-ahead log holds the seed

        unseeded.start()
        for name in names:
            assert all_rows(unseeded, name) == all_rows(emulator, name)
        with unseeded.client() as client:
            changed = {"upsert_rows": [{"id": "p0", "label": "changed", "vector": [0.0, 1.0]}],
                       "distance_metric": "cosine_distance"}  # fmt: skip
            assert client.post(f"/v2/namespaces/{names[1]}", json=changed).status_code == 200
        unseeded.stop()

        seeded.start()  # the namespaces exist: the seed files are skipped, the change is kept
        assert [row.get("label") for row in all_rows(seeded, names[1])][:1] == ["changed"]
        assert all_rows(seeded, names[0]) == all_rows(emulator, names[0])
        assert f"seed: namespace {names[0]!r} already exists" in seeded.output()
    finally:
        seeded.stop()
        unseeded.stop()
        seeded.cleanup()


def test_seed_goes_to_the_first_api_keys_organisation(emulator, write_rich, unique_ns, tmp_path):
    folder, names = _seed_folder(emulator, write_rich, unique_ns, tmp_path)
    args = ("--api-key", "acme:k1", "--api-key", "beta:k2", "--seed", str(folder))
    with start_emulator(extra_args=args, api_key="k1") as server:
        assert all_rows(server, names[1]) == all_rows(emulator, names[1])
        with server.client(api_key="k2") as other:
            assert other.get(f"/v1/namespaces/{names[1]}/schema").status_code == 404


def _start_with_seed(seed, data_dir=None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tpuf_emulator", "--port", str(free_port()), "--seed", str(seed)]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_a_bad_seed_file_stops_start_up_with_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"namespace": "ok"}\n{"id": 1}\nnot json\n')
    out = _start_with_seed(bad)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines()[-1] == (
        f"tpuf-emulator: cannot start: --seed: {bad}:3: not valid JSON (invalid literal, expected 'null' at column 1)"
    )
    assert "Traceback" not in out.stderr + out.stdout


def test_seed_rows_the_server_refuses_leave_nothing_behind(tmp_path):
    bad = tmp_path / "vectors.jsonl"
    bad.write_text(
        '{"namespace": "vecs", "distance_metric": "cosine_distance"}\n'
        '{"id": 1, "vector": [1.0, 2.0]}\n{"id": 2, "vector": [1.0, 2.0, 3.0]}\n'
    )
    out = _start_with_seed(bad, tmp_path / "data")
    assert out.returncode == 1
    last = out.stderr.strip().splitlines()[-1]
    assert last.startswith(f"tpuf-emulator: cannot start: --seed: {bad}: rows 1-2: ")
    assert "Traceback" not in out.stderr + out.stdout
    with start_emulator(tmp_path / "data") as server:
        assert not exists(server, "vecs")


def test_two_seed_files_for_one_namespace_are_refused(tmp_path):
    folder = tmp_path / "seed"
    folder.mkdir()
    for name in ("a.jsonl", "b.jsonl"):
        (folder / name).write_text('{"namespace": "same"}\n{"id": 1, "x": 1}\n')
    out = _start_with_seed(folder)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines()[-1] == (
        f"tpuf-emulator: cannot start: --seed: namespace 'same' is in two files: {folder / 'a.jsonl'} and "
        f"{folder / 'b.jsonl'}"
    )
