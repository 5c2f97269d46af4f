"""Request decoding: size cap (413), gzip ``Content-Encoding``, JSON parsing (400) and top-level shape (422, serde's words)."""

from __future__ import annotations

import json
import re
import zlib
from typing import Any

import orjson
from starlette.requests import Request

from .. import serde_errors
from ..errors import ApiError, bad_request

_SUPPORTED_ENCODINGS = ("gzip", "x-gzip", "identity", "")


def _too_large(limit: int) -> ApiError:
    return ApiError(413, f"request body is larger than the limit of {limit} bytes")


async def read_raw_body(request: Request, limit: int) -> bytes:
    """The request body after decompression, never more than ``limit`` bytes (else 413)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    raw = b"".join(chunks)
    encoding = request.headers.get("content-encoding", "").strip().lower()
    if encoding not in _SUPPORTED_ENCODINGS:
        raise bad_request(f"unsupported Content-Encoding {encoding!r}; send gzip or an uncompressed body")
    if encoding in ("gzip", "x-gzip") and raw:
        raw = _gunzip(raw, limit)
    return raw


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress every gzip member, stopping at ``limit`` bytes so a gzip bomb cannot exhaust memory."""
    out = bytearray()
    while data:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(data, limit + 1 - len(out))
        except zlib.error as exc:
            raise bad_request(f"request body is not valid gzip: {exc}") from None
        if len(out) > limit:
            raise _too_large(limit)
        if inflater.unconsumed_tail:
            raise _too_large(limit)
        if not inflater.eof:
            raise bad_request("request body is not valid gzip: truncated stream")
        data = inflater.unused_data
    return bytes(out)


def parse_json(raw: bytes) -> Any:
    if not raw.strip():
        raise bad_request("request body is empty; expected a JSON object")
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise bad_request(f"request body is not valid JSON: {exc}") from None
    _check_structure(raw, value)
    return value


# Bodies nest a few levels (rows, arrays, multi-vectors) and filters/expressions a few more; a
# bound here keeps every recursive parser far from Python's recursion limit (400, never a 500).
MAX_JSON_DEPTH = 128
_KEY_END = re.compile(rb'"[ \t\n\r]*:')


def _check_structure(raw: bytes, value: Any) -> None:
    """400 for nesting deeper than MAX_JSON_DEPTH and for duplicate object keys (orjson keeps the last).

    Cheap in the common case: one walk over the containers counts the keys orjson kept. Every key
    written in the raw text is followed by its own colon, so ``colons >= keys written >= keys kept``;
    when the raw text has no more colons than keys kept, no key was dropped, i.e. none repeats.
    Only when colons also occur inside strings (timestamps, URLs) does a regex count the key
    terminators, and only when that differs too (a duplicate, or a quote-colon inside a string)
    does the exact but slower stdlib pass run to find the key.
    """
    keys, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise bad_request(
                f"request body is nested too deeply: more than {MAX_JSON_DEPTH} levels of arrays/objects"
            )
        if type(node) is dict:
            keys += len(node)
            children: Any = node.values()
        elif type(node) is list:
            children = node
        else:
            continue
        kinds = set(map(type, children))
        if list in kinds or dict in kinds:
            stack.extend((child, depth + 1) for child in children if type(child) in (list, dict))
    if _count_up_to(raw, b":", keys + 1) <= keys:
        return
    if len(_KEY_END.findall(raw)) != keys:
        json.loads(raw, object_pairs_hook=_reject_duplicate_keys)


def _count_up_to(raw: bytes, byte: bytes, limit: int) -> int:
    """Occurrences of ``byte`` in ``raw``, counting no further than ``limit``.

    Why a ``find`` loop: single-byte ``find`` is memchr (SIMD), so skipping 20 MB of base64 vectors
    between the few colons of an ``upsert_columns`` body takes ~0.7 ms, where the key regex takes
    ~11 ms and ``bytes.count`` ~12 ms (Python 3.11 counts byte by byte).
    """
    count, pos = 0, raw.find(byte)
    while pos >= 0 and count < limit:
        count += 1
        pos = raw.find(byte, pos + 1)
    return count


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> None:
    if len({key for key, _ in pairs}) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise bad_request(f"request body: duplicate key {key!r} in a JSON object")
            seen.add(key)


async def read_json_object(request: Request, limit: int) -> dict[str, Any]:
    """Read, decompress and parse a body that must be a JSON object."""
    value = parse_json(await read_raw_body(request, limit))
    if not isinstance(value, dict):
        raise serde_errors.invalid_type("", value, serde_errors.MAP)
    return value
