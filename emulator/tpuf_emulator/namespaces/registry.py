"""The registry: locking, commit ordering and snapshot scheduling around the one apply path.

A request is resolved into a log record under its namespace's lock (``commands.py``), the record is
appended, then applied by ``apply.apply_record``, the function recovery applies the log and the
snapshot with too; so the registry itself never changes a namespace.

Concurrency: each namespace has a readers-writer lock (queries share it, a write holds it alone
for validation, resolution, logging and applying). A registry-wide persistence lock is held
shared while a record is appended and applied, and exclusively while a snapshot is taken, so a
snapshot always contains exactly the records appended before it.

Durability: with a data directory, a write's record is appended to the log (durable when
``append`` returns) BEFORE it is applied and acknowledged. The whole registry is written as
a snapshot (which truncates the log) once the log has grown larger than the last snapshot (and
than ``MIN_SNAPSHOT_LOG_BYTES``): a snapshot costs time proportional to the registry, so taking
one only after at least as many bytes of writes keeps its cost amortised, a constant per byte
written, however large the namespaces grow (with a fixed record count, ingest slowed from 12k to
2.5k rows/s at 1M documents). ``snapshot_every_records``, when given, also compacts after that
many records (tests and the crash test use it to snapshot often).

Snapshots run in the background: the write that finds one due takes a cut of every namespace
(references to its immutable documents, ``snapshots.cut_registry``) and rotates the log under
the exclusive persistence lock, which takes milliseconds, then a thread encodes and writes the
cut while later writes go on into the new log. Writing the snapshot inline had cost a bulk ingest
~15% of its time at 200k documents, and stalled every writer for seconds at 1M. ``snapshot()``
(shutdown, tests) is synchronous and waits for a background one first.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from .. import deadline, query, serde_errors
from ..background import lower_current_thread_priority
from ..config import EmulatorConfig
from ..errors import ApiError, bad_request, not_found
from ..storage import MemoryStorage, Storage, open_storage
from . import commands, graph_sidecars, records, snapshots
from .apply import apply_record
from .export import export_page
from .listing import list_page
from .metadata import metadata_json, parse_metadata_patch
from .names import validate_namespace_name
from .namespace import Namespace
from .operations import Operations
from .rwlock import RWLock
from .table import NamespaceTable
from .write_request import WriteRequest, parse_write_request

log = logging.getLogger("tpuf_emulator.namespaces")

MIN_SNAPSHOT_LOG_BYTES = 64 * 1024 * 1024
T = TypeVar("T")


class Registry:
    def __init__(self, storage: Storage | None = None, api_keys: dict[str, str] | None = None,
                 snapshot_every_records: int | None = None) -> None:  # fmt: skip
        self._storage: Storage = storage if storage is not None else MemoryStorage()
        self._durable = self._storage.durable
        self._keys = dict(api_keys or {})
        self._snapshot_every = snapshot_every_records
        self._table = NamespaceTable()
        self._persist = RWLock()
        self._records_since_snapshot = 0
        self._counter_lock = threading.Lock()
        self._operations = Operations()
        self._snapshotter: threading.Thread | None = None

    @classmethod
    def open(cls, config: EmulatorConfig) -> Registry:
        registry = cls(
            open_storage(config.data_dir), config.effective_api_keys(), config.snapshot_every_records
        )
        registry.recover()
        return registry

    @property
    def _orgs(self) -> dict[str, dict[str, Namespace]]:
        """Every namespace by organisation and name (tests inspect it)."""
        return self._table.orgs

    # ------------------------------------------------------------------ lookup

    def _get(self, org: str, name: str) -> Namespace:
        validate_namespace_name(name)
        ns = self._table.get(org, name)
        if ns is None or not ns.committed:
            raise not_found(f"namespace {name!r} not found")
        return ns

    def _read(self, org: str, name: str, action: Callable[[Namespace], T]) -> T:
        ns = self._get(org, name)
        with ns.lock.read():
            if ns.dropped:
                raise not_found(f"namespace {name!r} not found")
            return action(ns)

    def _locked_write(self, org: str, name: str, action: Callable[[Namespace], T], *, must_exist: bool,
                      missing: str | None = None) -> T:  # fmt: skip
        """Run ``action`` on the namespace under its write lock; a namespace created for it and
        left uncommitted (the action failed) is forgotten again. ``missing``: the 404's message."""
        while True:
            ns = self._get(org, name) if must_exist else self._table.get_or_create(org, name)
            with ns.lock.write():
                if ns.dropped:
                    if must_exist:
                        raise not_found(missing or f"namespace {name!r} not found")
                    continue  # deleted while we waited: create it anew
                try:
                    return action(ns)
                except BaseException:
                    self._table.discard_if_uncommitted(ns)
                    raise

    # ------------------------------------------------------------------ persistence

    def _commit(self, record: records.Record) -> None:
        """Make one request's resolved effects durable (when a data dir is used), then visible,
        through the one apply path recovery uses too (apply.py). The caller holds the namespace's
        write lock. The request's deadline is checked up to here, never inside: a commit runs to
        its end (deadline.py); if the append fails (a full disk), nothing is applied."""
        with deadline.suspended(), self._persist.read():
            if self._durable:
                self._storage.append(records.encode(record))
            apply_record(self._table, record)
        with self._counter_lock:
            self._records_since_snapshot += 1

    def _snapshot_due(self) -> bool:
        if self._storage.log_bytes > max(MIN_SNAPSHOT_LOG_BYTES, self._storage.snapshot_bytes):
            return True
        return self._snapshot_every is not None and self._records_since_snapshot >= self._snapshot_every

    def _maybe_snapshot(self) -> None:
        """Start a background compaction when the policy says so. Never fails the write that
        triggered it: that write is already durable in the log, and a failed snapshot leaves the
        previous one and the logs intact."""
        if not self._durable or not self._snapshot_due() or self.snapshot_running:
            return
        try:
            self._start_background_snapshot()
        except Exception:
            log.exception("snapshot failed; the write-ahead log keeps every write, will retry later")

    @property
    def snapshot_running(self) -> bool:
        return self._snapshotter is not None and self._snapshotter.is_alive()

    def _cut(self) -> tuple[list[snapshots.NamespaceCut], list[graph_sidecars.GraphCut]]:
        spaces = self._table.committed()
        return snapshots.cut_registry(spaces), graph_sidecars.cut_graphs(spaces)

    def _save_graphs(self, generation: int, graphs: list[graph_sidecars.GraphCut]) -> None:
        """ANN graphs go beside the snapshot of ``generation``, written before it (graph_sidecars.py)."""
        sidecars = self._storage.sidecars
        if sidecars is not None and graphs:
            graph_sidecars.save_graphs(sidecars, generation, graphs)

    def _write_snapshot_now(self) -> None:
        """A synchronous snapshot (caller holds the persistence lock exclusively)."""
        cut, graphs = self._cut()
        self._save_graphs(self._storage.next_snapshot_generation, graphs)
        self._storage.write_snapshot(snapshots.encode_registry(cut))

    def _start_background_snapshot(self) -> None:
        with self._persist.write():
            # Writers that finished together all saw the policy say "due"; the first one compacts,
            # the others find it no longer due (or already running) once they get the lock.
            if self.snapshot_running or not self._records_since_snapshot or not self._snapshot_due():
                return
            generation = self._storage.begin_snapshot()
            if generation is None:  # an earlier background snapshot failed: compact right here
                self._write_snapshot_now()
                self._records_since_snapshot = 0
                return
            cut, graphs = self._cut()
            self._records_since_snapshot = 0
            self._snapshotter = threading.Thread(
                target=self._write_background_snapshot, args=(generation, cut, graphs), name="snapshot",
                daemon=True,
            )  # fmt: skip
            self._snapshotter.start()

    def _write_background_snapshot(
        self, generation: int, cut: list[snapshots.NamespaceCut], graphs: list[graph_sidecars.GraphCut]
    ) -> None:
        lower_current_thread_priority()
        try:
            self._save_graphs(generation, graphs)
            self._storage.finish_snapshot(generation, snapshots.encode_registry(cut))
        except Exception:
            log.exception("background snapshot failed; the write-ahead logs keep every write")

    def wait_for_snapshot(self) -> None:
        """Block until a background snapshot in progress is on disk (shutdown, tests)."""
        thread = self._snapshotter
        if thread is not None:
            thread.join()

    def snapshot(self, *, only_if_due: bool = False) -> None:
        """Compact now, synchronously (after any background snapshot in progress)."""
        self.wait_for_snapshot()
        with self._persist.write():
            if not self._records_since_snapshot or (only_if_due and not self._snapshot_due()):
                return
            # Chunks are encoded while storage writes them, all under the exclusive persistence
            # lock: no record is appended or applied until the last chunk is on disk.
            self._write_snapshot_now()
            self._records_since_snapshot = 0

    def recover(self) -> None:
        snapshot, log_records = self._storage.recover()
        if snapshot is not None:
            sidecars = self._storage.sidecars
            generation = self._storage.snapshot_generation
            # the saved ANN graphs are read while the snapshot is decoded
            prefetched = None if sidecars is None else graph_sidecars.prefetch(sidecars, generation)
            loaded = 0
            for record in snapshots.read_registry(snapshot):
                apply_record(self._table, record)
                loaded += 1
            log.info("recovered %d namespaces from the snapshot", loaded)
            if prefetched is not None:  # before the log: its replay keeps the graphs current
                started = time.perf_counter()
                graphs = graph_sidecars.restore_graphs(
                    generation, self._table.committed(), prefetched.result()
                )
                if graphs:
                    log.info("restored %d ANN graphs saved with the snapshot in %.2f s", graphs,
                             time.perf_counter() - started)  # fmt: skip
        for raw in log_records:
            apply_record(self._table, records.decode(raw))
        self._records_since_snapshot = len(log_records)
        if log_records:
            log.info("recovered %d log records after the snapshot", len(log_records))
        if self._storage.needs_compaction:  # a background snapshot was interrupted
            self.snapshot()

    def close(self) -> None:
        try:
            self.wait_for_snapshot()
            if self._durable and self._records_since_snapshot:
                self.snapshot()
        finally:
            self._storage.close()

    # ------------------------------------------------------------------ writes

    def write(self, org: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        validate_namespace_name(name)
        req = parse_write_request(body)
        if req.copy_from or req.branch_from:
            result = self._copy(org, name, req)
        else:
            result = self._write(org, name, req, must_exist=_needs_existing_namespace(req))
        self._maybe_snapshot()
        return result

    def _write(self, org: str, name: str, req: WriteRequest, *, must_exist: bool) -> dict[str, Any]:
        started = time.perf_counter()

        def write(ns: Namespace) -> dict[str, Any]:
            deadline.restart("write")  # the budget is for the work under the lock, not the wait
            resolved = commands.resolve_write(ns, req)
            self._commit(resolved.record)
            return resolved.response(started)

        return self._locked_write(org, name, write, must_exist=must_exist)

    def _copy(self, org: str, name: str, req: WriteRequest) -> dict[str, Any]:
        started = time.perf_counter()
        ref = req.branch_from or req.copy_from
        assert ref is not None
        field = "branch_from_namespace" if req.branch_from is not None else "copy_from_namespace"
        source_org = org
        if ref.api_key is not None:
            keyed = self._keys.get(ref.api_key)
            if keyed is None:
                raise ApiError(403, f"{field}.source_api_key is not a valid API key")
            source_org = keyed
        validate_namespace_name(ref.namespace)
        if source_org == org and ref.namespace == name:
            raise bad_request(f"{field}: a namespace cannot be copied into itself")
        missing = f"{field}: source namespace {ref.namespace!r} not found"
        try:
            source_ns = self._get(source_org, ref.namespace)
        except ApiError:
            raise not_found(missing) from None
        with source_ns.lock.read():
            if source_ns.dropped:
                raise not_found(missing)
            source = commands.read_copy_source(source_ns, req)
        self._locked_write(org, name, lambda dest: self._commit(commands.resolve_copy(dest, source)),
                           must_exist=False)  # fmt: skip
        return source.response(started)

    def delete_namespace(self, org: str, name: str) -> dict[str, Any]:
        self._locked_write(org, name, lambda ns: self._commit(records.DropRecord(org, name)), must_exist=True)
        self._maybe_snapshot()
        return {"status": "OK"}

    def update_schema(self, org: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        validate_namespace_name(name)
        self._write(org, name, WriteRequest(schema=body), must_exist=True)
        self._maybe_snapshot()
        return self.get_schema(org, name)

    def patch_metadata(self, org: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        pinning, read_only = parse_metadata_patch(body)

        def patch(ns: Namespace) -> dict[str, Any]:
            self._commit(commands.resolve_metadata(ns, pinning, read_only))
            return metadata_json(ns)

        result = self._locked_write(org, name, patch, must_exist=True)
        self._maybe_snapshot()
        return result

    # ------------------------------------------------------------------ reads

    def read(self, org: str, name: str, action: Callable[[Namespace], T]) -> T:
        """Run a read-only ``action`` on one of ``org``'s namespaces under its read lock (404 when
        ``org`` has no such namespace); the console's projection and index state use it."""
        return self._read(org, name, action)

    def get_schema(self, org: str, name: str) -> dict[str, Any]:
        return self._read(org, name, lambda ns: ns.schema.to_json())

    def metadata(self, org: str, name: str) -> dict[str, Any]:
        return self._read(org, name, metadata_json)

    def hint_cache_warm(self, org: str, name: str) -> dict[str, Any]:
        self._get(org, name)
        return {"status": "ACCEPTED", "message": "cache warm hint accepted"}

    def list_namespaces(self, org: str, prefix: str, cursor: str | None, page_size: int) -> dict[str, Any]:
        return list_page(self._table.committed_names(org), prefix, cursor, page_size)

    def export(self, org: str, name: str, cursor: str | None) -> dict[str, Any]:
        return self._read(org, name, lambda ns: export_page(ns, cursor))

    def query(self, org: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._read(org, name, lambda ns: query.execute_query(ns, body))

    def explain(self, org: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._read(org, name, lambda ns: query.explain_query(ns, body))

    def recall(self, org: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._read(org, name, lambda ns: query.recall(ns, body))

    def start_copy(self, org: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        """``POST /v2/namespaces/{ns}/async``: a copy whose outcome is read by polling its token."""
        validate_namespace_name(name)
        serde_errors.reject_unknown_fields(body, ("copy_from_namespace", "encryption", "sharding"), "")
        if body.get("copy_from_namespace") is None:
            raise serde_errors.missing_field("", "copy_from_namespace")
        req = parse_write_request(body)
        token = self._operations.run(org, name, lambda: self._copy(org, name, req))
        self._maybe_snapshot()
        return {"token": token}

    def operation(self, org: str, name: str, token: str) -> dict[str, Any]:
        validate_namespace_name(name)
        return self._operations.get(org, name, token)


def _needs_existing_namespace(req: WriteRequest) -> bool:
    """Whether a write must find its namespace (404) instead of creating it.

    ``create_namespace: false`` always; and, unless ``create_namespace: true`` asks for it, a write
    that carries a ``schema`` but no document operation (no upsert, patch, delete or by-filter
    write): the docs support schema updates "provided the namespace already exists", so such a
    write to a missing namespace is a 404, exactly like ``POST /v1/namespaces/{ns}/schema``
    (``update_schema``), rather than a way to create an empty namespace.
    """
    if req.create_namespace is not None:
        return not req.create_namespace
    return req.schema is not None and not (req.has_documents or req.has_filter_writes)
