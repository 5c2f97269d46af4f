"""The query-language parsers bound nesting themselves (64 levels), independent of the HTTP decoder:
``parse_filter`` is also called directly (conditional writes, by-filter writes, fuzzers), where deep
input used to end in RecursionError (a 500) instead of a 400 naming where it got too deep.
"""

from __future__ import annotations

import pytest
from tpuf_emulator.errors import ApiError
from tpuf_emulator.language import RankParser, parse_filter
from tpuf_emulator.language.shape import MAX_EXPRESSION_DEPTH
from tpuf_emulator.schema.model import AttributeSchema, AttributeType, FullTextConfig, Schema

SCHEMA = Schema(
    {
        "id": AttributeSchema(AttributeType.parse("uint")),
        "name": AttributeSchema(AttributeType.parse("string")),
        "n": AttributeSchema(AttributeType.parse("int")),
        "text": AttributeSchema(
            AttributeType.parse("string"), filterable=False, full_text_search=FullTextConfig()
        ),
        "vv": AttributeSchema(AttributeType.parse("[][2]f32"), filterable=False, ann={}),
    }
)


def nested(levels: int, shape: str):
    """An expression ``levels`` deep: ``levels - 1`` wrappers around one leaf."""
    tree: list = ["text", "BM25", "a"] if shape == "Sum" else ["name", "Eq", "a"]
    for _ in range(levels - 1):
        tree = {"And": ["And", [tree]], "Not": ["Not", tree], "Sum": ["Sum", [tree]]}[shape]
    return tree


@pytest.mark.parametrize("shape", ["And", "Not"])
def test_filters_nested_up_to_the_bound_parse(shape):
    parse_filter(nested(MAX_EXPRESSION_DEPTH, shape), SCHEMA)
    parse_filter(nested(MAX_EXPRESSION_DEPTH, shape), SCHEMA, allow_ref_new=True, where="upsert_condition")


@pytest.mark.parametrize("levels", [MAX_EXPRESSION_DEPTH + 1, 5_000])
@pytest.mark.parametrize("shape", ["And", "Not"])
def test_filters_nested_deeper_are_a_400_naming_where(shape, levels):
    with pytest.raises(ApiError) as err:
        parse_filter(nested(levels, shape), SCHEMA, allow_ref_new=True, where="upsert_condition")
    assert err.value.status == 400
    assert err.value.message.startswith("filter nested too deeply at upsert_condition[1]")
    assert str(MAX_EXPRESSION_DEPTH) in err.value.message


@pytest.mark.parametrize("levels", [MAX_EXPRESSION_DEPTH + 1, 5_000])
def test_score_expressions_share_the_bound(levels):
    parser = RankParser(SCHEMA, "cosine_distance")
    parser.rank_by(nested(MAX_EXPRESSION_DEPTH, "Sum"))
    with pytest.raises(ApiError) as err:
        parser.rank_by(nested(levels, "Sum"))
    assert err.value.status == 400 and "nested too deeply at rank_by[1][0]" in err.value.message
    # A filter inside a score expression counts the levels above it.
    with pytest.raises(ApiError) as err:
        parser.rank_by(["Sum", [nested(MAX_EXPRESSION_DEPTH, "Not")]])
    assert err.value.status == 400 and err.value.message.startswith("filter nested too deeply")


def test_query_vectors_nest_one_level_only():
    parser = RankParser(SCHEMA, "cosine_distance")
    parser.rank_by(["vv", "kNN", [[1.0, 0.0], [0.0, 1.0]]])
    deep: list = [1.0, 0.0]
    for _ in range(5_000):
        deep = [deep]
    with pytest.raises(ApiError) as err:
        parser.rank_by(["vv", "kNN", deep])
    assert err.value.status == 422 and "rank_by[2][0]" in err.value.message
