"""Highlight for compute_attributes (reference §5.4): fragments, limits, offsets in three units."""

from __future__ import annotations

import pytest
from tpuf_emulator.errors import ApiError
from tpuf_emulator.fulltext import FullTextIndex, highlight, parse_highlight_config
from tpuf_emulator.schema.model import FullTextConfig

TEXT = (
    "Pufferfish are slow swimmers. They inflate when threatened.\n\n"
    "Some pufferfish are poisonous. A café in Tokyo serves pufferfish — called fugu."
)


def run(value, query: str, options=None, **config):
    index = FullTextIndex(FullTextConfig(**config))
    index.add(1, value)
    index.add(2, "An unrelated document about whales and pufferfish.")
    return highlight(value, index, index.analyzer.query(query), parse_highlight_config(options))


@pytest.mark.parity("Expr.Highlight", "highlight")
def test_docs_example_shape() -> None:
    fragments = run("How pufferfish swim", "pufferfish", {"include_offsets": "utf-8"})
    assert fragments == [
        {"text": "How pufferfish swim", "fragment_range": [0, 19], "match_ranges": [[4, 14]]}
    ]


def test_sentence_fragments_rank_by_bm25_and_respect_the_limit() -> None:
    fragments = run(TEXT, "poisonous pufferfish", {"fragment_limit": 2})
    # the sentence with both terms ranks first; sentences without a match are never returned
    assert [f["text"] for f in fragments] == [
        "Some pufferfish are poisonous.",
        "Pufferfish are slow swimmers.",
    ]
    assert all("fragment_range" not in f for f in fragments)


def test_paragraph_none_and_word_fragments() -> None:
    paragraphs = run(TEXT, "inflate", {"fragment_by": "paragraph"})
    assert [f["text"] for f in paragraphs] == ["Pufferfish are slow swimmers. They inflate when threatened."]
    whole = run(TEXT, "fugu", {"fragment_by": "none", "include_offsets": "codepoints"})
    assert whole == [
        {"text": TEXT, "fragment_range": [0, len(TEXT)], "match_ranges": [[len(TEXT) - 5, len(TEXT) - 1]]}
    ]
    words = run(TEXT, "pufferfish", {"fragment_by": "word", "fragment_limit": 10})
    assert [f["text"] for f in words] == ["Pufferfish", "pufferfish", "pufferfish"]


def test_offsets_in_each_unit_are_absolute_in_the_value() -> None:
    value = "Café 🐡 intro. The 🐡 pufferfish sleeps."
    start = value.index("pufferfish")
    expected_start = {
        "codepoints": start,
        "utf-8": len(value[:start].encode()),
        "utf-16": len(value[:start].encode("utf-16-le")) // 2,
    }
    assert expected_start["codepoints"] < expected_start["utf-16"] < expected_start["utf-8"]
    for unit, s in expected_start.items():
        [fragment] = run(value, "pufferfish", {"include_offsets": unit})
        assert fragment["match_ranges"] == [[s, s + 10]]
        sentence_start = value.index("The")
        assert fragment["fragment_range"][0] == _unit_offset(value, sentence_start, unit)
        assert fragment["text"] == "The 🐡 pufferfish sleeps."


def _unit_offset(text: str, index: int, unit: str) -> int:
    if unit == "codepoints":
        return index
    encoded = text[:index].encode("utf-8" if unit == "utf-8" else "utf-16-le")
    return len(encoded) if unit == "utf-8" else len(encoded) // 2


def test_array_values_report_array_index() -> None:
    fragments = run(["no match here", "a pufferfish tale"], "pufferfish", {"include_offsets": "utf-8"})
    assert fragments == [
        {"text": "a pufferfish tale", "fragment_range": [0, 17], "match_ranges": [[2, 12]], "array_index": 1}
    ]


def test_stemmed_and_prefix_matches_are_highlighted() -> None:
    fragments = run("She jumped over the fence.", "jumping", {"include_offsets": "codepoints"}, stemming=True)
    assert fragments[0]["match_ranges"] == [[4, 10]]
    index = FullTextIndex(FullTextConfig())
    index.add(1, "Pufferfish puff up")
    query = index.analyzer.query("puf", last_as_prefix=True)
    [fragment] = highlight(
        "Pufferfish puff up", index, query, parse_highlight_config({"include_offsets": "codepoints"})
    )
    assert fragment["match_ranges"] == [[0, 10], [11, 15]]


def test_rank_fragments_by_supplies_the_query() -> None:
    index = FullTextIndex(FullTextConfig())
    index.add(1, TEXT)
    config = parse_highlight_config({"rank_fragments_by": ["$fragment", "BM25", "fugu"]})
    assert [f["text"] for f in highlight(TEXT, index, None, config)] == [
        "A café in Tokyo serves pufferfish — called fugu."
    ]
    with pytest.raises(ApiError) as err:
        highlight(TEXT, index, None, parse_highlight_config(None))
    assert err.value.status == 400 and "rank_fragments_by" in err.value.message


@pytest.mark.parametrize(
    ("options", "status"),
    [
        ({"fragment_by": "chapter"}, 422),
        ({"fragment_limit": 0}, 400),
        ({"fragment_limit": 1025}, 400),
        ({"fragment_limit": "3"}, 422),
        ({"include_offsets": "utf-32"}, 422),
        ({"colour": "red"}, 422),
        ([1], 422),
    ],
)
def test_invalid_highlight_options(options, status: int) -> None:
    with pytest.raises(ApiError) as err:
        parse_highlight_config(options)
    assert err.value.status == status
