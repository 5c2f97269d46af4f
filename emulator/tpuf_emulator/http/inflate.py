"""gzip request bodies: inflate step by step, refuse at the cap, and never hold a bomb's output.

Inflation runs in small steps (``OUT_STEP`` of output from ``IN_STEP`` of input at a time), so the
size cap is checked as the output grows and the input is never copied whole. A body is held in
memory only while it looks like ordinary data: once the output passes ``SUSPECT_BYTES`` at more
than ``SUSPECT_RATIO`` times the compressed bytes read so far, the output is dropped and only
counted. A bomb is then refused (413) at the cap with a few megabytes in memory; a real, very
compressible body that fits the cap is inflated a second time, kept this time. zlib releases the
GIL while it works, so callers run this in a worker thread and the event loop keeps serving.
"""

from __future__ import annotations

import zlib

from ..errors import ApiError, bad_request

OUT_STEP = 1 << 20
IN_STEP = 1 << 16
SUSPECT_BYTES = 16 << 20
# JSON with float vectors compresses 2-4x, repetitive attribute text perhaps 10-50x; zeros ~1000x.
SUSPECT_RATIO = 100


def too_large(limit: int) -> ApiError:
    return ApiError(413, f"request body is larger than the limit of {limit} bytes")


def gunzip(data: bytes, limit: int) -> bytes | bytearray:
    """Decompress every gzip member of ``data``; 413 once the output exceeds ``limit`` bytes.

    A ``bytearray`` (not copied into ``bytes``: orjson and the JSON decoder read either)."""
    out = _inflate(data, limit, thrifty=True)
    if out is None:  # very compressible, yet within the cap: inflate again, keeping the output
        out = _inflate(data, limit, thrifty=False)
        assert out is not None
    return out


def _inflate(data: bytes, limit: int, thrifty: bool) -> bytearray | None:
    """The inflated bytes; None when ``thrifty`` stopped keeping them and they fit the cap after all."""
    out: bytearray | None = bytearray()
    total = 0
    pos = 0  # input handed to zlib so far
    pending = b""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    while True:
        try:
            chunk = inflater.decompress(pending, OUT_STEP)
        except zlib.error as exc:
            raise bad_request(f"request body is not valid gzip: {exc}") from None
        pending = inflater.unconsumed_tail
        total += len(chunk)
        if total > limit:
            raise too_large(limit)
        if out is not None:
            out += chunk
            if thrifty and total > SUSPECT_BYTES and total > SUSPECT_RATIO * (pos - len(pending)):
                out = None  # a bomb, or nearly: count the rest instead of holding it
        if inflater.eof:
            pos -= len(inflater.unused_data)
            if pos >= len(data):
                return out
            inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # the next gzip member
            pending = b""
            continue
        if pending or len(chunk) == OUT_STEP:
            continue
        if pos >= len(data):
            raise bad_request("request body is not valid gzip: truncated stream")
        pending = data[pos : pos + IN_STEP]
        pos += len(pending)
