"""Document IDs (reference 1.7): uint64 integers, UUIDs, or strings of at most 64 bytes; one type per namespace."""

from __future__ import annotations

import uuid
from typing import Any

from .. import serde_errors
from ..errors import bad_request
from ..schema.values import UINT64_MAX, describe_json

MAX_ID_BYTES = 64


def decode_id(value: Any, id_type: str, where: str) -> Any:
    """The internal form of one ID given the namespace's id type (``uint``, ``string`` or ``uuid``).

    A JSON type no id can have (boolean, null, array, object) is the wrong shape (422, serde's words);
    an id of the other kind than the namespace's id type, or out of range, is a 400.
    """
    if value is None or isinstance(value, bool | list | dict):
        raise serde_errors.invalid_type(where, value, "an unsigned integer or a string")
    if isinstance(value, float):  # JSON parsers turn integers beyond 64 bits into floats
        raise bad_request(
            f"{where}: ids must be integers between 0 and 2^64-1 or strings, found number {value!r}"
        )
    if id_type == "uint":
        if isinstance(value, int) and not isinstance(value, bool):
            if not 0 <= value <= UINT64_MAX:
                raise bad_request(f"{where}: integer ids must be between 0 and 2^64-1, got {value}")
            return value
        raise bad_request(
            f"{where}: expected an unsigned integer id (the namespace's id type is uint), "
            f"found {describe_json(value)} {value!r:.60}"
        )
    if not isinstance(value, str):
        raise bad_request(f"{where}: expected a {id_type} id, found {describe_json(value)} {value!r:.60}")
    if id_type == "uuid":
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise bad_request(f"{where}: expected a UUID id, found {value!r:.60}") from None
    if not value:
        raise bad_request(f"{where}: string ids must not be empty")
    if len(value.encode()) > MAX_ID_BYTES:
        raise bad_request(f"{where}: id {value[:20]!r}... is longer than {MAX_ID_BYTES} bytes")
    return value


def sort_key(doc_id: Any) -> tuple[int, Any]:
    """A total order over ids of either kind (integers first), for stable paging."""
    return (0, doc_id) if isinstance(doc_id, int) else (1, doc_id)
