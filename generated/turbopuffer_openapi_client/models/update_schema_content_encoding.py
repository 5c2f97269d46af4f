# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

UpdateSchemaContentEncoding = Literal["gzip", "identity"]

UPDATE_SCHEMA_CONTENT_ENCODING_VALUES: set[UpdateSchemaContentEncoding] = {
    "gzip",
    "identity",
}


def check_update_schema_content_encoding(value: str) -> UpdateSchemaContentEncoding:
    if value in UPDATE_SCHEMA_CONTENT_ENCODING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {UPDATE_SCHEMA_CONTENT_ENCODING_VALUES!r}")
