"""Compile ``Regex`` and glob patterns for RE2, an engine whose matching time is linear in the text.

turbopuffer's ``Regex`` is Rust's ``regex`` crate, which has no backtracking: a pattern like
``(a+)+$`` costs the same as ``a+$``. Python's ``re`` backtracks, so such a pattern against a
200-character value froze the whole process (its matcher holds the GIL). RE2 (``google-re2``) has
the same guarantees and nearly the same syntax as the Rust crate; the differences handled here:

* Rust's Perl classes are Unicode-aware, RE2's are ASCII. ``\\d``, ``\\w``, ``\\s`` (and ``\\D``,
  ``\\W``, ``\\S`` outside a bracket class) are rewritten to the Unicode classes Rust uses: ``\\d`` is
  ``\\p{Nd}``; ``\\w`` is Alphabetic, marks, decimal digits, connector punctuation and the join
  controls; ``\\s`` is White_Space. ``\\W``/``\\S`` inside a bracket class, and ``\\b``, stay ASCII
  (RE2 cannot express them otherwise).
* What neither engine can do in linear time — back-references, look-around — is rejected by RE2
  at compile time, as by the Rust crate: a 400 naming the pattern, never a backtracking fallback.

Matching returns only whether the pattern occurs (``never_capture``), which is all a filter needs.
"""

from __future__ import annotations

from typing import Any

import re2

# Rust's \w: \p{Alphabetic} + \p{M} + \p{Nd} + \p{Pc} + \p{Join_Control}. RE2 has no Alphabetic
# property; it is \p{L} + \p{Nl} + marks + the enclosed/squared letters listed (checked against
# the ``regex`` module's \p{Alphabetic} over every code point).
_WORD = (
    r"\p{L}\p{Nl}\p{M}\p{Nd}\p{Pc}\x{200C}\x{200D}"
    r"\x{24B6}-\x{24E9}\x{1F130}-\x{1F149}\x{1F150}-\x{1F169}\x{1F170}-\x{1F189}"
)
# Rust's \s: \p{White_Space}.
_SPACE = r"\x{9}-\x{D}\x{20}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}"
_OUTSIDE_CLASS = {
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "w": f"[{_WORD}]",
    "W": f"[^{_WORD}]",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
}
_INSIDE_CLASS = {"d": r"\p{Nd}", "D": r"\P{Nd}", "w": _WORD, "s": _SPACE}


class PatternError(ValueError):
    """The pattern is not valid, or needs a feature with no linear-time matcher."""


class LinearPattern:
    """A compiled pattern; ``matches(text)`` searches anywhere, or the whole text when ``anchored``."""

    __slots__ = ("source", "anchored", "_test")

    def __init__(self, source: str, anchored: bool, regexp: Any) -> None:
        self.source = source
        self.anchored = anchored
        self._test = regexp.fullmatch if anchored else regexp.search

    def matches(self, text: str) -> bool:
        return self._test(text) is not None


def _options(case_insensitive: bool, dot_matches_newline: bool) -> Any:
    options = re2.Options()
    options.log_errors = False  # a bad pattern is the client's 400, not a line on our stderr
    options.never_capture = True
    options.case_sensitive = not case_insensitive
    options.dot_nl = dot_matches_newline
    return options


def compile_re2(
    pattern: str, *, anchored: bool, case_insensitive: bool = False, dot_matches_newline: bool = False
) -> LinearPattern:
    """Compile RE2 syntax as is (globs are translated to it by ``glob.py``)."""
    try:
        regexp = re2.compile(pattern, _options(case_insensitive, dot_matches_newline))
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(str(reason)) from None
    return LinearPattern(pattern, anchored, regexp)


def compile_regex(pattern: str) -> LinearPattern:
    """A ``Regex`` filter's pattern (Rust ``regex`` dialect): unanchored search, Unicode classes."""
    return compile_re2(rust_to_re2(pattern), anchored=False)


def rust_to_re2(pattern: str) -> str:
    """Rewrite the Perl classes of a Rust-dialect pattern to their Unicode meaning in RE2 syntax."""
    out: list[str] = []
    in_class = False
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            escaped = pattern[i + 1]
            table = _INSIDE_CLASS if in_class else _OUTSIDE_CLASS
            out.append(table.get(escaped, ch + escaped))
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(ch)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":  # a ']' first in the class is a member
                out.append("]")
                i += 1
            continue
        if ch == "[" and in_class and pattern.startswith("[:", i):  # [[:alpha:]]
            end = pattern.find(":]", i + 2)
            if end != -1:
                out.append(pattern[i : end + 2])
                i = end + 2
                continue
        if ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)
