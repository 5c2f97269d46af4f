"""Request decoding: size cap (413), gzip ``Content-Encoding``, JSON parsing (400) and top-level shape (422, serde's words).

Only reading the body happens on the event loop. Inflating and parsing a body larger than
``INLINE_BYTES`` (or any gzip body) happen in a worker thread, at most ``DECODERS`` at a time, and
large JSON is parsed in pieces (``json_pieces.py``) because orjson holds the GIL while it parses:
so a big or hostile body costs its own request time, never another request's.
"""

from __future__ import annotations

import json
import re
import threading
from typing import Any

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from .. import serde_errors
from ..errors import ApiError, bad_request
from .inflate import gunzip as _gunzip
from .inflate import too_large as _too_large
from .json_pieces import PIECE_BYTES, NotJson, PieceParser

_SUPPORTED_ENCODINGS = ("gzip", "x-gzip", "identity", "")
# Bodies up to this size are parsed on the event loop (well under a millisecond); larger ones and
# every gzip body (whose inflated size is unknown) are decoded in a worker thread.
INLINE_BYTES = 256 * 1024
# Concurrent worker-thread decodes: each holds up to a body's worth of memory and competes for the
# GIL with the event loop, so a burst of huge bodies queues here instead of starving everyone.
DECODERS = 2
_decoder_slots = threading.BoundedSemaphore(DECODERS)


async def read_raw_body(request: Request, limit: int) -> bytes | bytearray:
    """The request body after decompression, never more than ``limit`` bytes (else 413)."""
    raw, encoding = await _read_compressed(request, limit)
    if encoding in ("gzip", "x-gzip") and raw:
        return await run_in_threadpool(_in_decoder_slot, _gunzip, raw, limit)
    return raw


async def _read_compressed(request: Request, limit: int) -> tuple[bytes, str]:
    """The body as sent (413 above ``limit``) and its checked ``Content-Encoding``."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    encoding = request.headers.get("content-encoding", "").strip().lower()
    if encoding not in _SUPPORTED_ENCODINGS:
        raise bad_request(f"unsupported Content-Encoding {encoding!r}; send gzip or an uncompressed body")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks), encoding


def _in_decoder_slot(function: Any, *args: Any) -> Any:
    with _decoder_slots:
        return function(*args)


def parse_json(raw: bytes | bytearray, piece_bytes: int = PIECE_BYTES) -> Any:
    """The JSON value of ``raw`` (400 when it is not JSON, nests too deep or repeats a key).

    Bodies larger than ``piece_bytes`` are parsed in pieces: same value, but no single step
    holds the GIL for long (run it in a worker thread for that to help).
    """
    if not raw or raw.isspace():
        raise bad_request("request body is empty; expected a JSON object")
    if len(raw) > piece_bytes:
        parser = PieceParser(raw, _check_structure, _duplicate_key, _too_deep, MAX_JSON_DEPTH, piece_bytes)
        try:
            return parser.parse()
        except NotJson as exc:
            raise bad_request(f"request body is not valid JSON: {exc}") from None
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


def _too_deep() -> ApiError:
    return bad_request(
        f"request body is nested too deeply: more than {MAX_JSON_DEPTH} levels of arrays/objects"
    )


def _duplicate_key(key: str) -> ApiError:
    return bad_request(f"request body: duplicate key {key!r} in a JSON object")


def _check_structure(raw: bytes | bytearray, value: Any, depth: int = 1) -> None:
    """400 for nesting deeper than MAX_JSON_DEPTH and for duplicate object keys (orjson keeps the last).

    Cheap in the common case: one walk over the containers counts the keys orjson kept. Every key
    written in the raw text is followed by its own colon, so ``colons >= keys written >= keys kept``;
    when the raw text has no more colons than keys kept, no key was dropped, i.e. none repeats.
    Only when colons also occur inside strings (timestamps, URLs) does a regex count the key
    terminators, and only when that differs too (a duplicate, or a quote-colon inside a string)
    does the exact but slower stdlib pass run to find the key.
    """
    keys, stack = 0, [(value, depth)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise _too_deep()
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


def _count_up_to(raw: bytes | bytearray, byte: bytes, limit: int) -> int:
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
                raise _duplicate_key(key)
            seen.add(key)


async def read_json_object(request: Request, limit: int) -> dict[str, Any]:
    """Read, decompress and parse a body that must be a JSON object (big ones off the event loop)."""
    raw, encoding = await _read_compressed(request, limit)
    if encoding in ("gzip", "x-gzip") and raw:
        value = await run_in_threadpool(_in_decoder_slot, _gunzip_and_parse, raw, limit)
    elif len(raw) > INLINE_BYTES:
        value = await run_in_threadpool(_in_decoder_slot, parse_json, raw)
    else:
        value = parse_json(raw)
    if not isinstance(value, dict):
        raise serde_errors.invalid_type("", value, serde_errors.MAP)
    return value


def _gunzip_and_parse(raw: bytes, limit: int) -> Any:
    return parse_json(_gunzip(raw, limit))
