"""Load spec/turbopuffer.yaml once and follow its local ``$ref``s."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "spec" / "turbopuffer.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@functools.cache
def load_spec() -> dict[str, Any]:
    """The parsed spec (cached: treat it as read-only)."""
    document: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return document


def resolve(node: Any, document: dict[str, Any] | None = None) -> Any:
    """Follow `$ref`s (local JSON pointers into ``document``, the spec by default) until a node without one."""
    spec = load_spec() if document is None else document
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def operations(document: dict[str, Any] | None = None) -> list[tuple[str, str, dict[str, Any]]]:
    """Every (METHOD, path, operation object) of the spec."""
    spec = load_spec() if document is None else document
    found = []
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                found.append((method.upper(), path, item[method]))
    return found
