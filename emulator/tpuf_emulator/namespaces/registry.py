"""The registry: every organisation's namespaces, and the one place requests become state changes.

Concurrency: each namespace has a readers-writer lock (queries share it, a write holds it alone
for validation, resolution, logging and applying). A registry-wide persistence lock is held
shared while a record is appended and applied, and exclusively while a snapshot is taken, so a
snapshot always contains exactly the records appended before it.

Durability: with a data directory, a write's resolved effects are appended to the log (durable
when ``append`` returns) BEFORE they are applied and acknowledged. The whole registry is written as
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
from typing import Any

from .. import deadline, serde_errors
from ..background import lower_current_thread_priority
from ..config import EmulatorConfig
from ..errors import ApiError, bad_request, not_found
from ..schema.changes import copy_schema
from . import graph_sidecars, records, snapshots
from .export import export_page
from .listing import list_page
from .metadata import is_unset, metadata_json, parse_metadata_patch
from .names import validate_namespace_name
from .namespace import Namespace, now_ms
from .operations import Operations
from .rwlock import RWLock
from .sizes import document_bytes
from .write_effects import resolve_effects, write_result
from .write_plan import plan_write, read_only_error
from .write_request import SourceRef, WriteRequest, parse_write_request

log = logging.getLogger("tpuf_emulator.namespaces")

MIN_SNAPSHOT_LOG_BYTES = 64 * 1024 * 1024


class Registry:
    def __init__(self, storage: Any = None, api_keys: dict[str, str] | None = None,
                 snapshot_every_records: int | None = None) -> None:  # fmt: skip
        from ..storage import MemoryStorage

        self._storage = storage if storage is not None else MemoryStorage()
        self._durable = bool(getattr(self._storage, "durable", False))
        self._keys = dict(api_keys or {})
        self._snapshot_every = snapshot_every_records
        self._mutex = threading.Lock()
        self._orgs: dict[str, dict[str, Namespace]] = {}
        self._persist = RWLock()
        self._records_since_snapshot = 0
        self._counter_lock = threading.Lock()
        self._operations = Operations()
        self._snapshotter: threading.Thread | None = None

    @classmethod
    def open(cls, config: EmulatorConfig) -> Registry:
        from ..storage import open_storage

        registry = cls(
            open_storage(config.data_dir), config.effective_api_keys(), config.snapshot_every_records
        )
        registry.recover()
        return registry

    # ------------------------------------------------------------------ lookup

    def _namespaces(self, org: str) -> dict[str, Namespace]:
        return self._orgs.setdefault(org, {})

    def _get(self, org: str, name: str) -> Namespace:
        validate_namespace_name(name)
        with self._mutex:
            ns = self._orgs.get(org, {}).get(name)
        if ns is None or not ns.committed:
            raise not_found(f"namespace {name!r} not found")
        return ns

    def _get_or_create(self, org: str, name: str) -> Namespace:
        with self._mutex:
            spaces = self._namespaces(org)
            ns = spaces.get(name)
            if ns is None:
                ns = spaces[name] = Namespace(org, name)
            return ns

    def _discard_if_uncommitted(self, ns: Namespace) -> None:
        with self._mutex:
            if not ns.committed and self._orgs.get(ns.organization, {}).get(ns.name) is ns:
                del self._orgs[ns.organization][ns.name]
                ns.dropped = True

    def _read(self, org: str, name: str, action: Callable[[Namespace], Any]) -> Any:
        ns = self._get(org, name)
        with ns.lock.read():
            if ns.dropped:
                raise not_found(f"namespace {name!r} not found")
            return action(ns)

    # ------------------------------------------------------------------ persistence

    def _commit(self, record: Callable[[], bytes], apply: Callable[[], None]) -> None:
        """Make one request's effects durable (when a data dir is used), then visible. The request's
        deadline is checked up to here, never inside: a commit runs to its end (deadline.py)."""
        with deadline.suspended(), self._persist.read():
            if self._durable:
                self._storage.append(record())
            apply()
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

    def _committed(self) -> list[Namespace]:
        with self._mutex:
            return [ns for org in self._orgs.values() for ns in org.values() if ns.committed]

    def _cut(self) -> tuple[list[snapshots.NamespaceCut], list[graph_sidecars.GraphCut]]:
        spaces = self._committed()
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
            loaded = snapshots.load_registry(snapshot, self._get_or_create)
            log.info("recovered %d namespaces from the snapshot", loaded)
            sidecars = self._storage.sidecars
            if sidecars is not None:  # before the log: its replay keeps the graphs current
                started = time.perf_counter()
                graphs = graph_sidecars.restore_graphs(sidecars, self._storage.snapshot_generation,
                                                       self._committed())  # fmt: skip
                if graphs:
                    log.info("restored %d ANN graphs saved with the snapshot in %.2f s", graphs,
                             time.perf_counter() - started)  # fmt: skip
        for raw in log_records:
            self._replay(records.loads(raw))
        self._records_since_snapshot = len(log_records)
        if log_records:
            log.info("recovered %d log records after the snapshot", len(log_records))
        if getattr(self._storage, "needs_compaction", False):  # a background snapshot was interrupted
            self.snapshot()

    def _replay(self, record: dict[str, Any]) -> None:
        op, org, name = record["op"], record["org"], record["ns"]
        if op == "drop":
            with self._mutex:
                self._orgs.get(org, {}).pop(name, None)
            return
        ns = self._get_or_create(org, name)
        if op == "put":
            records.load_state(ns, record["state"], record["put"])
        elif op == "meta":
            ns.pinning, ns.read_only, ns.updated_at = record["pinning"], record["read_only"], record["at"]
        elif op == "write":
            if not ns.committed:
                ns.created_at = record["at"]
            if record.get("schema") is not None:
                ns.set_schema(records.schema_from_json(record["schema"]))
            ns.drop_attributes(record.get("drop") or ())
            ns.distance_metric = record.get("metric")
            records.apply_settings(ns, record.get("settings") or {})
            changes: dict[Any, Any] = {doc["id"]: doc for doc in record["put"]}
            changes.update({doc_id: None for doc_id in record["del"]})
            ns.replace_documents(changes)
            ns.touch(record["at"], bool(changes))
        ns.committed = True

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
        while True:
            ns = self._get(org, name) if must_exist else self._get_or_create(org, name)
            with ns.lock.write():
                if ns.dropped:
                    if must_exist:
                        raise not_found(f"namespace {name!r} not found")
                    continue
                deadline.restart("write")  # the budget is for the work under the lock, not the wait
                try:
                    result = self._write_locked(ns, req, started)
                except BaseException:
                    self._discard_if_uncommitted(ns)
                    raise
                return result

    def _write_locked(self, ns: Namespace, req: WriteRequest, started: float) -> dict[str, Any]:
        if req.sharding is not None and ns.row_count and req.sharding != ns.sharding:
            raise bad_request(
                "sharding can only be set on a namespace's first write (or with copy_from_namespace)"
            )
        plan = plan_write(ns, req)
        effects = resolve_effects(ns, plan)
        at = now_ms()
        settings: dict[str, Any] = {}
        if req.encryption is not None:
            settings["encryption"] = req.encryption
        if req.sharding is not None:
            settings["sharding"] = req.sharding
        new_schema = plan.schema_changed or not ns.committed

        def record() -> bytes:
            changes = effects.changes
            return records.dumps(
                {
                    "op": "write", "org": ns.organization, "ns": ns.name, "at": at,
                    "schema": plan.schema.to_json() if new_schema else None, "drop": plan.dropped,
                    "metric": plan.distance_metric, "settings": settings,
                    "del": [doc_id for doc_id, doc in changes.items() if doc is None],
                },
                (doc for doc in changes.values() if doc is not None),
            )  # fmt: skip

        queried = ns.logical_bytes

        def apply() -> None:
            if not ns.committed:
                ns.created_at = at
            if plan.schema_changed:
                ns.set_schema(plan.schema)
            ns.drop_attributes(plan.dropped)
            ns.distance_metric = plan.distance_metric
            records.apply_settings(ns, settings)
            ns.replace_documents(effects.changes)
            ns.touch(at, bool(effects.changes))
            ns.committed = True

        self._commit(record, apply)
        elapsed = int((time.perf_counter() - started) * 1000)
        return write_result(plan, effects, queried, elapsed)

    def _copy(self, org: str, name: str, req: WriteRequest) -> dict[str, Any]:
        started = time.perf_counter()
        branch = req.branch_from is not None
        ref: SourceRef = req.branch_from or req.copy_from  # type: ignore[assignment]
        field = "branch_from_namespace" if branch else "copy_from_namespace"
        source_org = org
        if ref.api_key is not None:
            source_org = self._keys.get(ref.api_key)  # type: ignore[assignment]
            if source_org is None:
                raise ApiError(403, f"{field}.source_api_key is not a valid API key")
        validate_namespace_name(ref.namespace)
        if source_org == org and ref.namespace == name:
            raise bad_request(f"{field}: a namespace cannot be copied into itself")
        try:
            source = self._get(source_org, ref.namespace)
        except ApiError:
            raise not_found(f"{field}: source namespace {ref.namespace!r} not found") from None
        with source.lock.read():
            if source.dropped:
                raise not_found(f"{field}: source namespace {ref.namespace!r} not found")
            schema = copy_schema(source.schema)
            metric = source.distance_metric
            docs = dict(source.docs)  # documents are immutable; sharing them is safe
            if branch and source.sharding:
                raise bad_request(f"{field}: sharded namespaces cannot be branched; use copy_from_namespace")
            inherited = {"read_only": source.read_only, "encryption": dict(source.encryption),
                         "sharding": source.sharding}  # fmt: skip
        if not branch:
            inherited["encryption"] = ref.encryption or req.encryption or inherited["encryption"]
            if req.sharding is not None:
                inherited["sharding"] = req.sharding
        parent = ref.namespace if branch else None
        while True:
            dest = self._get_or_create(org, name)
            with dest.lock.write():
                if dest.dropped:
                    continue
                try:
                    self._install_copy(
                        dest, field, schema, metric, docs, {**inherited, "branch_parent": parent}
                    )
                except BaseException:
                    self._discard_if_uncommitted(dest)
                    raise
            written = 0 if branch else sum(document_bytes(schema, d) for d in docs.values())
            return {
                "status": "OK",
                "message": "namespace branched successfully" if branch else "namespace copied successfully",
                "rows_affected": len(docs),
                "rows_upserted": len(docs),
                "billing": {"billable_logical_bytes_written": written},
                "performance": {"server_total_ms": int((time.perf_counter() - started) * 1000)},
            }

    def _install_copy(self, dest: Namespace, field: str, schema: Any, metric: str | None,
                      docs: dict[Any, dict[str, Any]], inherited: dict[str, Any]) -> None:  # fmt: skip
        """Replace an empty destination's whole state by the copied one (caller holds its write lock)."""
        if dest.committed and dest.row_count:
            raise bad_request(
                f"{field}: destination namespace {dest.name!r} already exists and is not empty; "
                "copy and branch need an empty destination"
            )
        if dest.read_only:
            raise read_only_error(dest)
        at = now_ms()
        settings = {**inherited, "created_at": dest.created_at if dest.committed else at,
                    "updated_at": at, "last_write_at": at, "pinning": dest.pinning}  # fmt: skip

        def record() -> bytes:
            state = {"schema": schema.to_json(), "metric": metric, "settings": settings}
            return records.dumps(
                {"op": "put", "org": dest.organization, "ns": dest.name, "state": state}, docs.values()
            )

        def apply() -> None:
            dest.schema = schema
            dest.distance_metric = metric
            records.apply_settings(dest, settings)
            dest.docs = docs
            dest.reset_indexes()
            dest.recompute_sizes()
            dest.committed = True

        self._commit(record, apply)

    def delete_namespace(self, org: str, name: str) -> dict[str, Any]:
        ns = self._get(org, name)
        with ns.lock.write():
            if ns.dropped:
                raise not_found(f"namespace {name!r} not found")

            def apply() -> None:
                with self._mutex:
                    self._orgs.get(org, {}).pop(name, None)
                ns.dropped = True
                ns.reset_indexes()  # releases index memory and stops background ANN folding

            self._commit(lambda: records.dumps({"op": "drop", "org": org, "ns": name}), apply)
        self._maybe_snapshot()
        return {"status": "OK"}

    def update_schema(self, org: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        validate_namespace_name(name)
        self._write(org, name, WriteRequest(schema=body), must_exist=True)
        self._maybe_snapshot()
        return self.get_schema(org, name)

    def patch_metadata(self, org: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        pinning, read_only = parse_metadata_patch(body)
        ns = self._get(org, name)
        with ns.lock.write():
            if ns.dropped:
                raise not_found(f"namespace {name!r} not found")
            new_pinning = ns.pinning if is_unset(pinning) else pinning
            new_read_only = ns.read_only if is_unset(read_only) else read_only
            at = now_ms()

            def apply() -> None:
                ns.pinning, ns.read_only, ns.updated_at = new_pinning, new_read_only, at

            meta = {"op": "meta", "org": org, "ns": name, "at": at, "pinning": new_pinning,
                    "read_only": new_read_only}  # fmt: skip
            self._commit(lambda: records.dumps(meta), apply)
            result = metadata_json(ns)
        self._maybe_snapshot()
        return result

    # ------------------------------------------------------------------ reads

    def get_schema(self, org: str, name: str) -> dict[str, Any]:
        return self._read(org, name, lambda ns: ns.schema.to_json())

    def metadata(self, org: str, name: str) -> dict[str, Any]:
        return self._read(org, name, metadata_json)

    def hint_cache_warm(self, org: str, name: str) -> dict[str, Any]:
        self._get(org, name)
        return {"status": "ACCEPTED", "message": "cache warm hint accepted"}

    def list_namespaces(self, org: str, prefix: str, cursor: str | None, page_size: int) -> dict[str, Any]:
        with self._mutex:
            names = [name for name, ns in self._orgs.get(org, {}).items() if ns.committed]
        return list_page(names, prefix, cursor, page_size)

    def export(self, org: str, name: str, cursor: str | None) -> dict[str, Any]:
        return self._read(org, name, lambda ns: export_page(ns, cursor))

    def query(self, org: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        execute = _query_function("execute_query")
        return self._read(org, name, lambda ns: execute(ns, body))

    def explain(self, org: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        explain = _query_function("explain_query")
        return self._read(org, name, lambda ns: explain(ns, body))

    def recall(self, org: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        recall = _query_function("recall")
        return self._read(org, name, lambda ns: recall(ns, body))

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


def _query_function(name: str) -> Callable[[Namespace, dict[str, Any]], dict[str, Any]]:
    try:
        from .. import query
    except ImportError:  # pragma: no cover - only while the query layer is missing
        query = None  # type: ignore[assignment]
    function = getattr(query, name, None)
    if function is None:
        raise ApiError(501, f"{name.replace('_', ' ')} is not available in this build of the emulator")
    return function
