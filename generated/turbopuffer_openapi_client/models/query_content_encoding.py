# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

QueryContentEncoding = Literal["gzip", "identity"]

QUERY_CONTENT_ENCODING_VALUES: set[QueryContentEncoding] = {
    "gzip",
    "identity",
}


def check_query_content_encoding(value: str) -> QueryContentEncoding:
    if value in QUERY_CONTENT_ENCODING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {QUERY_CONTENT_ENCODING_VALUES!r}")
