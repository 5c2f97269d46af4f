"""BM25 and token filters over HTTP with the official ``turbopuffer`` client against the emulator.

Proves the wire format (schema options, rank_by BM25 forms, ``$dist``, errors) end to end, and that
the scores the server returns are the §7.3 formula computed independently (``bm25_reference``).
"""

from __future__ import annotations

import pytest
import turbopuffer

from .bm25_reference import first_principles_bm25

ARTICLES = {
    1: ("Pufferfish defence", "The pufferfish inflates its body when threatened by predators."),
    2: ("Whale songs", "Humpback whales sing long songs; the songs change every year."),
    3: ("Jumping spiders", "A jumping spider jumped onto the leaf and jumps again."),
    4: ("Fish markets", "Fresh fish and pufferfish are sold at the Tokyo market."),
    5: ("Deep sea", "Anglerfish live in the deep sea where no light reaches."),
}
# The documents' terms as the attribute's analysis produces them (lower-cased, Snowball-stemmed),
# spelled out by hand so the expected scores do not depend on the emulator's own analyzer.
STEMMED_TEXT = {
    1: "the pufferfish inflat it bodi when threaten by predat".split(),
    2: "humpback whale sing long song the song chang everi year".split(),
    3: "a jump spider jump onto the leaf and jump again".split(),
    4: "fresh fish and pufferfish are sold at the tokyo market".split(),
    5: "anglerfish live in the deep sea where no light reach".split(),
}
TITLES = {i: title.lower().split() for i, (title, _) in ARTICLES.items()}


@pytest.fixture
def client(emulator) -> turbopuffer.Turbopuffer:
    with turbopuffer.Turbopuffer(api_key=emulator.api_key, base_url=emulator.base_url, max_retries=0) as tpuf:
        yield tpuf


@pytest.fixture
def articles(client: turbopuffer.Turbopuffer, unique_ns: str):
    ns = client.namespace(unique_ns)
    ns.write(
        upsert_rows=[{"id": i, "title": title, "text": text} for i, (title, text) in ARTICLES.items()],
        schema={
            "title": {"type": "string", "full_text_search": True},
            "text": {"type": "string", "full_text_search": {"stemming": True, "language": "english"}},
        },
    )
    return ns


def scores(result) -> dict:
    return {row.id: getattr(row, "$dist") for row in result.rows}


@pytest.mark.parity("ScoreExpression.BM25", "bm25-scores")
def test_bm25_with_stemming_matches_inflections_and_the_formula(articles) -> None:
    result = articles.query(rank_by=("text", "BM25", "jumping spiders"), top_k=10)
    expected = first_principles_bm25(STEMMED_TEXT, ["jump", "spider"])
    assert [row.id for row in result.rows] == [3]
    assert scores(result) == pytest.approx(expected, abs=1e-5)
    # "jumped" and "jumps" are in the document; only the stem "jump" links them to the query
    assert [row.id for row in articles.query(rank_by=("text", "BM25", "jump"), top_k=10).rows] == [3]


@pytest.mark.parity("ScoreExpression.Sum", "ScoreExpression.Product")
def test_sum_and_product_combine_fields(articles) -> None:
    rank_by = ("Sum", [("Product", 2, ("title", "BM25", "pufferfish")), ("text", "BM25", "pufferfish")])
    result = articles.query(rank_by=rank_by, top_k=10)
    title = first_principles_bm25(TITLES, ["pufferfish"])
    text = first_principles_bm25(STEMMED_TEXT, ["pufferfish"])
    expected = {i: 2 * title.get(i, 0.0) + text.get(i, 0.0) for i in set(title) | set(text)}
    assert scores(result) == pytest.approx(expected, abs=1e-5)
    assert [row.id for row in result.rows] == sorted(expected, key=expected.get, reverse=True)


@pytest.mark.parity("Filter.ContainsAllTokens")
def test_contains_all_tokens_filter(articles) -> None:
    result = articles.query(
        filters=("text", "ContainsAllTokens", "the songs"), rank_by=("id", "asc"), top_k=10
    )
    assert [row.id for row in result.rows] == [2]
    result = articles.query(filters=("text", "ContainsAllTokens", "the"), rank_by=("id", "asc"), top_k=10)
    assert [row.id for row in result.rows] == [1, 2, 3, 4, 5]
    ranked = articles.query(
        rank_by=("text", "BM25", "pufferfish"),
        filters=("text", "ContainsAllTokens", "tokyo market"),
        top_k=10,
    )
    assert [row.id for row in ranked.rows] == [4]


def test_pre_tokenized_arrays(client: turbopuffer.Turbopuffer, unique_ns: str) -> None:
    ns = client.namespace(unique_ns)
    tags = {1: ["New York", "pizza"], 2: ["new york", "bagels"], 3: ["Boston", "pizza", "pizza"]}
    ns.write(
        upsert_rows=[{"id": i, "tags": t} for i, t in tags.items()],
        schema={"tags": {"type": "[]string", "full_text_search": {"tokenizer": "pre_tokenized_array"}}},
    )
    result = ns.query(rank_by=("tags", "BM25", ["pizza", "New York"]), top_k=10)
    assert scores(result) == pytest.approx(first_principles_bm25(tags, ["pizza", "New York"]), abs=1e-5)
    assert [row.id for row in result.rows] == [1, 3]
    with pytest.raises(turbopuffer.BadRequestError) as err:
        ns.query(rank_by=("tags", "BM25", "New York"), top_k=10)
    assert "[]string" in str(err.value)


@pytest.mark.parity("query.compute_attributes", "Expr.Highlight", "highlight")
def test_highlight_and_bm25_as_computed_attributes(articles) -> None:
    result = articles.query(
        rank_by=("text", "BM25", "pufferfish"),
        top_k=10,
        include_attributes=["title"],
        compute_attributes={
            "hl": ("Highlight", "text", {"include_offsets": "utf-16", "fragment_by": "sentence"}),
            "title_score": ("title", "BM25", "pufferfish"),
        },
    )
    rows = {row.id: row for row in result.rows}
    assert set(rows) == {1, 4}
    text = ARTICLES[4][1]
    start = text.index("pufferfish")
    assert rows[4].hl == [
        {"text": text, "fragment_range": [0, len(text)], "match_ranges": [[start, start + 10]]}
    ]
    assert rows[1].title_score == pytest.approx(first_principles_bm25(TITLES, ["pufferfish"])[1], abs=1e-5)
    assert rows[4].title_score == 0


@pytest.mark.parity("Filter.ContainsTokenSequence", "Filter.Fuzzy")
def test_phrase_prefix_and_fuzzy_filters(client: turbopuffer.Turbopuffer, unique_ns: str) -> None:
    ns = client.namespace(unique_ns)
    ns.write(
        upsert_rows=[{"id": i, "text": text} for i, (_, text) in ARTICLES.items()],
        schema={"text": {"type": "string", "full_text_search": True, "fuzzy": True}},
    )

    def ids(filters) -> list:
        return [row.id for row in ns.query(filters=filters, rank_by=("id", "asc"), top_k=10).rows]

    assert ids(("text", "ContainsTokenSequence", "the deep sea")) == [5]
    assert ids(("text", "ContainsTokenSequence", "sea deep")) == []
    assert ids(("text", "ContainsAnyToken", "whale puffer", {"last_as_prefix": True})) == [1, 4]
    thresholds = [{"min_query_chars": 3, "distance": 0}, {"min_query_chars": 6, "distance": 1}]
    assert ids(("text", "Fuzzy", "Humpbak", {"max_edit_distance": thresholds})) == [2]
    assert ids(("text", "Fuzzy", "TOKYO", {"max_edit_distance": thresholds, "case_sensitive": False})) == [4]
    assert ids(("text", "Fuzzy", "TOKYO", {"max_edit_distance": thresholds})) == []
