"""Parquet namespace files: one column per attribute, the header in the key-value metadata.

This is the only module that imports pyarrow (~180 ms); ``files.py`` imports it only when a
Parquet file is read or written, so neither the server's start-up nor JSON Lines work pays for it.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from .header import Header, Row, TransferError, attribute_type, header_from_json
from .values import datetime_text, datetime_to_ms, vector_from_json, vector_to_base64

ROW_GROUP_ROWS = 2_000
META_PREFIX = "turbopuffer."

_SCALARS: dict[str, Callable[[], Any]] = {
    "string": pa.string,
    "int": pa.int64,
    "uint": pa.uint64,
    "float": pa.float64,
    "bool": pa.bool_,
    "datetime": lambda: pa.timestamp("ms", tz="UTC"),
    "uuid": pa.string,
    "bytes": pa.binary,
}


def arrow_type(text: str) -> Any:
    """The Arrow type that holds one turbopuffer attribute type."""
    if text in _SCALARS:
        return _SCALARS[text]()
    if text.startswith("[]["):
        dims = int(text[3 : text.index("]", 3)])
        return pa.list_(pa.list_(pa.float32(), dims))
    if text.startswith("[]") and text[2:] in _SCALARS:
        return pa.list_(_SCALARS[text[2:]]())
    if text.startswith("["):
        return pa.list_(pa.float32(), int(text[1 : text.index("]")]))
    if text == "{}f16":
        return pa.map_(pa.string(), pa.float32())
    raise TransferError(f"attribute type {text!r} has no Parquet form")


def _cell(text: str | None, value: Any, where: str) -> Any:
    """One JSON value as the Python value pyarrow builds the column's type from."""
    if value is None or text is None:
        return value
    if text == "datetime":
        return datetime_to_ms(value, where)
    if text == "[]datetime":
        return [datetime_to_ms(v, where) for v in value]
    if text == "bytes":
        return base64.b64decode(value)
    if text.startswith("[]["):
        return [vector_from_json(v, where).tolist() for v in value]
    if text.startswith("[") and not text.startswith("[]"):
        return vector_from_json(value, where)
    if text == "{}f16":
        return list(value.items())
    return value


def _column(name: str, text: str | None, values: list[Any], kind: Any) -> Any:
    try:
        if pa.types.is_fixed_size_list(kind) and values and all(v is not None for v in values):
            flat = np.concatenate(values).astype(np.float32, copy=False)
            return pa.FixedSizeListArray.from_arrays(pa.array(flat), kind.list_size)
        if pa.types.is_fixed_size_list(kind):
            values = [None if v is None else v.tolist() for v in values]
        return pa.array(values, type=kind)
    except (pa.ArrowException, TypeError, ValueError, OverflowError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TransferError(f"attribute {name!r} ({text or 'untyped'}): {first}") from None


class _Layout:
    """Column names, their turbopuffer types and Arrow types, fixed by the schema and first rows."""

    def __init__(self, header: Header, first_rows: list[Row]) -> None:
        types = {name: attribute_type(config) for name, config in header.schema.items()}
        if "id" not in types or types["id"] is None:
            first_id = first_rows[0]["id"] if first_rows else 0
            types["id"] = "string" if isinstance(first_id, str) else "uint"
        extra = [n for row in first_rows for n in row if n not in types and not n.startswith("$")]
        names = ["id", *(n for n in types if n != "id"), *dict.fromkeys(extra)]
        self.types = {name: types.get(name) for name in names}
        self.arrow = {name: arrow_type(text) if text else None for name, text in self.types.items()}

    def table(self, rows: list[Row], schema: Any) -> Any:
        columns = []
        for name, text in self.types.items():
            values = [
                _cell(text, row.get(name), f"row {row.get('id')!r}, attribute {name!r}") for row in rows
            ]
            columns.append(_column(name, text, values, schema.field(name).type))
        return pa.Table.from_arrays(columns, schema=schema)

    def arrow_schema(self, header: Header, rows: list[Row]) -> Any:
        fields = []
        for name, kind in self.arrow.items():
            if kind is None:  # an attribute the schema does not declare: Arrow infers its type
                kind = pa.array([row.get(name) for row in rows]).type
            fields.append(pa.field(name, kind, nullable=name != "id"))
        meta = {
            f"{META_PREFIX}version": "1",
            f"{META_PREFIX}namespace": header.namespace,
            f"{META_PREFIX}distance_metric": header.distance_metric or "",
            f"{META_PREFIX}schema": orjson.dumps(header.schema).decode(),
        }
        return pa.schema(fields, metadata=meta)


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write_parquet(path: Path, header: Header, rows: Iterable[Row], advance: Callable[[int], Any]) -> int:
    """Write the file atomically (a temporary file renamed at the end); returns the row count."""
    partial = path.with_name(f".{path.name}.partial")
    count = 0
    writer: Any = None
    try:
        chunks = _chunks(rows, ROW_GROUP_ROWS)
        first = next(chunks, [])
        layout = _Layout(header, first)
        schema = layout.arrow_schema(header, first)
        writer = pq.ParquetWriter(partial, schema)
        for chunk in _prepend(first, chunks) if first else ():
            writer.write_table(layout.table(chunk, schema), row_group_size=ROW_GROUP_ROWS)
            count += len(chunk)
            advance(len(chunk))
        if count == 0:
            writer.write_table(schema.empty_table())
        writer.close()
        writer = None
        os.replace(partial, path)
    finally:
        if writer is not None:
            writer.close()
        partial.unlink(missing_ok=True)
    return count


def _prepend(first: list[Row], rest: Iterator[list[Row]]) -> Iterator[list[Row]]:
    yield first
    yield from rest


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return datetime_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def _json_column(column: Any) -> list[Any]:
    """One Arrow column as the JSON values of ``upsert_rows`` (dense vectors as base64)."""
    kind = column.type
    if (
        pa.types.is_fixed_size_list(kind)
        and column.null_count == 0
        and (pa.types.is_floating(kind.value_type) or pa.types.is_integer(kind.value_type))
    ):
        matrix = column.flatten().to_numpy(zero_copy_only=False).reshape(len(column), kind.list_size)
        return [vector_to_base64(vector) for vector in matrix]
    values = column.to_pylist()
    if pa.types.is_map(kind):
        return [None if v is None else dict(v) for v in values]
    return [_json_value(v) for v in values]


class ParquetFile:
    """A Parquet namespace file, opened for reading: the header is checked on open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._file = pq.ParquetFile(path)
        except (pa.ArrowException, OSError) as exc:
            raise TransferError(f"{path}: not a readable Parquet file ({_first_line(exc)})") from None
        meta = {k.decode(): v.decode() for k, v in (self._file.schema_arrow.metadata or {}).items()}
        if f"{META_PREFIX}namespace" not in meta:
            raise TransferError(
                f"{path}: no turbopuffer.namespace in the file's key-value metadata "
                "(write it with `tpuf-emulator export`, or add turbopuffer.namespace/schema/distance_metric)"
            )
        try:
            schema = orjson.loads(meta.get(f"{META_PREFIX}schema", "{}"))
        except orjson.JSONDecodeError:
            raise TransferError(f"{path}: the turbopuffer.schema metadata is not JSON") from None
        version = meta.get(f"{META_PREFIX}version", "1")
        fields = {
            "version": int(version) if version.isdigit() else version,
            "namespace": meta[f"{META_PREFIX}namespace"],
            "schema": schema,
            "distance_metric": meta.get(f"{META_PREFIX}distance_metric") or None,
        }
        self.header = header_from_json(fields, f"{path} (metadata)")
        if "id" not in self._file.schema_arrow.names:
            raise TransferError(f"{path}: no id column")

    def row_count(self) -> int:
        return int(self._file.metadata.num_rows)

    def rows(self) -> Iterator[Row]:
        try:
            for batch in self._file.iter_batches(batch_size=ROW_GROUP_ROWS):
                columns = [(name, _json_column(batch.column(i))) for i, name in enumerate(batch.schema.names)]
                for i in range(batch.num_rows):
                    row = {name: values[i] for name, values in columns if values[i] is not None}
                    if "id" not in row:
                        raise TransferError(f"{self.path}: a row has a null id")
                    yield row
        except pa.ArrowException as exc:
            raise TransferError(f"{self.path}: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
