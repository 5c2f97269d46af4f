"""Parse a large JSON object in pieces of about a megabyte, so no single step holds the GIL for long.

Why: orjson does not release the GIL, and a 100 MB body of float vectors takes it ~1-2 s to parse.
Run in one call, even from a worker thread, that parse stops every other request of every
organisation for as long. Here the top-level object (and any object inside it) is walked in
Python, member by member, and every array is cut into runs of elements of about ``piece_bytes``,
each parsed by one ``orjson.loads`` call; between calls the worker thread lets the event loop run.

Where one run of elements ends is not known without scanning, so the cut is a guess checked by
the parse itself: from a true element start, a text that parses as a complete JSON sequence
``[<text>]`` can only end outside every string and at the array's own depth (JSON's lexer is
deterministic), so a guess that parses is exact and one that does not is retried closer to the
start. When no guess parses (an element larger than a piece, or elements whose text looks like a
separator), one element is parsed exactly by the same walk and the guessing resumes after it. So
every valid body parses to exactly what ``orjson.loads`` gives; an invalid one raises
``NotJson`` with the offset where it stopped making sense, without a whole-body parse.

``check_piece(raw, value, depth)`` applies the decoder's depth and duplicate-key rules to each
parsed piece (``depth``: the nesting level of the piece's outermost value); the walk applies them
itself to the objects and arrays it walks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import orjson

PIECE_BYTES = 256 * 1024

CheckPiece = Callable[[bytes, Any, int], None]
DuplicateKey = Callable[[str], Exception]
TooDeep = Callable[[], Exception]


class NotJson(Exception):
    """The body is not valid JSON; ``offset`` is about where that became clear."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"not valid JSON near byte {offset}")
        self.offset = offset


_WS = re.compile(rb"[ \t\n\r]*")
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_SCALAR = re.compile(rb"[^,\]} \t\n\r]+")
# Where a run of elements may end: after an element's closing character (by the first element's
# kind), optional whitespace, then ',' (more follow) or ']' (the array ends).
_ELEMENT_END = {
    ord("{"): re.compile(rb"\}[ \t\n\r]*[,\]]"),
    ord("["): re.compile(rb"\][ \t\n\r]*[,\]]"),
    ord('"'): re.compile(rb'"[ \t\n\r]*[,\]]'),
}
_SCALAR_END = re.compile(rb"[,\]]")
# Guesses per run: start about piece_bytes in, then a quarter as far, ... down to the start; at
# each distance try a few successive candidates (the first may sit inside a nested element). No
# guess longer than two pieces is parsed, so no single orjson call holds the GIL for long.
_CANDIDATES_PER_DISTANCE = 3


class PieceParser:
    def __init__(
        self,
        raw: bytes | bytearray,
        check_piece: CheckPiece,
        duplicate_key: DuplicateKey,
        too_deep: TooDeep,
        max_depth: int,
        piece_bytes: int = PIECE_BYTES,
    ) -> None:
        self.raw = raw
        self.check_piece = check_piece
        self.duplicate_key = duplicate_key
        self.too_deep = too_deep
        self.max_depth = max_depth
        self.piece_bytes = max(1, piece_bytes)

    def parse(self) -> Any:
        value, end = self._value(self._skip_ws(0), 1)
        end = self._skip_ws(end)
        if end != len(self.raw):
            raise NotJson(end)
        return value

    def _skip_ws(self, pos: int) -> int:
        match = _WS.match(self.raw, pos)
        assert match is not None  # the pattern matches the empty string
        return match.end()

    def _value(self, pos: int, depth: int) -> tuple[Any, int]:
        head = self.raw[pos : pos + 1]
        if head == b"{":
            return self._object(pos, depth)
        if head == b"[":
            return self._array(pos, depth)
        match = (_STRING if head == b'"' else _SCALAR).match(self.raw, pos)
        if match is None:
            raise NotJson(pos)
        return _loads(match.group(), pos), match.end()

    def _object(self, pos: int, depth: int) -> tuple[dict[str, Any], int]:
        if depth > self.max_depth:
            raise self.too_deep()
        result: dict[str, Any] = {}
        pos = self._skip_ws(pos + 1)
        if self.raw[pos : pos + 1] == b"}":
            return result, pos + 1
        while True:
            match = _STRING.match(self.raw, pos)
            if match is None:
                raise NotJson(pos)
            key = _loads(match.group(), pos)
            if key in result:
                raise self.duplicate_key(key)
            pos = self._skip_ws(match.end())
            if self.raw[pos : pos + 1] != b":":
                raise NotJson(pos)
            result[key], pos = self._value(self._skip_ws(pos + 1), depth + 1)
            pos = self._skip_ws(pos)
            head = self.raw[pos : pos + 1]
            if head == b"}":
                return result, pos + 1
            if head != b",":
                raise NotJson(pos)
            pos = self._skip_ws(pos + 1)

    def _array(self, pos: int, depth: int) -> tuple[list[Any], int]:
        if depth > self.max_depth:
            raise self.too_deep()
        items: list[Any] = []
        start = self._skip_ws(pos + 1)
        if self.raw[start : start + 1] == b"]":
            return items, start + 1
        reach = self.piece_bytes
        while True:
            sep, reach = self._run_of_elements(start, depth, items, reach)
            if self.raw[sep] == ord("]"):
                return items, sep + 1
            start = self._skip_ws(sep + 1)

    def _run_of_elements(self, start: int, depth: int, items: list[Any], reach: int) -> tuple[int, int]:
        """Append the elements from ``start`` up to a separator guessed ``reach`` bytes on or closer.

        Returns the separator's position and the reach for the next run: a guess that parsed lets
        the next one go further (up to a piece), a failed one starts the next close to its start,
        so an array whose guesses keep failing costs little more than walking it.
        """
        if start >= len(self.raw):
            raise NotJson(start)
        ends = _ELEMENT_END.get(self.raw[start], _SCALAR_END)
        limit = start + 2 * self.piece_bytes
        distance = reach
        while True:
            pos = start + distance
            for _ in range(_CANDIDATES_PER_DISTANCE):
                match = ends.search(self.raw, pos, limit + 64)
                if match is None or match.end() - 1 > limit:
                    break  # keep every parse step short; a huge element is walked below
                sep = match.end() - 1
                text = b"".join((b"[", self.raw[start:sep], b"]"))
                try:
                    piece = orjson.loads(text)
                except orjson.JSONDecodeError:
                    pos = match.end()
                    continue
                self.check_piece(text, piece, depth)
                items.extend(piece)
                return sep, min(self.piece_bytes, max(64, 4 * distance))
            if distance == 0:
                break
            distance //= 4
        # No guess parsed: take exactly one element, then expect its separator.
        value, end = self._value(start, depth + 1)
        items.append(value)
        sep = self._skip_ws(end)
        if self.raw[sep : sep + 1] not in (b",", b"]"):
            raise NotJson(sep)
        return sep, 0


def _loads(text: bytes, offset: int) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        raise NotJson(offset) from None
