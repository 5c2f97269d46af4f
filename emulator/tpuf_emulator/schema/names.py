"""Attribute-name rules (reference 1.7/1.8): at most 128 bytes, never starting with ``$``."""

from __future__ import annotations

from ..errors import bad_request

MAX_ATTRIBUTE_NAME_BYTES = 128
MAX_ATTRIBUTES = 1024


def validate_attribute_name(name: str, where: str) -> str:
    if not name:
        raise bad_request(f"{where}: attribute names must not be empty")
    if name.startswith("$"):
        raise bad_request(
            f"{where}: attribute name {name!r} is invalid: names starting with '$' are reserved"
        )
    if len(name.encode()) > MAX_ATTRIBUTE_NAME_BYTES:
        raise bad_request(
            f"{where}: attribute name {name[:40]!r}... is longer than {MAX_ATTRIBUTE_NAME_BYTES} bytes"
        )
    return name
