"""Translate a glob pattern (Rust ``globset`` syntax, default options) into an RE2 regular expression.

globset defaults, which turbopuffer's ``Glob`` follows: ``?`` is any one character, ``*`` any run of
characters *including* ``/`` (``literal_separator`` is off), ``**`` the same, ``[abc]``/``[a-z]``
classes with ``[!..]``/``[^..]`` negation (a ``]`` right after the opening bracket is literal),
``{a,b}`` alternatives, and ``\\`` escaping the next character. The whole value must match.
A hand translation is ours to write because Python's ``fnmatch`` has no ``{a,b}`` nor escapes.
The result is matched by RE2 (``linear_regex.py``), in time linear in the value: a backtracking
engine took exponential time on ``*a*a*a*a*a*b`` against a 200-character value.
"""

from __future__ import annotations

from .linear_regex import LinearPattern, PatternError, compile_re2


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
            out.append(_literal(pattern[i + 1]))
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
            out.append(_literal(ch))
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
            members.append(f"{_literal(low)}-{_literal(high)}")
            i += 3
        else:
            members.append(_literal(ch))
            i += 1
        first = False
    if i >= n:
        raise GlobError("unclosed character class: '[' without a matching ']'")
    out.append(("[^" if negated else "[") + "".join(members) + "]")
    return i + 1


def _literal(ch: str) -> str:
    """``ch`` as an RE2 literal, inside or outside a class: ASCII punctuation and controls by code."""
    if ch.isalnum() or ch == "_" or ord(ch) > 0x7F:
        return ch
    return f"\\x{{{ord(ch):X}}}"


def compile_glob(pattern: str, case_insensitive: bool = False) -> LinearPattern:
    """The whole value must match; ``?`` and ``*`` cross newlines as they cross ``/``."""
    regex = glob_to_regex(pattern)
    try:
        return compile_re2(regex, anchored=True, case_insensitive=case_insensitive, dot_matches_newline=True)
    except PatternError as exc:  # e.g. a class range RE2 refuses
        raise GlobError(str(exc)) from None
