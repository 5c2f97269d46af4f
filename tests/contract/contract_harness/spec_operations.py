"""The operations the spec declares, read straight from spec/turbopuffer.yaml.

Suites assert coverage against this list, so an operation added to the spec without being
exercised makes them fail instead of silently going untested.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import yaml

from .paths import SPEC_PATH

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@dataclass(frozen=True)
class SpecOperation:
    operation_id: str
    method: str
    path: str
    destructive: bool

    @property
    def label(self) -> str:
        """The label schemathesis gives the operation (``POST /v2/namespaces/{namespace}``)."""
        return f"{self.method} {self.path}"


@functools.cache
def spec_operations() -> tuple[SpecOperation, ...]:
    document = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    found = []
    for path, item in document["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                operation = item[method]
                found.append(
                    SpecOperation(
                        operation_id=operation["operationId"],
                        method=method.upper(),
                        path=path,
                        destructive=method not in ("get", "head", "options"),
                    )
                )
    return tuple(found)


def operation(operation_id: str) -> SpecOperation:
    for candidate in spec_operations():
        if candidate.operation_id == operation_id:
            return candidate
    raise KeyError(f"spec/turbopuffer.yaml has no operation {operation_id!r}")
