"""The two storage back ends behind ``open_storage``: in memory (no-ops) and a data directory.

Data directory layout — fixed names only; no namespace or user input ever becomes a path::

    LOCK           exclusive flock while a process uses the directory
    snapshot.bin   the latest snapshot (absent until the first one)
    wal.log        records appended after that snapshot
    wal.prev.log   while a background snapshot is written: the log it compacts
    side-G-K.bin   derived data saved with the snapshot of generation G (``sidecar.py``; K a digest)
    *.tmp          half-written replacements; deleted at recovery

Crash safety of ``write_snapshot`` comes from generations: the snapshot of generation G+1 is
installed atomically first, then a fresh log of generation G+1 replaces the old one. A crash in
between leaves a log of generation G next to a snapshot of generation G+1; recovery recognises
those records as already folded into the snapshot and skips them, so nothing is applied twice.

Background snapshots (``begin_snapshot`` / ``finish_snapshot``) keep writes flowing while a large
snapshot is written: the log of generation G is renamed to ``wal.prev.log`` and a fresh log of
generation G+1 takes the appends at once; the snapshot of generation G+1 (the caller's cut taken
at the rotation) is written meanwhile, then ``wal.prev.log`` is deleted. A crash before the
snapshot is installed leaves snapshot G, ``wal.prev.log`` of G and ``wal.log`` of G+1: recovery
replays both logs in order (and ``needs_compaction`` tells the caller to compact them at once).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from .errors import StorageCorrupted, StorageUnavailable, StorageWriteFailed
from .framing import (
    LOG_HEADER_SIZE,
    LOG_VERSION,
    decode_log_header,
    encode_frame_parts,
    encode_log_header,
    new_nonce,
    scan_frames,
)
from .fsutil import atomic_write, fsync_dir, sync_fd
from .lock import DirectoryLock
from .sidecar import Sidecars
from .snapshot import SnapshotReader, write_snapshot_file
from .wal import LogAppender

log = logging.getLogger("tpuf_emulator.storage")

SNAPSHOT_FILE = "snapshot.bin"
LOG_FILE = "wal.log"
PREVIOUS_LOG_FILE = "wal.prev.log"


class Storage(Protocol):
    """What the namespaces layer relies on (see docs/architecture.md, "Storage")."""

    @property
    def durable(self) -> bool: ...
    @property
    def sidecars(self) -> Sidecars | None: ...  # None: nothing is kept between runs (memory mode)
    @property
    def needs_compaction(self) -> bool: ...  # recovery replayed a log no snapshot holds yet: compact soon

    def recover(self) -> tuple[Iterator[memoryview] | None, list[bytes]]: ...
    def append(self, record: bytes) -> None: ...
    def write_snapshot(self, chunks: Iterable[bytes]) -> None: ...
    def begin_snapshot(self) -> int | None: ...
    def finish_snapshot(self, generation: int, chunks: Iterable[bytes]) -> None: ...
    def close(self) -> None: ...
    @property
    def log_bytes(self) -> int: ...
    @property
    def snapshot_bytes(self) -> int: ...
    @property
    def snapshot_generation(self) -> int: ...
    @property
    def next_snapshot_generation(self) -> int: ...


class MemoryStorage:
    """No data directory: nothing survives the process, every call is a no-op."""

    durable = False
    sidecars: Sidecars | None = None
    needs_compaction = False
    log_bytes = 0
    snapshot_bytes = 0
    snapshot_generation = 0
    next_snapshot_generation = 0

    def recover(self) -> tuple[Iterator[memoryview] | None, list[bytes]]:
        return None, []

    def append(self, record: bytes) -> None:
        return None

    def write_snapshot(self, chunks: Iterable[bytes]) -> None:
        return None  # the chunks are not even produced: nothing would read them back

    def begin_snapshot(self) -> int | None:
        return None

    def finish_snapshot(self, generation: int, chunks: Iterable[bytes]) -> None:
        return None

    def close(self) -> None:
        return None


class DiskStorage:
    """Write-ahead log + snapshots under one data directory.

    Contract with the caller:

    * ``recover()`` once, first: it returns the snapshot's chunks (a lazy iterator, verified chunk by
      chunk as it is consumed; it raises ``StorageCorrupted`` on damage, and the caller must consume
      it completely before serving) and the records appended after it (in append order), and
      prepares the log for appends. A torn tail is dropped (and logged).
    * ``append(record)`` returns when the record is durable. Call it BEFORE making the write
      visible; if it raises, do not apply the write. Appends from several threads share fsyncs.
    * ``write_snapshot(chunks)``: the chunks (consumed one at a time, never joined) must contain the
      effect of every record appended before the call, and no ``append`` may run concurrently with
      it (hold your global write lock while the chunks are produced). Afterwards ``recover()``
      returns these chunks and only later records. If producing the chunks raises, nothing changes
      on disk (the old snapshot and log stay in force) and the error propagates.
    * ``begin_snapshot()`` (no ``append`` concurrently: take your cut of the state under the same
      lock) rotates the log and returns the generation to pass to ``finish_snapshot(generation,
      chunks)``, which may then run in another thread while appends continue; the chunks must hold
      exactly the records appended before ``begin_snapshot``. It returns None when a previous
      background snapshot failed and its log is still pending: use ``write_snapshot`` then. At
      most one background snapshot at a time, and no ``write_snapshot`` while one runs.
    """

    durable = True

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        if not directory.exists():
            directory.mkdir(parents=True)
            fsync_dir(directory.parent)  # the new directory's own entry must survive a power cut too
        self._lock = DirectoryLock(directory)
        self._lock.acquire()
        self._generation = 0
        self._snapshot_generation = 0
        self._snapshot_bytes = 0
        self.sidecars = Sidecars(directory)
        self._appender: LogAppender | None = None
        self._closed = False
        self.needs_compaction = False  # recovery replayed a pending wal.prev.log: snapshot soon

    @property
    def snapshot_path(self) -> Path:
        return self.directory / SNAPSHOT_FILE

    @property
    def log_path(self) -> Path:
        return self.directory / LOG_FILE

    @property
    def previous_log_path(self) -> Path:
        return self.directory / PREVIOUS_LOG_FILE

    @property
    def log_bytes(self) -> int:
        """Bytes of log since the last snapshot: the caller's signal to compact."""
        return self._appender.size - LOG_HEADER_SIZE if self._appender else 0

    @property
    def snapshot_bytes(self) -> int:
        """Size of the snapshot in force (0 before the first): the caller's yardstick for compaction."""
        return self._snapshot_bytes

    @property
    def snapshot_generation(self) -> int:
        """Generation of the snapshot in force (0 before the first): the one its sidecars carry."""
        return self._snapshot_generation

    @property
    def next_snapshot_generation(self) -> int:
        """The generation ``write_snapshot`` would write now (its sidecars are written first)."""
        return self._generation + 1

    def recover(self) -> tuple[Iterator[memoryview] | None, list[bytes]]:
        if self._appender is not None:
            raise RuntimeError("recover() may be called only once")
        try:
            return self._recover()
        except OSError as exc:  # a full disk, permissions: one clear line, not a traceback
            raise StorageUnavailable(
                f"{self.directory}: could not recover the data directory ({exc})"
            ) from exc

    def _recover(self) -> tuple[Iterator[memoryview] | None, list[bytes]]:
        for leftover in self.directory.glob("*.tmp"):
            log.warning(
                "storage: removing %s left behind by an interrupted snapshot or log rotation", leftover
            )
            leftover.unlink()

        snapshot: Iterator[memoryview] | None = None
        snapshot_generation = 0
        if self.snapshot_path.exists():
            reader = SnapshotReader(self.snapshot_path)  # header and end frame checked now
            snapshot_generation, snapshot = reader.generation, reader.chunks()
            self._snapshot_bytes = reader.size
        self._snapshot_generation = snapshot_generation
        self.sidecars.remove_other_generations(snapshot_generation)  # of a snapshot never installed

        earlier = self._recover_previous_log(snapshot_generation)
        if earlier is not None and not self.log_path.exists():
            # Crashed right after renaming the log away: it simply becomes the log again.
            os.replace(self.previous_log_path, self.log_path)
            fsync_dir(self.directory)
            earlier = None
        if not self.log_path.exists():
            if snapshot_generation:
                log.warning("storage: no log next to the snapshot; starting a new one")
            self._install_new_log(snapshot_generation)
            return snapshot, []

        data = self.log_path.read_bytes()
        where = str(self.log_path)
        header = decode_log_header(data, where)
        log_generation = header.generation
        if earlier is not None:
            if log_generation != snapshot_generation + 1:
                raise StorageCorrupted(
                    f"{where} has generation {log_generation}, but the pending "
                    f"{self.previous_log_path.name} expects {snapshot_generation + 1}; refusing to start"
                )
            log.warning(
                "storage: a background snapshot was interrupted; replaying %s and %s",
                self.previous_log_path.name,
                self.log_path.name,
            )
            snapshot_generation = log_generation  # the two logs form one history after the snapshot
            self.needs_compaction = True
        if log_generation < snapshot_generation:
            log.info(
                "storage: log generation %d is already folded into the snapshot; discarding it",
                log_generation,
            )
            self._install_new_log(snapshot_generation)
            return snapshot, []
        if log_generation > snapshot_generation:
            raise StorageCorrupted(
                f"{where} belongs to snapshot generation {log_generation}, but "
                + (
                    f"{self.snapshot_path} has generation {snapshot_generation}"
                    if snapshot is not None
                    else f"{self.snapshot_path} is missing"
                )
                + "; refusing to start rather than serve a partial history"
            )

        scan = scan_frames(data, header, where)
        if header.version != LOG_VERSION:
            self._upgrade_log(header.version, snapshot_generation, scan.records)
            return snapshot, (earlier or []) + scan.records
        fd = os.open(self.log_path, os.O_WRONLY | os.O_APPEND)
        if scan.dropped_bytes:
            log.warning(
                "storage: dropped a torn tail of %d bytes at the end of %s (a write interrupted by a crash; "
                "it was never acknowledged)",
                scan.dropped_bytes,
                where,
            )
            os.ftruncate(fd, scan.valid_end)
            sync_fd(fd)
        self._generation = snapshot_generation
        self._appender = LogAppender(fd, scan.valid_end, header.nonce, scan.next_sequence)
        return snapshot, (earlier or []) + scan.records

    def _upgrade_log(self, version: int, generation: int, records: list[bytes]) -> None:
        """Rewrite a live log of an older format version in the current one (atomically: a crash
        leaves the old file or the new one), so that appends never mix formats."""
        log.warning(
            "storage: rewriting %s (format version %d, %d records) in format version %d",
            self.log_path, version, len(records), LOG_VERSION,
        )  # fmt: skip
        nonce = new_nonce()
        frame = encode_frame_parts(records, nonce, 0) if records else []
        atomic_write(self.log_path, [encode_log_header(generation, nonce), *frame])
        fd = os.open(self.log_path, os.O_WRONLY | os.O_APPEND)
        self._generation = generation
        self._appender = LogAppender(fd, os.fstat(fd).st_size, nonce, 1 if records else 0)

    def _recover_previous_log(self, snapshot_generation: int) -> list[bytes] | None:
        """The records of a ``wal.prev.log`` still to replay, or None (absent, or already in the snapshot)."""
        path = self.previous_log_path
        if not path.exists():
            return None
        data = path.read_bytes()
        header = decode_log_header(data, str(path))
        generation = header.generation
        if generation < snapshot_generation:
            log.info("storage: %s is already folded into the snapshot; deleting it", path.name)
            self._discard_previous_log()
            return None
        if generation != snapshot_generation:
            raise StorageCorrupted(
                f"{path} has generation {generation}, but the snapshot in force has {snapshot_generation}; "
                "refusing to start rather than serve a partial history"
            )
        scan = scan_frames(data, header, str(path))
        if scan.dropped_bytes:  # it was complete and durable when it was renamed
            raise StorageCorrupted(f"{path}: {scan.dropped_bytes} damaged bytes at its end")
        return scan.records

    def _install_new_log(self, generation: int) -> None:
        """Atomically replace the log by an empty one of ``generation`` and open it for appends."""
        nonce = new_nonce()
        atomic_write(self.log_path, [encode_log_header(generation, nonce)])
        fd = os.open(self.log_path, os.O_WRONLY | os.O_APPEND)
        self._generation = generation
        if self._appender is None:
            self._appender = LogAppender(fd, LOG_HEADER_SIZE, nonce, 0)
        else:
            os.close(self._appender.replace_fd(fd, LOG_HEADER_SIZE, nonce, 0))

    def append(self, record: bytes) -> None:
        self._appender_or_fail().append(record)

    def write_snapshot(self, chunks: Iterable[bytes]) -> None:
        appender = self._appender_or_fail()
        with appender.exclusive():
            next_generation = self._generation + 1
            try:
                self._snapshot_bytes = write_snapshot_file(self.snapshot_path, next_generation, chunks)
            except OSError as exc:  # nothing changed on disk: the old snapshot and logs stay in force
                raise StorageWriteFailed(f"could not write a snapshot ({exc})") from exc
            self._snapshot_generation = next_generation
            try:
                self._install_new_log(next_generation)
            except OSError as exc:
                # On disk all is well (the old log is older than the snapshot, so recovery skips it),
                # but appends to the old log would now be skipped too: refuse writes until a new
                # log of the snapshot's generation is in place.
                message = f"could not start a new log after a snapshot ({exc})"
                appender.poison(message, lambda: self._start_log_after_snapshot(next_generation))
                raise StorageWriteFailed(message) from exc
            self._discard_previous_log()
            self.needs_compaction = False
        self._remove_superseded_sidecars()

    def _start_log_after_snapshot(self, generation: int) -> None:
        """The repair after ``write_snapshot`` installed its snapshot but not the new log."""
        self._install_new_log(generation)
        self._discard_previous_log()
        self.needs_compaction = False

    def begin_snapshot(self) -> int | None:
        """Rotate the log for a background snapshot; the generation it must be written with."""
        appender = self._appender_or_fail()
        if self.previous_log_path.exists() or self.needs_compaction:
            return None  # an earlier background snapshot did not finish: compact synchronously
        with appender.exclusive():
            os.replace(self.log_path, self.previous_log_path)
            fsync_dir(self.directory)
            next_generation = self._generation + 1
            try:
                self._install_new_log(next_generation)
            except OSError as exc:
                # No live log: install it before the next write (the snapshot is abandoned; with
                # ``wal.prev.log`` pending, the next compaction is synchronous).
                message = f"could not start a new log for a snapshot ({exc})"
                appender.poison(message, lambda: self._install_new_log(next_generation))
                raise StorageWriteFailed(message) from exc
            return self._generation

    def finish_snapshot(self, generation: int, chunks: Iterable[bytes]) -> None:
        """Write the snapshot begun by ``begin_snapshot`` (appends may run meanwhile), then drop the
        log it compacts. On failure both logs stay, and the next compaction is synchronous."""
        self._appender_or_fail()
        size = write_snapshot_file(self.snapshot_path, generation, chunks)
        self._snapshot_bytes = size
        self._snapshot_generation = generation
        self._discard_previous_log()
        self._remove_superseded_sidecars()

    def _remove_superseded_sidecars(self) -> None:
        try:
            self.sidecars.remove_other_generations(self._snapshot_generation)
        except OSError as exc:  # only disk space is at stake; the next snapshot tries again
            log.warning("storage: could not remove superseded sidecars (%s)", exc)

    def _discard_previous_log(self) -> None:
        if self.previous_log_path.exists():
            self.previous_log_path.unlink()
            fsync_dir(self.directory)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._appender is not None:
            with self._appender.exclusive(even_if_failed=True):
                os.close(self._appender.replace_fd(-1, self._appender.size, b"", 0))
        self._lock.release()

    def _appender_or_fail(self) -> LogAppender:
        if self._closed:
            raise RuntimeError("storage is closed")
        if self._appender is None:
            raise RuntimeError("call recover() before appending or snapshotting")
        return self._appender


def open_storage(data_dir: Path | str | None) -> Storage:
    """In-memory storage for ``None``; otherwise lock ``data_dir`` (created if missing) for this process."""
    if data_dir is None:
        return MemoryStorage()
    return DiskStorage(Path(data_dir))
