"""``full_text_search`` options through the schema layer: one parser (``fulltext.parse_full_text_config``)
for every path, so a write's ``schema``, the schema endpoint and the full-text layer agree on what is
valid, and every error names the exact option (``schema.<attr>.full_text_search.<option>``).
"""

from __future__ import annotations

import pytest
from tpuf_emulator.errors import ApiError
from tpuf_emulator.fulltext import parse_full_text_config
from tpuf_emulator.schema.options import parse_attribute

from tests.support.api import write

WHERE = "schema.title.full_text_search"


@pytest.mark.parametrize(
    ("attribute_type", "options", "status", "fragment"),
    [
        (
            "string",
            {"tokenizer": 5},
            422,
            f"{WHERE}.tokenizer: invalid type: integer `5`, expected enum Tokenizer",
        ),
        (
            "string",
            {"stemming": "yes"},
            422,
            f'{WHERE}.stemming: invalid type: string "yes", expected a boolean',
        ),
        ("string", {"k1": [1]}, 422, f"{WHERE}.k1: invalid type: sequence, expected f64"),
        (
            "string",
            {"max_token_length": 3.5},
            422,
            f"{WHERE}.max_token_length: invalid type: floating point `3.5`, expected u64",
        ),
        (
            "string",
            {"tokenizer": "word_v9"},
            422,
            f"{WHERE}.tokenizer: unknown variant `word_v9`, expected one of",
        ),
        (
            "string",
            {"language": "klingon"},
            422,
            f"{WHERE}.language: unknown variant `klingon`, expected one of",
        ),
        ("[]string", {"tokenizer": "pre_tokenized_array", "language": "german"}, 400, f"{WHERE}.language:"),
        ("[]string", {"tokenizer": "pre_tokenized_array", "stemming": True}, 400, f"{WHERE}.stemming:"),
        (
            "[]string",
            {"tokenizer": "pre_tokenized_array", "case_sensitive": False},
            400,
            f"{WHERE}.case_sensitive:",
        ),
        ("string", {"tokenizer": "pre_tokenized_array"}, 400, f"{WHERE}.tokenizer:"),
        ("string", {"case_sensitive": True, "stemming": True}, 400, f"{WHERE}.stemming: stemming requires"),
        ("string", {"case_sensitive": True, "remove_stopwords": True}, 400, f"{WHERE}.remove_stopwords:"),
        ("string", {"max_token_length": 0}, 400, f"{WHERE}.max_token_length:"),
    ],
)
def test_schema_option_errors_name_the_option(attribute_type, options, status, fragment):
    for parse in (
        lambda: parse_attribute(
            "title", {"type": attribute_type, "full_text_search": options}, None, "schema.title"
        ),
        lambda: parse_full_text_config(options, attribute_type, WHERE),
    ):
        with pytest.raises(ApiError) as err:
            parse()
        assert err.value.status == status and fragment in err.value.message, err.value.message


def test_the_echoed_pre_tokenized_config_is_accepted_by_the_one_parser():
    """Schema responses write out ``language: "english"`` for pre_tokenized_array; both entry points
    accept that echo back (and only that language)."""
    echoed = {"tokenizer": "pre_tokenized_array", "language": "english"}
    config = parse_full_text_config(echoed, "[]string", WHERE)
    assert config is not None and config.case_sensitive is True
    attr = parse_attribute("tags", {"type": "[]string", "full_text_search": echoed}, None, "schema.tags")
    assert attr.full_text_search == config


def test_schema_endpoint_reports_the_option_over_http(api, unique_ns):
    write(api, unique_ns, {"upsert_rows": [{"id": 1, "title": "hello"}]})
    response = api.post(
        f"/v1/namespaces/{unique_ns}/schema",
        json={"title": {"type": "string", "full_text_search": {"case_sensitive": True, "stemming": True}}},
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"{WHERE}.stemming: ")
