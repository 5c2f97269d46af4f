"""An exclusive lock on a data directory, so two emulator processes never write the same log.

``flock`` is released by the kernel when the process dies (even by SIGKILL), so a crash never
leaves a stale lock behind; the pid written into the file is only there to make the error readable.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from .errors import StorageLocked

LOCK_FILE = "LOCK"


class DirectoryLock:
    def __init__(self, directory: Path) -> None:
        self.path = directory / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise StorageLocked(
                f"data directory {self.path.parent} is already in use by another emulator process "
                f"(pid {holder}); stop it or choose another --data-dir"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
