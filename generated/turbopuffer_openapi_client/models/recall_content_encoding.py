# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

RecallContentEncoding = Literal["gzip", "identity"]

RECALL_CONTENT_ENCODING_VALUES: set[RecallContentEncoding] = {
    "gzip",
    "identity",
}


def check_recall_content_encoding(value: str) -> RecallContentEncoding:
    if value in RECALL_CONTENT_ENCODING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RECALL_CONTENT_ENCODING_VALUES!r}")
