"""Rows grouped into write batches, bounded by row count and by encoded size."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import orjson

from .header import Row, TransferError

MAX_BATCH_ROWS = 10_000
MAX_BATCH_BYTES = 16 * 1024 * 1024  # far below any server's body limit (the hosted one: 512 MB)


def batches(
    rows: Iterable[Row], where: str, max_rows: int = MAX_BATCH_ROWS, max_bytes: int = MAX_BATCH_BYTES
) -> Iterator[tuple[list[Row], list[bytes]]]:
    """Consecutive batches of rows, each with its rows' JSON; a row larger than ``max_bytes`` is a
    batch of its own (the server then says whether it is too large)."""
    group: list[Row] = []
    encoded: list[bytes] = []
    size = 0
    for row in rows:
        try:
            data = orjson.dumps(row, option=orjson.OPT_SERIALIZE_NUMPY)
        except orjson.JSONEncodeError as exc:
            raise TransferError(f"{where}: row {row.get('id')!r} cannot be written as JSON ({exc})") from None
        if group and (len(group) >= max_rows or size + len(data) > max_bytes):
            yield group, encoded
            group, encoded, size = [], [], 0
        group.append(row)
        encoded.append(data)
        size += len(data) + 1
    if group:
        yield group, encoded
