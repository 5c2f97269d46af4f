"""What a namespace file says about its namespace: name, schema and distance metric.

``TransferError`` is the one error of this package: its message is one line a user can act on
(which file, which line or row, what is wrong), printed by the CLI without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import ApiError
from ..namespaces.names import validate_namespace_name

FORMAT_VERSION = 1
DISTANCE_METRICS = ("cosine_distance", "euclidean_squared")

Row = dict[str, Any]


class TransferError(Exception):
    """A failure to read, write or move a namespace, with a one-line message for the user."""


@dataclass(frozen=True)
class Header:
    namespace: str
    schema: dict[str, Any] = field(default_factory=dict)
    distance_metric: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "namespace": self.namespace,
            "distance_metric": self.distance_metric,
            "schema": self.schema,
        }

    def renamed(self, namespace: str) -> Header:
        return Header(check_namespace(namespace, "--namespace"), self.schema, self.distance_metric)


def check_namespace(name: object, where: str) -> str:
    if not isinstance(name, str):
        raise TransferError(f"{where}: the namespace name must be a string, got {name!r}")
    try:
        validate_namespace_name(name)
    except ApiError as exc:
        raise TransferError(f"{where}: {exc.message}") from None
    return name


def header_from_json(value: object, where: str) -> Header:
    """Check a header object (a JSONL first line, or Parquet metadata gathered into one)."""
    if not isinstance(value, dict) or "namespace" not in value:
        raise TransferError(
            f"{where}: the first line must be a header object "
            '{"namespace": ..., "schema": {...}, "distance_metric": ...}'
        )
    version = value.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise TransferError(
            f"{where}: file format version {version!r} is not supported (only {FORMAT_VERSION})"
        )
    unknown = set(value) - {"version", "namespace", "schema", "distance_metric"}
    if unknown:
        raise TransferError(f"{where}: unknown header field(s) {', '.join(sorted(unknown))}")
    name = check_namespace(value["namespace"], where)
    schema = value.get("schema") or {}
    if not isinstance(schema, dict):
        raise TransferError(f"{where}: the header's schema must be an object of attribute -> type")
    metric = value.get("distance_metric")
    if metric is not None and metric not in DISTANCE_METRICS:
        raise TransferError(
            f"{where}: distance_metric must be one of {', '.join(DISTANCE_METRICS)}, got {metric!r}"
        )
    return Header(name, clean_schema(schema), metric or distance_metric_of(schema))


def clean_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A schema as a write accepts it: options that are null (some servers echo
    ``"full_text_search": null``) are left out."""
    out: dict[str, Any] = {}
    for name, config in schema.items():
        if isinstance(config, dict):
            out[name] = {key: value for key, value in config.items() if value is not None}
        else:
            out[name] = config
    return out


def distance_metric_of(schema: dict[str, Any]) -> str | None:
    """The namespace's distance metric, as the schema of its ANN vector attributes reports it."""
    for config in schema.values():
        if isinstance(config, dict) and isinstance(config.get("ann"), dict):
            metric = config["ann"].get("distance_metric")
            if isinstance(metric, str):
                return metric
    return None


def attribute_type(config: object) -> str | None:
    """The type string of one schema entry (a bare string or ``{"type": ...}``)."""
    if isinstance(config, str):
        return config
    if isinstance(config, dict) and isinstance(config.get("type"), str):
        return str(config["type"])
    return None
