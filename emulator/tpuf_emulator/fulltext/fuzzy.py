"""The ``Fuzzy`` filter (reference §5.1): fuzzy *substring* match with Levenshtein distance.

``[attr, "Fuzzy", query, {"max_edit_distance": [{"min_query_chars": m, "distance": d}, ...],
"case_sensitive": bool}]`` matches a ``string`` value (or any element of a ``[]string``) that contains
a substring within ``d`` insertions/deletions/substitutions of ``query``.

The distance that applies is the one of the last threshold whose ``min_query_chars`` is at most the
query's length in characters; a query shorter than every threshold matches nothing. Thresholds must
be ascending, ``distance`` is 0, 1 or 2 and ``min_query_chars >= 3 * (distance + 1)``.
``case_sensitive`` defaults to true; when false, case differences cost nothing (both sides are
lower-cased). A diacritic difference is an ordinary substitution either way.

The approximate substring search is Myers' bit-parallel algorithm (``approximate.py``), linear in
the value's length whatever the input, counting exactly Levenshtein's three edit kinds; tests
cross-check it against a dynamic-programming implementation. The query is limited to
``MAX_FUZZY_QUERY_LENGTH`` characters, the full-text query limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import serde_errors
from ..errors import ApiError
from .approximate import ApproximateSearch

MAX_DISTANCE = 2
MAX_FUZZY_QUERY_LENGTH = 8192  # as for full-text queries (language/filters.py)


@dataclass(frozen=True)
class FuzzyFilter:
    """A compiled Fuzzy filter; ``search`` is ``None`` when the query is too short to match."""

    query: str
    distance: int | None
    case_sensitive: bool
    search: ApproximateSearch | None

    def matches_text(self, text: str) -> bool:
        if self.search is None:
            return False
        return self.search.found_in(text if self.case_sensitive else text.lower())

    def matches_value(self, value: Any) -> bool:
        """Whether a ``str`` / ``list[str]`` value matches (``None`` never does)."""
        if isinstance(value, str):
            return self.matches_text(value)
        if isinstance(value, list):
            return any(isinstance(v, str) and self.matches_text(v) for v in value)
        return False


def _thresholds(params: dict[str, Any], where: str) -> list[tuple[int, int]]:
    if "max_edit_distance" not in params:
        raise serde_errors.missing_field(where, "max_edit_distance")
    entries = params["max_edit_distance"]
    if not isinstance(entries, list):
        raise serde_errors.invalid_type(f"{where}.max_edit_distance", entries, serde_errors.SEQUENCE)
    if not entries:
        raise ApiError(400, f"{where}.max_edit_distance: expected a non-empty array of thresholds")
    out: list[tuple[int, int]] = []
    for i, entry in enumerate(entries):
        at = f"{where}.max_edit_distance[{i}]"
        if not isinstance(entry, dict):
            raise serde_errors.invalid_type(at, entry, serde_errors.struct("FuzzyMaxEditDistance"))
        serde_errors.reject_unknown_fields(entry, ("min_query_chars", "distance"), at)
        values = []
        for name in ("min_query_chars", "distance"):
            if name not in entry:
                raise serde_errors.missing_field(at, name)
            value = entry[name]
            if isinstance(value, float) and value.is_integer():  # JSON Schema's integer includes 3.0
                value = int(value)
            if isinstance(value, bool) or not isinstance(value, int):
                raise serde_errors.invalid_type(f"{at}.{name}", value, serde_errors.UNSIGNED)
            values.append(value)
        min_chars, distance = values
        if not 0 <= distance <= MAX_DISTANCE:
            raise ApiError(400, f"{at}.distance: must be 0, 1 or 2, got {distance}")
        if min_chars < 3 * (distance + 1):
            raise ApiError(
                400,
                f"{at}.min_query_chars: must be at least 3 * (distance + 1) = {3 * (distance + 1)} "
                f"for distance {distance}, got {min_chars}",
            )
        if out and min_chars <= out[-1][0]:
            raise ApiError(
                400, f"{at}.min_query_chars: thresholds must be in ascending order of min_query_chars"
            )
        out.append((min_chars, distance))
    return out


def compile_fuzzy(query: Any, params: Any, *, where: str = "Fuzzy") -> FuzzyFilter:
    """Validate ``[attr, "Fuzzy", query, params]``'s operands; ApiError 400/422 naming the problem."""
    if not isinstance(query, str):
        raise serde_errors.invalid_type(where, query, serde_errors.STRING)
    if len(query) > MAX_FUZZY_QUERY_LENGTH:
        raise ApiError(
            400, f"{where}: Fuzzy query is {len(query)} characters long (max {MAX_FUZZY_QUERY_LENGTH})"
        )
    if not isinstance(params, dict):
        raise serde_errors.invalid_type(where, params, serde_errors.struct("FuzzyParams"))
    serde_errors.reject_unknown_fields(params, ("max_edit_distance", "case_sensitive"), where)
    case_sensitive = params.get("case_sensitive", True)
    if not isinstance(case_sensitive, bool):
        raise serde_errors.invalid_type(f"{where}.case_sensitive", case_sensitive, serde_errors.BOOLEAN)
    distance: int | None = None
    for min_chars, d in _thresholds(params, where):
        if len(query) >= min_chars:
            distance = d
    needle = query if case_sensitive else query.lower()
    search = ApproximateSearch(needle, distance) if distance is not None and needle else None
    return FuzzyFilter(query, distance, case_sensitive, search)
