"""Namespace-name rules (reference 1.7): ``[A-Za-z0-9-_.]{1,128}``, and never the path segments ``.``/``..``."""

from __future__ import annotations

import re

from ..errors import bad_request

MAX_NAMESPACE_NAME = 128
_NAME = re.compile(r"^[A-Za-z0-9_.\-]{1,128}$")


def validate_namespace_name(name: str) -> str:
    if not _NAME.match(name):
        raise bad_request(
            f"invalid namespace name {name!r}: must be 1 to {MAX_NAMESPACE_NAME} characters of "
            "A-Z, a-z, 0-9, '-', '_' and '.'"
        )
    if name in (".", ".."):
        raise bad_request(f"invalid namespace name {name!r}: '.' and '..' are reserved")
    return name
