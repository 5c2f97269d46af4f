"""The Fuzzy filter: thresholds, case sensitivity, substring Levenshtein (reference §5.1)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tpuf_emulator.errors import ApiError
from tpuf_emulator.fulltext import compile_fuzzy

THRESHOLDS = {"max_edit_distance": [{"min_query_chars": 3, "distance": 0}, {"min_query_chars": 6, "distance": 1},
                                    {"min_query_chars": 9, "distance": 2}]}  # fmt: skip


def substring_levenshtein(needle: str, haystack: str) -> int:
    """Sellers' algorithm: min edit distance between needle and any substring of haystack."""
    previous = list(range(len(needle) + 1))
    best = previous[-1]
    for char in haystack:
        current = [0]
        for i, n in enumerate(needle, 1):
            current.append(min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + (n != char)))
        best = min(best, current[-1])
        previous = current
    return best


def fuzzy(query: str, **extra):
    return compile_fuzzy(query, {**THRESHOLDS, **extra})


@pytest.mark.parity("Filter.Fuzzy")
def test_the_threshold_for_the_query_length_applies() -> None:
    assert fuzzy("ab").matches_value("ab") is False  # shorter than every threshold
    assert fuzzy("cat").matches_value("a cat sat") and not fuzzy("cat").matches_value("a cot")
    assert fuzzy("pufferfish").matches_value("blowfish and puferfsh")  # 2 edits, 10 chars
    assert fuzzy("puffer").matches_value("a pufer here")  # 1 edit, 6 chars
    assert not fuzzy("puffer").matches_value("a pfer here")  # 2 edits, only 1 allowed


def test_substring_match_inside_longer_text_and_arrays() -> None:
    assert fuzzy("turbopuffer").matches_value("we use turbopufer for search")
    assert fuzzy("turbopuffer").matches_value(["nothing", "turbo puffer"])
    assert not fuzzy("turbopuffer").matches_value(["nothing", "elasticsearch"])
    assert not fuzzy("turbopuffer").matches_value(None)


def test_case_sensitivity() -> None:
    assert not fuzzy("cat").matches_value("CAT")
    assert fuzzy("cat", case_sensitive=False).matches_value("CAT")
    # Case is one edit when case-sensitive: "Puffer" vs "puffer" is within distance 1.
    assert fuzzy("Puffer").matches_value("puffer")
    # A diacritic difference is an edit either way.
    assert not fuzzy("cafe", case_sensitive=False).matches_value("café")


@pytest.mark.parametrize(
    ("params", "status", "fragment"),
    [
        ({}, 422, "missing field `max_edit_distance`"),
        ({"max_edit_distance": []}, 400, "non-empty"),
        ({"max_edit_distance": [{"min_query_chars": 5, "distance": 1}]}, 400, "3 * (distance + 1) = 6"),
        ({"max_edit_distance": [{"min_query_chars": 9, "distance": 3}]}, 400, "0, 1 or 2"),
        ({"max_edit_distance": [{"min_query_chars": 6, "distance": 1}, {"min_query_chars": 3, "distance": 0}]}, 400, "ascending"),
        ({"max_edit_distance": [{"min_query_chars": "3", "distance": 0}]}, 422, 'invalid type: string "3", expected u64'),
        ({**THRESHOLDS, "case_sensitive": "no"}, 422, "boolean"),
        ({**THRESHOLDS, "fuzziness": 2}, 422, "unknown field `fuzziness`"),
    ],
)  # fmt: skip
def test_invalid_parameters(params, status: int, fragment: str) -> None:
    with pytest.raises(ApiError) as err:
        compile_fuzzy("pufferfish", params, where="filters")
    assert err.value.status == status and fragment in err.value.message


@settings(max_examples=300, deadline=None)
@given(
    needle=st.text(alphabet="abcAé", min_size=3, max_size=10),
    haystack=st.text(alphabet="abcAé ", max_size=25),
)
def test_regex_fuzzy_search_agrees_with_dynamic_programming(needle: str, haystack: str) -> None:
    fuzzy_filter = fuzzy(needle)
    expected = substring_levenshtein(needle, haystack) <= fuzzy_filter.distance
    assert fuzzy_filter.matches_value(haystack) == expected
