"""Token filters, Fuzzy (via the full-text module) and compute_attributes (VectorDist, scores, Highlight)."""

from __future__ import annotations

import pytest
from tpuf_emulator.errors import ApiError
from tpuf_emulator.filters import matches
from tpuf_emulator.language import parse_filter

from .fake_view import FakeView

SCHEMA = {
    "vector": "[2]f32",
    "text": {"type": "string", "full_text_search": {"stemming": True}},
    "name": {"type": "string", "fuzzy": True},
    "labels": {"type": "[]string", "full_text_search": True},
}
ROWS = [
    {
        "id": 1,
        "vector": [1.0, 0.0],
        "text": "The quick brown fox jumps. Dogs sleep.",
        "name": "turbopuffer",
        "labels": ["red fox", "forest"],
    },
    {
        "id": 2,
        "vector": [0.0, 1.0],
        "text": "A brown dog naps in the sun.",
        "name": "Turbopufer",
        "labels": ["brown", "dog"],
    },
    {
        "id": 3,
        "vector": [0.6, 0.8],
        "text": "Foxes are quick, brown and clever.",
        "name": "pufferfish",
        "labels": ["fox red"],
    },
]


@pytest.fixture(scope="module")
def view() -> FakeView:
    return FakeView(SCHEMA, ROWS)


def ids(view: FakeView, filters: list) -> list[int]:
    return view.ids(filters=filters, top_k=10)


@pytest.mark.parity("Filter.ContainsAllTokens", "Filter.ContainsAnyToken")
def test_contains_all_and_any_tokens(view):
    assert ids(view, ["text", "ContainsAllTokens", "brown quick"]) == [1, 3]
    assert ids(view, ["text", "ContainsAllTokens", "fox jumping"]) == [1]  # stemmed
    assert ids(view, ["text", "ContainsAnyToken", "dog clever"]) == [1, 2, 3]  # "dogs" stems to "dog"
    assert ids(view, ["text", "ContainsAnyToken", "sun"]) == [2]
    assert ids(view, ["text", "ContainsAllTokens", "quick bro", {"last_as_prefix": True}]) == [1, 3]
    assert ids(view, ["text", "ContainsAnyToken", "cle", {"last_as_prefix": True}]) == [3]


@pytest.mark.parity("Filter.ContainsTokenSequence")
def test_contains_token_sequence(view):
    assert ids(view, ["text", "ContainsTokenSequence", "quick brown"]) == [1, 3]  # punctuation is no token
    assert ids(view, ["text", "ContainsTokenSequence", "quick fox"]) == []
    assert ids(view, ["text", "ContainsTokenSequence", "brown quick"]) == []
    # On []string the phrase must lie inside one element.
    assert ids(view, ["labels", "ContainsTokenSequence", "red fox"]) == [1]
    assert ids(view, ["labels", "ContainsAllTokens", "red fox"]) == [1, 3]


@pytest.mark.parity("Filter.Fuzzy")
def test_fuzzy_filter(view):
    params = {
        "max_edit_distance": [{"min_query_chars": 3, "distance": 0}, {"min_query_chars": 6, "distance": 1}]
    }
    assert ids(view, ["name", "Fuzzy", "turbopuffer", params]) == [1]  # case costs 1 by default
    assert ids(view, ["name", "Fuzzy", "turbopuffer", {**params, "case_sensitive": False}]) == [1, 2]
    assert ids(view, ["name", "Fuzzy", "ab", params]) == []  # shorter than the first threshold


def test_token_filters_evaluate_without_an_index_for_write_conditions(view):
    tree = parse_filter(["text", "ContainsAllTokens", "fox"], view.schema, allow_ref_new=True)
    assert matches(tree, {"id": 9, "text": "a fox"})
    assert not matches(tree, {"id": 9, "text": "a dog"})


@pytest.mark.parametrize(
    ("filters", "fragment"),
    [
        (["name", "ContainsAllTokens", "x"], "no full-text index"),
        (
            ["text", "Fuzzy", "fox", {"max_edit_distance": [{"min_query_chars": 3, "distance": 0}]}],
            "fuzzy: true",
        ),
        (
            ["name", "Fuzzy", "fox", {"max_edit_distance": [{"min_query_chars": 2, "distance": 1}]}],
            "3 * (distance + 1)",
        ),
        (["text", "ContainsTokenSequence", "a b", {"last_as_prefix": True}], "expected"),
    ],
)
def test_text_filter_errors(view, filters, fragment):
    with pytest.raises(ApiError) as info:
        ids(view, filters)
    assert info.value.status in (400, 422)
    assert fragment in info.value.message


@pytest.mark.parity("query.compute_attributes", "Expr.VectorDist")
def test_compute_vector_dist_and_scores(view):
    rows = view.query(
        rank_by=["text", "BM25", "brown fox"],
        top_k=10,
        compute_attributes={
            "d": ["vector", "VectorDist", [1.0, 0.0]],
            "fox_score": ["text", "BM25", "fox"],
            "knn": ["vector", "ANN", [0.0, 1.0]],
        },
    )["rows"]
    by_id = {r["id"]: r for r in rows}
    assert by_id[1]["d"] == pytest.approx(0.0, abs=1e-7)
    assert by_id[3]["d"] == pytest.approx(0.4, rel=1e-6)
    assert by_id[2]["knn"] == pytest.approx(0.0, abs=1e-7)
    fox = view.fulltext("text").bm25("fox")
    assert by_id[2]["fox_score"] == 0.0  # no match: 0, not missing
    assert by_id[1]["fox_score"] == pytest.approx(fox[1])
    # compute_attributes never change ranking: $dist is still the BM25 of the rank_by
    assert by_id[1]["$dist"] == pytest.approx(view.fulltext("text").bm25("brown fox")[1])


@pytest.mark.parity("Expr.Highlight", "highlight")
def test_highlight(view):
    rows = view.query(
        rank_by=["text", "BM25", "fox"],
        top_k=10,
        compute_attributes={"hl": ["Highlight", "text", {"include_offsets": "codepoints"}]},
    )["rows"]
    first = next(r for r in rows if r["id"] == 1)
    assert first["hl"][0]["text"] == "The quick brown fox jumps."
    start, end = first["hl"][0]["match_ranges"][0]
    assert ROWS[0]["text"][start:end] == "fox"


@pytest.mark.parity("Expr.Embed")
def test_compute_attribute_errors(view):
    with pytest.raises(ApiError) as info:
        view.query(rank_by=["id", "asc"], compute_attributes={"e": ["Embed", "hello"]})
    assert "Embed" in info.value.message
    with pytest.raises(ApiError) as info:
        view.query(rank_by=["id", "asc"], compute_attributes={"$x": ["vector", "VectorDist", [1.0, 0.0]]})
    assert "must not start with '$'" in info.value.message
