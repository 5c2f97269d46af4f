"""JSON Lines namespace files: a header line, then one ``upsert_rows`` row per line."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from .header import Header, Row, TransferError, attribute_type, header_from_json
from .values import vector_from_json

_DUMP = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_APPEND_NEWLINE


def _vector_kinds(schema: dict[str, Any]) -> dict[str, str]:
    """attribute -> "dense" | "multi" for the vector attributes, whose base64 becomes numbers."""
    kinds: dict[str, str] = {}
    for name, config in schema.items():
        text = attribute_type(config) or ""
        if text.startswith("[]["):
            kinds[name] = "multi"
        elif text.startswith("[") and not text.startswith("[]"):
            kinds[name] = "dense"
    return kinds


def _readable(row: Row, kinds: dict[str, str]) -> Row:
    """Vectors as number arrays (the shortest text that reads back as the same float32)."""
    for name, kind in kinds.items():
        value = row.get(name)
        if value is None:
            continue
        where = f"row {row.get('id')!r}, attribute {name!r}"
        if kind == "dense":
            row[name] = vector_from_json(value, where)
        elif isinstance(value, list):
            row[name] = [vector_from_json(v, where) for v in value]
    return row


def write_jsonl(path: Path, header: Header, rows: Iterable[Row], advance: Callable[[int], Any]) -> int:
    """Write the file atomically (a temporary file renamed at the end); returns the row count."""
    kinds = _vector_kinds(header.schema)
    partial = path.with_name(f".{path.name}.partial")
    count = 0
    try:
        with partial.open("wb") as out:
            out.write(orjson.dumps(header.to_json(), option=orjson.OPT_APPEND_NEWLINE))
            for row in rows:
                try:
                    out.write(orjson.dumps(_readable(row, kinds), option=_DUMP))
                except (ValueError, TypeError) as exc:  # orjson.JSONEncodeError is a TypeError
                    raise TransferError(f"{path}: {exc}") from None
                count += 1
                advance(1)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return count


class JsonlFile:
    """A JSON Lines namespace file, opened for reading: the header is checked on open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as src:
            first = src.readline()
        if not first.strip():
            raise TransferError(f"{path}: empty file (the first line must be the namespace header)")
        self.header = header_from_json(self._parse(first, 1), f"{path}:1")

    def _parse(self, line: bytes, lineno: int) -> Any:
        try:
            return orjson.loads(line.rstrip(b"\r\n"))
        except orjson.JSONDecodeError as exc:
            raise TransferError(
                f"{self.path}:{lineno}: not valid JSON ({exc.msg} at column {exc.colno})"
            ) from None

    def row_count(self) -> int:
        lines = 0
        with self.path.open("rb") as src:
            for line in src:
                lines += bool(line.strip())
        return max(lines - 1, 0)

    def rows(self) -> Iterator[Row]:
        with self.path.open("rb") as src:
            src.readline()
            for lineno, line in enumerate(src, start=2):
                if not line.strip():
                    continue
                row = self._parse(line, lineno)
                if not isinstance(row, dict) or "id" not in row:
                    raise TransferError(f'{self.path}:{lineno}: a row must be a JSON object with an "id"')
                yield row
