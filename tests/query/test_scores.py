"""BM25 rank_by and score expressions (§5.2.3): composition, curves, datetimes, filters as terms."""

from __future__ import annotations

import pytest
from tpuf_emulator.errors import ApiError

from .fake_view import FakeView

SCHEMA = {
    "title": {"type": "string", "full_text_search": True},
    "content": {"type": "string", "full_text_search": {"stemming": True}},
    "tags": {"type": "[]string", "full_text_search": {"tokenizer": "pre_tokenized_array"}},
    "clicks": "uint",
    "published": "datetime",
    "lang": "string",
    "terms": {"type": "{}f16", "sparse_knn": {"distance_metric": "dot_product"}},
}
ROWS = [
    {
        "id": 1,
        "title": "quick brown fox",
        "content": "the fox jumped over the dog",
        "tags": ["animal", "fox"],
        "clicks": 10,
        "published": "2026-02-03T12:00:00Z",
        "lang": "en",
        "terms": {"fox": 1.0, "dog": 0.5},
    },
    {
        "id": 2,
        "title": "lazy dog",
        "content": "a dog sleeping all day",
        "tags": ["animal", "dog"],
        "clicks": 30,
        "published": "2026-02-02T12:00:00Z",
        "lang": "en",
        "terms": {"dog": 2.0},
    },
    {
        "id": 3,
        "title": "fox and dog",
        "content": "jumping foxes everywhere",
        "tags": ["fox", "dog"],
        "clicks": 0,
        "published": "2026-01-31T12:00:00Z",
        "lang": "de",
        "terms": {"cat": 3.0},
    },
    {"id": 4, "title": "unrelated", "content": "nothing here", "clicks": 5},
]


@pytest.fixture(scope="module")
def view() -> FakeView:
    return FakeView(SCHEMA, ROWS)


def scores(view: FakeView, rank_by: list, **extra) -> dict[int, float]:
    return {r["id"]: r["$dist"] for r in view.query(rank_by=rank_by, top_k=10, **extra)["rows"]}


@pytest.mark.parity("query.rank_by", "ScoreExpression.BM25")
def test_bm25_ranks_matching_documents_only(view):
    got = scores(view, ["title", "BM25", "fox"])
    assert set(got) == {1, 3}
    expected = view.fulltext("title").bm25("fox")
    assert got == pytest.approx(expected)
    rows = view.query(rank_by=["title", "BM25", "fox"], top_k=10)["rows"]
    assert [r["$dist"] for r in rows] == sorted((r["$dist"] for r in rows), reverse=True)


def test_stemming_matches_inflections(view):
    assert set(scores(view, ["content", "BM25", "jumps"])) == {1, 3}


@pytest.mark.parity("ScoreExpression.Sum", "ScoreExpression.Max", "ScoreExpression.Product")
def test_sum_max_product_compose_clause_scores(view):
    title = view.fulltext("title").bm25("fox dog")
    content = view.fulltext("content").bm25("fox dog")
    summed = scores(view, ["Sum", [["title", "BM25", "fox dog"], ["content", "BM25", "fox dog"]]])
    assert summed == pytest.approx(
        {i: title.get(i, 0) + content.get(i, 0) for i in set(title) | set(content)}
    )
    maxed = scores(view, ["Max", [["title", "BM25", "fox dog"], ["content", "BM25", "fox dog"]]])
    assert maxed == pytest.approx(
        {i: max(title.get(i, 0), content.get(i, 0)) for i in set(title) | set(content)}
    )
    weighted = scores(view, ["Product", 2, ["title", "BM25", "fox dog"]])
    assert weighted == pytest.approx({i: 2 * s for i, s in title.items()})
    reversed_form = scores(view, ["Product", ["title", "BM25", "fox dog"], 2])
    assert reversed_form == weighted
    legacy_form = scores(view, ["Product", [2, ["title", "BM25", "fox dog"]]])
    assert legacy_form == weighted


@pytest.mark.parity("ScoreExpression.Sum")
def test_filters_as_score_terms_and_zero_scores_dropped(view):
    got = scores(view, ["Sum", [["lang", "Eq", "en"], ["Product", 0.5, ["clicks", "Gte", 10]]]])
    assert got == {1: 1.5, 2: 1.5}
    boosted = scores(view, ["Sum", [["title", "BM25", "dog"], ["Product", 3, ["lang", "Eq", "de"]]]])
    dog = view.fulltext("title").bm25("dog")
    assert boosted == pytest.approx({2: dog[2], 3: dog[3] + 3})
    # Document 4 matches nothing: it never appears, whatever the limit.
    assert 4 not in scores(view, ["title", "BM25", "fox dog lazy quick"])


def test_token_filter_inside_a_score(view):
    assert scores(view, ["title", "ContainsAllTokens", "dog fox"]) == {3: 1.0}


@pytest.mark.parity("ScoreExpression.Attribute", "ScoreExpression.Saturate")
def test_attribute_and_saturate(view):
    assert scores(view, ["Attribute", "clicks"]) == {1: 10.0, 2: 30.0, 4: 5.0}  # clicks 0 scores 0: dropped
    saturated = scores(view, ["Saturate", ["Attribute", "clicks"], {"midpoint": 10}])
    assert saturated == pytest.approx({1: 0.5, 2: 0.75, 4: 5 / 15})
    squared = scores(view, ["Saturate", ["Attribute", "clicks"], {"midpoint": 10, "exponent": 2}])
    assert squared[2] == pytest.approx(900 / 1000)


@pytest.mark.parity("ScoreExpression.Decay", "ScoreExpression.Dist")
def test_decay_of_datetime_distance_with_duration_midpoint(view):
    recency = ["Decay", ["Dist", ["Attribute", "published"], "2026-02-03T12:00:00Z"], {"midpoint": "1d"}]
    got = scores(view, recency)
    assert got == pytest.approx({1: 1.0, 2: 0.5, 3: 0.25})
    in_ms = scores(
        view,
        ["Decay", ["Dist", ["Attribute", "published"], "2026-02-03T12:00:00Z"], {"midpoint": 86_400_000}],
    )
    assert in_ms == pytest.approx(got)
    hours = scores(
        view, ["Decay", ["Dist", ["Attribute", "published"], "2026-02-03T12:00:00Z"], {"midpoint": "24h"}]
    )
    assert hours == pytest.approx(got)


@pytest.mark.parity("ScoreExpression.Max")
def test_max_with_scalar_operand_clamps(view):
    assert scores(view, ["Max", 0, ["Attribute", "clicks"]]) == {1: 10.0, 2: 30.0, 4: 5.0}
    assert scores(view, ["Max", [1, ["Attribute", "clicks"]]]) == {1: 10.0, 2: 30.0, 3: 1.0, 4: 5.0}


@pytest.mark.parity("ScoreExpression.Sum", "ScoreExpression.BM25", "ScoreExpression.Decay")
def test_hybrid_bm25_plus_recency_example_from_the_docs(view):
    expr = [
        "Sum",
        [
            ["Product", 2, ["title", "BM25", "quick fox"]],
            ["content", "BM25", "quick fox"],
            ["Decay", ["Dist", ["Attribute", "published"], "2026-02-03T12:00:00"], {"midpoint": "6h"}],
        ],
    ]
    got = scores(view, expr)
    title = view.fulltext("title").bm25("quick fox")
    content = view.fulltext("content").bm25("quick fox")
    decay = {1: 1.0, 2: 6 / (24 + 6), 3: 6 / (72 + 6)}
    expected = {i: 2 * title.get(i, 0) + content.get(i, 0) + decay.get(i, 0) for i in (1, 2, 3)}
    assert got == pytest.approx(expected)
    assert list(got) == sorted(got, key=lambda i: -got[i])


@pytest.mark.parity("RankBy.SparseKNN")
def test_sparse_knn_dot_product_descending(view):
    rows = view.query(rank_by=["terms", "SparseKNN", {"dog": 1.0, "fox": 0.5}], top_k=10)["rows"]
    assert [(r["id"], r["$dist"]) for r in rows] == [(2, 2.0), (1, 1.0)]  # doc 3 shares no dimension


def test_pre_tokenized_attribute_needs_token_array_queries(view):
    assert scores(view, ["tags", "BM25", ["fox"]]).keys() == {1, 3}
    with pytest.raises(ApiError) as info:
        view.query(rank_by=["tags", "BM25", "fox"], top_k=3)
    assert info.value.status == 400
    assert info.value.message == 'invalid input "fox" for rank_by field "tags", expecting []string'


@pytest.mark.parametrize(
    ("rank_by", "status", "fragment"),
    [
        (["lang", "BM25", "en"], 400, "no full-text index"),
        (["Product", -1, ["title", "BM25", "fox"]], 400, "non-negative"),
        (["Saturate", ["Attribute", "clicks"], {}], 400, "midpoint"),
        (["Decay", ["Attribute", "clicks"], {"midpoint": "soon"}], 400, "duration"),
        (["Attribute", "lang"], 400, "numeric"),
        (["Sum", ["title", "BM25", "fox"]], 422, "Sum"),
        (["Frobnicate", [1]], 422, "unknown variant `Frobnicate`"),
        (["title", "BM25", "fox", {"boost": 2}], 422, "unknown field `boost`"),
        (["title", "ANN", [1.0]], 400, "not a dense vector type"),
        (["vector", "ANN", [1.0]], 400, "not in the namespace schema"),
    ],
)
def test_score_errors(view, rank_by, status, fragment):
    with pytest.raises(ApiError) as info:
        view.query(rank_by=rank_by, top_k=3)
    assert info.value.status == status
    assert fragment in info.value.message


def test_extreme_curve_parameters_do_not_overflow():
    view = FakeView({"n": "int"}, [{"id": 1, "n": 5}, {"id": 2, "n": -3}])
    # Saturate(5) with a huge midpoint and exponent is 0 (dropped); negatives clamp to 0 -> Decay = 1.
    assert scores(view, ["Saturate", ["Attribute", "n"], {"midpoint": 1e308, "exponent": 1e308}]) == {}
    assert scores(view, ["Decay", ["Attribute", "n"], {"midpoint": 2, "exponent": 1e10}]) == {2: 1.0}
    assert scores(view, ["Saturate", ["Attribute", "n"], {"midpoint": 1e-300, "exponent": 1e5}]) == {1: 1.0}
    # Scores past the float range are reported as the largest finite number (JSON has no infinity).
    clamped = ["Max", 0, ["Attribute", "n"]]  # n is a signed int: a rank must clamp it (Parity #9)
    huge = scores(view, ["Product", 1e308, ["Sum", [clamped, clamped]]])
    assert huge == {1: 1.7976931348623157e308}  # doc 2 clamps to 0 and is dropped
    assert scores(view, ["Product", 1e308, ["Sum", [-5, -5]]]) == {
        1: -1.7976931348623157e308,
        2: -1.7976931348623157e308,
    }
