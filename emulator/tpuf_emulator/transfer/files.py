"""Namespace files on disk: the format a path names, reading one, writing one, listing a folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from .header import Header, Row, TransferError
from .jsonl import JsonlFile, write_jsonl

FORMATS = {".jsonl": "jsonl", ".parquet": "parquet"}
SUFFIXES = {fmt: suffix for suffix, fmt in FORMATS.items()}


class NamespaceFile(Protocol):
    path: Path
    header: Header

    def row_count(self) -> int: ...

    def rows(self) -> Iterator[Row]: ...


def format_of(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise TransferError(f"{path}: unknown file type (expected {' or '.join(FORMATS)})")
    return fmt


def open_file(path: Path) -> NamespaceFile:
    """Open a namespace file and check its header; raises ``TransferError`` for anything unreadable."""
    fmt = format_of(path)
    if not path.is_file():
        raise TransferError(f"{path}: no such file")
    try:
        if fmt == "parquet":
            from .parquet import ParquetFile  # pyarrow only when a Parquet file is used

            return ParquetFile(path)
        return JsonlFile(path)
    except OSError as exc:
        raise TransferError(f"{path}: cannot read ({exc.strerror or exc})") from None


def namespace_files(paths: Iterable[Path]) -> list[Path]:
    """Each path as given, or for a folder the ``*.jsonl`` and ``*.parquet`` files in it (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FORMATS)
            if not inside:
                raise TransferError(f"{path}: no .jsonl or .parquet files in this folder")
            found.extend(inside)
        elif path.exists():
            format_of(path)
            found.append(path)
        else:
            raise TransferError(f"{path}: no such file or folder")
    return found


def open_all(paths: Iterable[Path]) -> list[NamespaceFile]:
    """Open every file (checking every header first) and refuse two files for one namespace."""
    opened: list[NamespaceFile] = []
    seen: dict[str, Path] = {}
    for path in namespace_files(paths):
        file = open_file(path)
        other = seen.setdefault(file.header.namespace, path)
        if other != path:
            raise TransferError(f"namespace {file.header.namespace!r} is in two files: {other} and {path}")
        opened.append(file)
    return opened


def write_file(
    path: Path, header: Header, rows: Iterable[Row], advance: Callable[[int], Any] = lambda n: None
) -> int:
    """Write one namespace file in the format its suffix names; returns the number of rows."""
    fmt = format_of(path)
    try:
        if fmt == "parquet":
            from .parquet import write_parquet

            return write_parquet(path, header, rows, advance)
        return write_jsonl(path, header, rows, advance)
    except OSError as exc:
        raise TransferError(f"{path}: cannot write ({exc.strerror or exc})") from None
