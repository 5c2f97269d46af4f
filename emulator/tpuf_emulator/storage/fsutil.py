"""Small POSIX durability helpers: the exact sequence of fsyncs that makes a file change survive power loss."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

# fdatasync skips metadata that is not needed to read the data back (mtime); file size IS flushed.
_datasync = getattr(os, "fdatasync", os.fsync)


def sync_fd(fd: int) -> None:
    _datasync(fd)


def fsync_dir(directory: Path) -> None:
    """Make a rename/creation/unlink inside ``directory`` durable (the directory entry itself)."""
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes | memoryview) -> None:
    """``os.write`` may write fewer bytes than asked (large buffers, signals): loop until done."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


# The most buffers one writev accepts (1024 on Linux); a longer list is written in slices.
_IOV_MAX = max(16, os.sysconf("SC_IOV_MAX") if "SC_IOV_MAX" in getattr(os, "sysconf_names", {}) else 16)


def writev_all(fd: int, parts: Sequence[bytes | memoryview]) -> int:
    """Write the concatenation of ``parts`` without building it; returns the number of bytes written.

    Why: the write-ahead log appends frames of ~20 MB records; one ``os.writev`` hands the kernel
    the caller's buffers as they are, where joining them first would copy every byte. Like
    ``os.write``, ``os.writev`` may write only part of what it is given: the loop resumes in the
    middle of the first unfinished buffer, ``_IOV_MAX`` buffers per call at most.
    """
    if not hasattr(os, "writev"):
        for part in parts:
            write_all(fd, part)
        return sum(map(len, parts))
    pending = [memoryview(part).cast("B") for part in parts if len(part)]
    total = sum(map(len, pending))
    first = 0
    while first < len(pending):
        written = os.writev(fd, pending[first : first + _IOV_MAX])
        while written and written >= len(pending[first]):
            written -= len(pending[first])
            first += 1
        if written:
            pending[first] = pending[first][written:]
    return total


def atomic_write(path: Path, chunks: Iterable[bytes]) -> None:
    """Replace ``path`` with ``chunks`` so that a crash leaves either the old or the new file, never a mix.

    temp file in the same directory -> write -> fsync -> rename over the target -> fsync the directory.
    ``chunks`` is consumed one piece at a time, so a large file never has to exist in memory. If
    producing or writing a piece fails, the temp file is removed and the target is left untouched.
    """
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for chunk in chunks:
            write_all(fd, chunk)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)
