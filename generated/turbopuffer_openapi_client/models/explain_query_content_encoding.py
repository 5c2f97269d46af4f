# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

ExplainQueryContentEncoding = Literal["gzip", "identity"]

EXPLAIN_QUERY_CONTENT_ENCODING_VALUES: set[ExplainQueryContentEncoding] = {
    "gzip",
    "identity",
}


def check_explain_query_content_encoding(value: str) -> ExplainQueryContentEncoding:
    if value in EXPLAIN_QUERY_CONTENT_ENCODING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EXPLAIN_QUERY_CONTENT_ENCODING_VALUES!r}")
