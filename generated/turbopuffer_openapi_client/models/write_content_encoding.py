# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

WriteContentEncoding = Literal["gzip", "identity"]

WRITE_CONTENT_ENCODING_VALUES: set[WriteContentEncoding] = {
    "gzip",
    "identity",
}


def check_write_content_encoding(value: str) -> WriteContentEncoding:
    if value in WRITE_CONTENT_ENCODING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WRITE_CONTENT_ENCODING_VALUES!r}")
