"""Crash test: SIGKILL a durable emulator at random moments and prove no acknowledged write is lost.

Each cycle starts ``tpuf-emulator --data-dir DIR`` on the same directory, lets writer threads
stream write requests into it (upserts, patches, deletes of whole earlier batches, and now and then
a namespace deletion), kills the process with SIGKILL at a random moment, optionally appends a torn
frame to the log (what a power cut in the middle of a write leaves behind), restarts it and checks:

* every acknowledged request is completely visible (documents, attribute values);
* the request that was in flight at the kill is either completely applied or not at all;
* the namespace list, each namespace's schema and its metadata row count match.

The state the checker expects is carried from cycle to cycle, so later cycles also verify that
earlier recoveries (and log compactions into snapshots) kept everything.

    python scripts/crash_test.py --cycles 50 [--seed N] [--keep]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from tpuf_emulator.launcher import EmulatorProcess, EmulatorStartError

API_KEY = "crash-test-key"
PREFIX = "crash-"
ROWS_PER_BATCH = 8
DIMS = 4
SCHEMA = {"tag": {"type": "string", "filterable": True}, "vector": {"type": f"[{DIMS}]f32"}}
EXPECTED_TYPES = {"tag": "string", "batch": "int", "vector": f"[{DIMS}]f32"}

Docs = dict[int, tuple[int, str]]  # id -> (batch, tag): what the checker compares


class CrashTestFailure(AssertionError):
    pass


# ---- the emulator process ------------------------------------------------------------------


class Emulator(EmulatorProcess):
    """The emulator under test: one organisation with the crash test's key, output appended to
    ``log_path`` across every restart on ``data_dir``."""

    def __init__(self, data_dir: Path, log_path: Path, extra_args: tuple[str, ...] = ()) -> None:
        super().__init__(data_dir, ("--api-key", f"crash:{API_KEY}", *extra_args), API_KEY, log_path=log_path)

    def start(self) -> Emulator:
        with self.log_path.open("a") as log:
            log.write(f"\n==== start (flags: {' '.join(self.extra_args)})\n")
        try:
            super().start()
        except EmulatorStartError as exc:
            raise CrashTestFailure(str(exc)[-4000:]) from None
        return self

    def stop(self, timeout: float = 15) -> None:
        super().stop(timeout)

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.output().splitlines()[-lines:]) or "(no log)"


def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {API_KEY}"}


# ---- the expected state ----------------------------------------------------------------------


@dataclass
class NamespaceModel:
    """What one namespace must hold: its documents and whether it exists."""

    name: str
    exists: bool = False
    docs: Docs = field(default_factory=dict)
    next_batch: int = 1
    next_patch: int = 1


@dataclass
class Op:
    """One write request: the body sent and the namespace state it leads to if applied."""

    kind: str  # upsert | patch | delete | drop
    body: dict[str, Any] | None
    after_docs: Docs
    after_exists: bool


def plan_op(model: NamespaceModel, rng: random.Random) -> Op:
    live_batches = sorted({batch for batch, _ in model.docs.values()})
    roll = rng.random()
    if model.exists and roll < 0.03:
        return Op("drop", None, {}, False)
    if live_batches and roll < 0.18:
        victim = rng.choice(live_batches)
        ids = [i for i, (batch, _) in model.docs.items() if batch == victim]
        after = {i: d for i, d in model.docs.items() if i not in ids}
        return Op("delete", {"deletes": ids}, after, True)
    if live_batches and roll < 0.33:
        victim = rng.choice(live_batches)
        tag = f"patched-{model.next_patch}"
        model.next_patch += 1
        ids = [i for i, (batch, _) in model.docs.items() if batch == victim]
        after = dict(model.docs)
        after.update({i: (victim, tag) for i in ids})
        return Op("patch", {"patch_rows": [{"id": i, "tag": tag} for i in ids]}, after, True)
    batch = model.next_batch
    model.next_batch += 1
    rows = [
        {
            "id": batch * 1000 + i,
            "batch": batch,
            "tag": f"t{batch % 7}",
            "vector": [1.0] + [rng.choice((0.0, 0.25, 0.5, 1.0)) for _ in range(DIMS - 1)],
        }
        for i in range(ROWS_PER_BATCH)
    ]
    after = dict(model.docs)
    after.update({row["id"]: (batch, row["tag"]) for row in rows})
    body: dict[str, Any] = {"upsert_rows": rows, "distance_metric": "cosine_distance"}
    if not model.exists:
        body["schema"] = SCHEMA
    return Op("upsert", body, after, True)


class Writer(threading.Thread):
    """Streams write requests into its own namespaces until the server dies; records what was acknowledged."""

    def __init__(self, base_url: str, models: list[NamespaceModel], seed: int) -> None:
        super().__init__(daemon=True)
        self.base_url = base_url
        self.models = models
        self.rng = random.Random(seed)
        self.in_flight: tuple[NamespaceModel, Op] | None = None
        self.acknowledged = 0
        self.error: str | None = None

    def run(self) -> None:
        with httpx.Client(base_url=self.base_url, headers=auth(), timeout=30) as client:
            while True:
                model = self.rng.choice(self.models)
                op = plan_op(model, self.rng)
                self.in_flight = (model, op)
                try:
                    if op.kind == "drop":
                        response = client.delete(f"/v2/namespaces/{model.name}")
                    else:
                        response = client.post(f"/v2/namespaces/{model.name}", json=op.body)
                except httpx.TransportError:
                    return  # the server died: this request's outcome is unknown
                if response.status_code != 200:
                    self.error = (
                        f"{op.kind} on {model.name}: HTTP {response.status_code} {response.text[:300]}"
                    )
                    self.in_flight = None
                    return
                model.docs, model.exists = op.after_docs, op.after_exists
                self.in_flight = None
                self.acknowledged += 1


# ---- checking ----------------------------------------------------------------------------------


def read_docs(client: httpx.Client, namespace: str) -> Docs:
    docs: Docs = {}
    last: int | None = None
    while True:
        body: dict[str, Any] = {
            "rank_by": ["id", "asc"],
            "top_k": 1000,
            "include_attributes": ["batch", "tag"],
        }
        if last is not None:
            body["filters"] = ["id", "Gt", last]
        response = client.post(f"/v2/namespaces/{namespace}/query", json=body)
        if response.status_code == 404:
            return docs
        check(
            response.status_code == 200,
            f"query {namespace}: HTTP {response.status_code} {response.text[:300]}",
        )
        rows = response.json()["rows"]
        for row in rows:
            docs[int(row["id"])] = (row.get("batch"), row.get("tag"))
        if len(rows) < 1000:
            return docs
        last = int(rows[-1]["id"])


def list_namespaces(client: httpx.Client) -> set[str]:
    names: set[str] = set()
    cursor = None
    while True:
        params = {"prefix": PREFIX, "page_size": 1000, **({"cursor": cursor} if cursor else {})}
        response = client.get("/v1/namespaces", params=params)
        check(
            response.status_code == 200, f"list namespaces: HTTP {response.status_code} {response.text[:300]}"
        )
        page = response.json()
        names.update(item["id"] for item in page.get("namespaces", []))
        cursor = page.get("next_cursor")
        if not cursor:
            return names


def check(condition: bool, message: str) -> None:
    if not condition:
        raise CrashTestFailure(message)


def describe_difference(observed: Docs, expected: Docs) -> str:
    missing = sorted(set(expected) - set(observed))
    extra = sorted(set(observed) - set(expected))
    changed = sorted(i for i in set(observed) & set(expected) if observed[i] != expected[i])
    return (
        f"missing ids {missing[:10]} ({len(missing)}), unexpected ids {extra[:10]} ({len(extra)}), "
        f"changed {[(i, expected[i], observed[i]) for i in changed[:5]]} ({len(changed)})"
    )


def verify(client: httpx.Client, models: list[NamespaceModel], pending: dict[str, Op]) -> int:
    """Compare the server with the models; resolve each in-flight op to applied / not applied."""
    listed = list_namespaces(client)
    resolved_applied = 0
    for model in models:
        observed = read_docs(client, model.name)
        exists = model.name in listed
        op = pending.get(model.name)
        before = (model.docs, model.exists)
        outcomes = [before] + ([(op.after_docs, op.after_exists)] if op else [])
        match = next((o for o in outcomes if o[0] == observed and o[1] == exists), None)
        if match is None:
            detail = describe_difference(observed, model.docs)
            state = f"in-flight {op.kind}" if op else "no request in flight"
            raise CrashTestFailure(
                f"namespace {model.name} (listed={exists}, expected listed={model.exists}, {state}): {detail}"
            )
        if op is not None and match is outcomes[1] and outcomes[0] != outcomes[1]:
            resolved_applied += 1
        model.docs, model.exists = match
        if model.exists:
            verify_schema_and_metadata(client, model)
    return resolved_applied


def verify_schema_and_metadata(client: httpx.Client, model: NamespaceModel) -> None:
    response = client.get(f"/v1/namespaces/{model.name}/schema")
    check(
        response.status_code == 200, f"schema {model.name}: HTTP {response.status_code} {response.text[:300]}"
    )
    schema = response.json()
    for attribute, expected in EXPECTED_TYPES.items():
        if attribute == "batch" and not model.docs:
            continue  # inferred only once a row carried it
        found = (schema.get(attribute) or {}).get("type")
        if attribute in schema or attribute != "batch":
            check(found == expected, f"schema {model.name}.{attribute}: expected {expected}, found {found}")
    check(
        schema.get("tag", {}).get("filterable") is True, f"schema {model.name}.tag lost filterable: {schema}"
    )
    response = client.get(f"/v1/namespaces/{model.name}/metadata")
    check(
        response.status_code == 200,
        f"metadata {model.name}: HTTP {response.status_code} {response.text[:300]}",
    )
    rows = response.json().get("approx_row_count")
    check(
        rows == len(model.docs), f"metadata {model.name}: approx_row_count {rows}, expected {len(model.docs)}"
    )


# ---- simulated torn write --------------------------------------------------------------------


def append_torn_frame(data_dir: Path, rng: random.Random) -> bool:
    """Append the beginning of a frame that never finished, as a power cut mid-write leaves it."""
    log = data_dir / "wal.log"
    if not log.exists():
        return False
    from tpuf_emulator.storage.framing import decode_log_header, encode_frame, scan_frames

    data = log.read_bytes()
    header = decode_log_header(data, str(log))
    sequence = scan_frames(data, header, str(log)).next_sequence  # the frame the next write would be
    frame = encode_frame([b'{"never": "acknowledged"}' * rng.randint(1, 50)], header.nonce, sequence)
    with log.open("ab") as handle:
        handle.write(frame[: rng.randint(1, len(frame) - 1)])
    return True


# ---- driver ----------------------------------------------------------------------------------


@dataclass
class Report:
    cycles: int = 0
    acknowledged: int = 0
    in_flight_applied: int = 0
    in_flight_total: int = 0
    torn_tails: int = 0
    documents: int = 0


def run(
    cycles: int,
    seed: int,
    workdir: Path,
    writers: int = 2,
    namespaces_per_writer: int = 2,
    max_run_s: float = 1.5,
    # Compact often, so kills also land during and right after snapshots (the default is 10k writes).
    extra_args: tuple[str, ...] = ("--snapshot-every", "40"),
    progress: bool = False,
) -> Report:
    rng = random.Random(seed)
    data_dir = workdir / "data"
    emulator = Emulator(data_dir, workdir / "emulator.log", extra_args)
    models = [
        [NamespaceModel(f"{PREFIX}w{w}-ns{n}") for n in range(namespaces_per_writer)] for w in range(writers)
    ]
    report = Report()
    try:
        for cycle in range(1, cycles + 1):
            emulator.start()
            with httpx.Client(base_url=emulator.base_url, headers=auth(), timeout=60) as client:
                verify(client, [m for ms in models for m in ms], {})  # survived the clean stop too
            threads = [Writer(emulator.base_url, ms, rng.randrange(1 << 30)) for ms in models]
            for thread in threads:
                thread.start()
            time.sleep(0.0 if rng.random() < 0.1 else rng.uniform(0.05, max_run_s))  # sometimes kill at once
            emulator.kill()
            pending_ops: dict[str, Op] = {}
            for thread in threads:
                thread.join(timeout=30)
                check(thread.error is None, f"cycle {cycle}: writer failed: {thread.error}")
                report.acknowledged += thread.acknowledged
                if thread.in_flight is not None:
                    model, op = thread.in_flight
                    pending_ops[model.name] = op
            report.in_flight_total += len(pending_ops)
            if rng.random() < 0.25 and append_torn_frame(data_dir, rng):
                report.torn_tails += 1
            emulator.start()
            with httpx.Client(base_url=emulator.base_url, headers=auth(), timeout=60) as client:
                try:
                    report.in_flight_applied += verify(client, [m for ms in models for m in ms], pending_ops)
                except CrashTestFailure as exc:
                    raise CrashTestFailure(
                        f"cycle {cycle}: {exc}\n--- emulator log ---\n{emulator.log_tail()}"
                    ) from None
            emulator.stop()
            report.cycles = cycle
            report.documents = sum(len(m.docs) for ms in models for m in ms)
            if progress:
                print(
                    f"cycle {cycle}/{cycles}: {report.acknowledged} acknowledged writes so far, "
                    f"{report.documents} documents, {report.torn_tails} torn tails injected",
                    flush=True,
                )
    finally:
        emulator.kill()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cycles", type=int, default=50, help="kill/restart cycles (default 50)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random, printed)")
    parser.add_argument("--keep", action="store_true", help="keep the data directory and server log")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    print(f"crash test: {args.cycles} cycles, seed {seed} (rerun with --seed {seed})", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="tpuf-crash-"))
    try:
        report = run(args.cycles, seed, workdir, progress=True)
    except CrashTestFailure as exc:
        print(f"FAILED (seed {seed}, data kept in {workdir}):\n{exc}", file=sys.stderr)
        return 1
    print(
        f"OK: {report.cycles} SIGKILL cycles, {report.acknowledged} acknowledged writes all intact, "
        f"{report.in_flight_total} in-flight writes each all-or-nothing ({report.in_flight_applied} applied), "
        f"{report.torn_tails} torn log tails dropped, {report.documents} documents at the end",
        flush=True,
    )
    if args.keep:
        print(f"data kept in {workdir}")
    else:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
