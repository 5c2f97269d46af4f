# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

UpdateMetadataContentEncoding = Literal["gzip", "identity"]

UPDATE_METADATA_CONTENT_ENCODING_VALUES: set[UpdateMetadataContentEncoding] = {
    "gzip",
    "identity",
}


def check_update_metadata_content_encoding(value: str) -> UpdateMetadataContentEncoding:
    if value in UPDATE_METADATA_CONTENT_ENCODING_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {UPDATE_METADATA_CONTENT_ENCODING_VALUES!r}"
    )
