# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

VectorEncoding = Literal["base64", "float"]

VECTOR_ENCODING_VALUES: set[VectorEncoding] = {
    "base64",
    "float",
}


def check_vector_encoding(value: str) -> VectorEncoding:
    if value in VECTOR_ENCODING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VECTOR_ENCODING_VALUES!r}")
