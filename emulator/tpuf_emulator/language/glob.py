"""Translate a glob pattern (Rust ``globset`` syntax, default options) into a Python regular expression.

globset defaults, which turbopuffer's ``Glob`` follows: ``?`` is any one character, ``*`` any run of
characters *including* ``/`` (``literal_separator`` is off), ``**`` the same, ``[abc]``/``[a-z]``
classes with ``[!..]``/``[^..]`` negation (a ``]`` right after the opening bracket is literal),
``{a,b}`` alternatives, and ``\\`` escaping the next character. The whole value must match.
A hand translation is ours to write because Python's ``fnmatch`` has no ``{a,b}`` nor escapes.
"""

from __future__ import annotations

import re


class GlobError(ValueError):
    pass


def glob_to_regex(pattern: str) -> str:
    out: list[str] = []
    depth = 0  # nesting of {..} alternatives
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            if i + 1 >= n:
                raise GlobError("dangling escape '\\' at the end of the pattern")
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if ch == "*":
            while i < n and pattern[i] == "*":
                i += 1
            out.append(".*")
            continue
        if ch == "?":
            out.append(".")
        elif ch == "[":
            i = _char_class(pattern, i, out)
            continue
        elif ch == "{":
            depth += 1
            out.append("(?:")
        elif ch == "}" and depth:
            depth -= 1
            out.append(")")
        elif ch == "," and depth:
            out.append("|")
        else:
            out.append(re.escape(ch))
        i += 1
    if depth:
        raise GlobError("unclosed alternate group: '{' without a matching '}'")
    return "".join(out)


def _char_class(pattern: str, start: int, out: list[str]) -> int:
    """Translate ``[...]`` starting at ``start``; returns the index after the closing bracket."""
    i, n = start + 1, len(pattern)
    negated = i < n and pattern[i] in "!^"
    if negated:
        i += 1
    members: list[str] = []
    first = True
    while i < n and (pattern[i] != "]" or first):
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            i += 1
            ch = pattern[i]
        if i + 2 < n and pattern[i + 1] == "-" and pattern[i + 2] != "]":
            low, high = ch, pattern[i + 2]
            if low > high:
                raise GlobError(f"invalid range {low}-{high} in character class")
            members.append(f"{re.escape(low)}-{re.escape(high)}")
            i += 3
        else:
            members.append(re.escape(ch))
            i += 1
        first = False
    if i >= n:
        raise GlobError("unclosed character class: '[' without a matching ']'")
    out.append(("[^" if negated else "[") + "".join(members) + "]")
    return i + 1


def compile_glob(pattern: str, case_insensitive: bool = False) -> re.Pattern[str]:
    flags = re.DOTALL | (re.IGNORECASE if case_insensitive else 0)
    return re.compile(glob_to_regex(pattern), flags)
