"""Property-based fuzzing of the query-language parser and the request decoder, called directly.

The only acceptable failure is an ``ApiError`` (a 4xx the client sees): anything else — a
TypeError, KeyError, RecursionError... — would be a 500 over HTTP. Budgets are small in
``make test`` (derandomized, reproducible) and large under ``make fuzz`` (TPUF_FUZZ=1, random seeds).
"""

from __future__ import annotations

import gzip
import json
import zlib

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tpuf_emulator.errors import ApiError
from tpuf_emulator.http import bodies as bodies_module
from tpuf_emulator.language import operators as ops
from tpuf_emulator.language import parse_filter, parse_multi_query, parse_query
from tpuf_emulator.schema.model import Schema
from tpuf_emulator.schema.options import parse_schema_map

from .conftest import FUZZ

BUDGET = settings(
    max_examples=4000 if FUZZ else 150,
    deadline=None,
    derandomize=not FUZZ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

SCHEMA = Schema(
    parse_schema_map(
        {
            "id": {"type": "uint"},
            "name": {"type": "string", "filterable": True, "regex": True, "glob": True},
            "text": {"type": "string", "full_text_search": True},
            "count": {"type": "int"},
            "score": {"type": "float"},
            "flag": {"type": "bool"},
            "tags": {"type": "[]string"},
            "when": {"type": "datetime"},
            "uid": {"type": "uuid"},
            "vector": {"type": "[3]f32"},
        },
        {},
        "schema",
    )
)
ATTRIBUTES = [*SCHEMA.attributes, "missing", "$dist", ""]
OPERATORS = sorted(ops.ALL_OPERATORS) + ["Bogus"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(ATTRIBUTES),
    st.sampled_from(OPERATORS),
    st.sampled_from(["asc", "desc", "2024-01-01T00:00:00Z", "00000000-0000-0000-0000-000000000001", "*a?"]),
)


def _extend(children):
    return st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.sampled_from(["$ref_new", "k", "midpoint", "weights", "last_as_prefix"]), children, max_size=3
        ),
        st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(OPERATORS), children).map(list),
        st.tuples(
            st.sampled_from(["And", "Or", "Not", "Sum", "Max", "Product"]), st.lists(children, max_size=3)
        ).map(list),
        st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(OPERATORS)).map(list),
    )


expressions = st.recursive(scalars, _extend, max_leaves=30)


def accepts_or_rejects_cleanly(call) -> None:
    try:
        call()
    except ApiError as exc:
        assert 400 <= exc.status < 500 and exc.message, exc


@BUDGET
@given(expressions, st.booleans())
def test_filter_parser_never_crashes(expression, allow_ref_new):
    accepts_or_rejects_cleanly(lambda: parse_filter(expression, SCHEMA, allow_ref_new=allow_ref_new))


QUERY_KEYS = [
    "rank_by",
    "filters",
    "top_k",
    "limit",
    "include_attributes",
    "exclude_attributes",
    "aggregate_by",
    "group_by",
    "vector_encoding",
    "consistency",
    "distance_metric",
    "compute_attributes",
    "offset",
]


@BUDGET
@given(st.dictionaries(st.sampled_from(QUERY_KEYS), expressions, max_size=5))
def test_query_parser_never_crashes(body):
    accepts_or_rejects_cleanly(lambda: parse_query(body, SCHEMA, "cosine_distance"))


@BUDGET
@given(
    st.lists(st.dictionaries(st.sampled_from(QUERY_KEYS), expressions, max_size=4), max_size=4),
    st.one_of(st.none(), expressions),
)
def test_multi_query_parser_never_crashes(queries, rerank_by):
    body = {"queries": queries, **({"rerank_by": rerank_by} if rerank_by is not None else {})}
    accepts_or_rejects_cleanly(lambda: parse_multi_query(body, SCHEMA, None))


@pytest.mark.parametrize("depth", [10, 60, 100, 400, 2000])
@pytest.mark.parametrize("shape", ["and", "not", "sum"])
def test_deep_nesting_is_a_clean_400(depth, shape):
    """Through the decoder, as every request arrives: its depth bound keeps the parsers' recursion shallow."""
    if shape == "sum":
        tree = ["text", "BM25", "a"]
        for _ in range(depth):
            tree = ["Sum", [tree]]
        body = {"rank_by": tree, "limit": 10}
    else:
        tree = ["name", "Eq", "a"]
        for _ in range(depth):
            tree = ["And", [tree]] if shape == "and" else ["Not", tree]
        body = {"filters": tree, "rank_by": ["id", "asc"], "limit": 10}
    raw = b"".join([b'{"rank_by":' if shape == "sum" else b'{"filters":', _dumps_deep(tree), b"}"])
    accepts_or_rejects_cleanly(lambda: parse_query(bodies_module.parse_json(raw), SCHEMA, None))
    if depth <= 60 and shape != "and":
        parse_query(body, SCHEMA, None)  # moderate nesting is valid


def _dumps_deep(tree) -> bytes:
    """orjson refuses to serialise more than 255 levels; build the JSON text iteratively instead."""
    opened, node = [], tree
    while isinstance(node, list) and node and node[0] in ("And", "Not", "Sum"):
        opened.append(node[0])
        node = node[1][0] if node[0] in ("And", "Sum") else node[1]
    text = orjson.dumps(node)
    for op in reversed(opened):
        text = b'["%s",[%s]]' % (op.encode(), text) if op in ("And", "Sum") else b'["Not",%s]' % text
    return text


# ---- the request decoder ------------------------------------------------------------------------

LIMIT = 64 * 1024


@BUDGET
@given(st.binary(max_size=2048))
def test_json_decoder_never_crashes_on_bytes(raw):
    accepts_or_rejects_cleanly(lambda: bodies_module.parse_json(raw))


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**63), max_value=2**64 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=8),
    ),
    lambda c: st.one_of(st.lists(c, max_size=4), st.dictionaries(st.text(max_size=4), c, max_size=4)),
    max_leaves=20,
)


@BUDGET
@given(json_values)
def test_json_decoder_round_trips_valid_json(value):
    assert bodies_module.parse_json(orjson.dumps(value) if value is not None else b"null") == value


@BUDGET
@given(st.binary(max_size=4096), st.integers(min_value=0, max_value=64))
def test_gzip_decoder_never_crashes_or_exceeds_the_cap(payload, cut):
    for data in (payload, gzip.compress(payload), gzip.compress(payload)[: max(1, len(payload) - cut)]):
        try:
            out = bodies_module._gunzip(data, LIMIT)
        except ApiError as exc:
            assert exc.status in (400, 413)
        else:
            assert len(out) <= LIMIT


@BUDGET
@given(st.integers(min_value=LIMIT + 1, max_value=LIMIT * 64))
def test_gzip_decoder_caps_by_decompressed_size(size):
    bomb = (
        zlib.compress(b"\0" * size, 9, wbits=31) if hasattr(zlib, "compress") else gzip.compress(b"\0" * size)
    )
    with pytest.raises(ApiError) as info:
        bodies_module._gunzip(bomb, LIMIT)
    assert info.value.status == 413


# JSON text built by hand so objects may repeat keys and keys/strings may hold quotes, backslashes
# and colons (the decoder's fast duplicate check counts '"' + ':' sequences, so these are its edge cases).
tricky_text = st.text(alphabet=st.sampled_from(["a", '"', "\\", ":", " ", "é", "\n"]), max_size=6)
whitespace = st.sampled_from(["", " ", "\n", "\t ", "\r\n"])


@st.composite
def json_text(draw, depth: int = 0) -> str:
    kind = draw(
        st.sampled_from(["scalar", "string", "array", "object"] if depth < 4 else ["scalar", "string"])
    )
    if kind == "scalar":
        return draw(st.sampled_from(["1", "-2.5", "true", "null", "1e3"]))
    if kind == "string":
        return orjson.dumps(draw(tricky_text)).decode()
    if kind == "array":
        return "[" + ",".join(draw(st.lists(json_text(depth + 1), max_size=3))) + "]"
    keys = draw(st.lists(tricky_text, max_size=4))
    if keys and draw(st.booleans()):
        keys.append(draw(st.sampled_from(keys)))  # a duplicate
    pairs = [
        f"{draw(whitespace)}{orjson.dumps(k).decode()}{draw(whitespace)}:{draw(whitespace)}{draw(json_text(depth + 1))}"
        for k in keys
    ]
    return "{" + ",".join(pairs) + "}"


def _has_duplicate_keys(text: str) -> bool:
    found = []

    def hook(pairs):
        if len({k for k, _ in pairs}) != len(pairs):
            found.append(True)
        return dict(pairs)

    json.loads(text, object_pairs_hook=hook)
    return bool(found)


@BUDGET
@given(json_text())
def test_duplicate_keys_are_found_exactly(text):
    raw = text.encode()
    if _has_duplicate_keys(text):
        with pytest.raises(ApiError, match="duplicate key"):
            bodies_module.parse_json(raw)
    else:
        assert bodies_module.parse_json(raw) == json.loads(text)


# Large bodies are parsed in pieces (http/json_pieces.py); tiny pieces make every cut a guess, so
# these properties check that the split never changes the value or which bodies are refused.


@BUDGET
@given(json_values, st.integers(min_value=1, max_value=48), st.booleans())
def test_json_decoder_in_pieces_gives_the_same_value(value, piece_bytes, indented):
    raw = orjson.dumps(value, option=orjson.OPT_INDENT_2 if indented else 0)
    assert bodies_module.parse_json(raw, piece_bytes=piece_bytes) == value


@BUDGET
@given(json_text(), st.integers(min_value=1, max_value=48))
def test_json_decoder_in_pieces_refuses_exactly_what_the_whole_parse_refuses(text, piece_bytes):
    raw = text.encode()
    if _has_duplicate_keys(text):
        with pytest.raises(ApiError, match="duplicate key"):
            bodies_module.parse_json(raw, piece_bytes=piece_bytes)
    else:
        assert bodies_module.parse_json(raw, piece_bytes=piece_bytes) == json.loads(text)


@BUDGET
@given(st.text(alphabet=st.sampled_from(list('{}[],:"a1 \\')), max_size=60), st.integers(1, 20))
def test_json_decoder_in_pieces_accepts_and_refuses_like_the_whole_parse(text, piece_bytes):
    def outcome(**kwargs):
        try:
            return ("value", bodies_module.parse_json(text.encode(), **kwargs))
        except ApiError as exc:
            return ("refused", exc.status)

    assert outcome(piece_bytes=piece_bytes) == outcome()
