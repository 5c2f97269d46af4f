# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

StartCopyFromContentEncoding = Literal["gzip", "identity"]

START_COPY_FROM_CONTENT_ENCODING_VALUES: set[StartCopyFromContentEncoding] = {
    "gzip",
    "identity",
}


def check_start_copy_from_content_encoding(value: str) -> StartCopyFromContentEncoding:
    if value in START_COPY_FROM_CONTENT_ENCODING_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {START_COPY_FROM_CONTENT_ENCODING_VALUES!r}"
    )
