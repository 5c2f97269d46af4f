"""Parsing the JSON form of one attribute's schema (a type string or an options object) into the model.

The result always has every default resolved, so schema endpoints can echo effective options and
later comparisons (``changes.py``) compare like with like. Where the reference leaves a default
open we follow its recommendations: ``filterable`` is false when any of ``full_text_search``,
``regex``, ``glob`` or ``fuzzy`` is enabled; ``remove_stopwords`` defaults to false; the tokenizer
defaults to ``word_v4``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import serde_errors
from ..errors import bad_request
from ..fulltext.config import parse_full_text_config
from .model import DISTANCE_METRICS, AttributeSchema, AttributeType

KNOWN_OPTIONS = (
    "type",
    "filterable",
    "full_text_search",
    "regex",
    "glob",
    "fuzzy",
    "ann",
    "sparse_knn",
    "embed",
)
_TEXT_TYPES = ("string", "[]string")
ID_TYPES = ("uint", "string", "uuid")


def _expect(value: Any, kind: type | tuple[type, ...], expected: str, where: str) -> Any:
    if (isinstance(value, bool) and kind in (int, float, (int, float))) or not isinstance(value, kind):
        raise serde_errors.invalid_type(where, value, expected)
    return value


def parse_type(text: Any, where: str) -> AttributeType:
    _expect(text, str, serde_errors.STRING, where)
    try:
        return AttributeType.parse(text)
    except ValueError as exc:
        raise bad_request(f"{where}: {exc}") from None


def _parse_ann(value: Any, where: str) -> dict[str, Any] | None:
    if value is None or value is False:
        return None
    if value is True:
        return {}
    _expect(value, dict, "a boolean or struct AnnConfig", where)
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key == "distance_metric":
            out[key] = serde_errors.variant(item, f"{where}.{key}", DISTANCE_METRICS, "DistanceMetric")
        elif key == "late_interaction":
            out[key] = _expect(item, bool, serde_errors.BOOLEAN, f"{where}.{key}")
        else:
            raise serde_errors.unknown_field(where, key, ("distance_metric", "late_interaction"))
    return out


def _parse_sparse_knn(value: Any, where: str) -> dict[str, Any] | None:
    if value is None:
        return None
    # The spec and the official client type it as an object only (unlike `ann`, no boolean form).
    _expect(value, dict, serde_errors.struct("SparseKnnConfig"), where)
    serde_errors.reject_unknown_fields(value, ("distance_metric",), where)
    serde_errors.variant(
        value.get("distance_metric", "dot_product"),
        f"{where}.distance_metric",
        ("dot_product",),
        "SparseDistanceMetric",
    )
    return {"distance_metric": "dot_product"}


def parse_attribute(name: str, value: Any, existing: AttributeSchema | None, where: str) -> AttributeSchema:
    """One attribute's schema from JSON. The object form replaces every option of the attribute.

    ``type`` is required, as in the spec and the hosted API (a configuration without it is a 422,
    also for an attribute that already exists).
    """
    if isinstance(value, str):
        value = {"type": value}
    _expect(value, dict, "a string or struct AttributeSchema", where)
    serde_errors.reject_unknown_fields(value, KNOWN_OPTIONS, where)
    if "type" not in value:
        raise serde_errors.missing_field(where, "type")
    attr_type = parse_type(value["type"], f"{where}.type")
    if name == "id" and attr_type.text not in ID_TYPES:
        raise bad_request(
            f"{where}: the id attribute must be one of {', '.join(ID_TYPES)}, got {attr_type.text!r}"
        )

    fts = parse_full_text_config(value.get("full_text_search"), attr_type.text, f"{where}.full_text_search")
    flags = {
        flag: _expect(value.get(flag, False), bool, serde_errors.BOOLEAN, f"{where}.{flag}")
        for flag in ("regex", "glob", "fuzzy")
    }
    text_only = [
        opt
        for opt in ("full_text_search", "regex", "glob", "fuzzy")
        if (fts if opt == "full_text_search" else flags[opt])
    ]
    if text_only and attr_type.text not in _TEXT_TYPES:
        raise bad_request(
            f"{where}: {', '.join(text_only)} need a string or []string attribute, not {attr_type.text}"
        )

    if "filterable" in value:
        filterable = _expect(value["filterable"], bool, serde_errors.BOOLEAN, f"{where}.filterable")
    else:
        filterable = not text_only and attr_type.text != "bytes"
    if attr_type.is_vector:
        filterable = False
    if filterable and attr_type.text == "bytes":
        raise bad_request(f"{where}: bytes attributes cannot be filterable")

    ann = _parse_ann(value.get("ann"), f"{where}.ann")
    if ann is not None and attr_type.kind not in ("vector", "multivector"):
        raise bad_request(
            f"{where}.ann: only dense vector attributes have an ANN index, not {attr_type.text}"
        )
    if attr_type.kind == "vector" and ann is None:
        ann = {}  # dense vectors are always searchable; the metric is filled in from the namespace
    sparse = _parse_sparse_knn(value.get("sparse_knn"), f"{where}.sparse_knn")
    if sparse is not None and attr_type.kind != "sparse":
        raise bad_request(
            f"{where}.sparse_knn: only {{}}f16 attributes have a sparse index, not {attr_type.text}"
        )
    if attr_type.kind == "sparse" and sparse is None:
        sparse = {"distance_metric": "dot_product"}

    embed = value.get("embed")
    if embed is not None:
        if attr_type.text != "string":
            raise bad_request(f"{where}.embed: native embedding needs a string attribute")
        _expect(embed, (str, dict), "a string or a map", f"{where}.embed")
        if isinstance(embed, dict):
            if "model" not in embed:
                raise serde_errors.missing_field(f"{where}.embed", "model")
            _expect(embed["model"], str, serde_errors.STRING, f"{where}.embed.model")

    return AttributeSchema(
        type=attr_type,
        filterable=filterable,
        full_text_search=fts,
        regex=flags["regex"],
        glob=flags["glob"],
        fuzzy=flags["fuzzy"],
        ann=ann,
        sparse_knn=sparse,
        embed=embed,
    )


@dataclass(frozen=True)
class DropAttribute:
    """A schema change ``{"drop": true}``: remove the attribute from the schema and every document."""


DROP = DropAttribute()
SchemaChange = AttributeSchema | DropAttribute


def _is_drop(value: Any) -> bool:
    return isinstance(value, dict) and "drop" in value


def parse_drop(value: dict[str, Any], where: str) -> DropAttribute:
    """``{"drop": true}`` exactly: the spec and the official client (AttributeSchemaDropParam) make
    ``drop`` a ``const: true`` that cannot be combined with other settings, so anything else is the
    wrong JSON shape (422)."""
    others = sorted(key for key in value if key != "drop")
    if others:
        raise serde_errors.unknown_field(where, others[0], ("drop",))
    if value["drop"] is not True:
        drop = value["drop"]
        render = serde_errors.invalid_value if isinstance(drop, bool) else serde_errors.invalid_type
        raise render(f"{where}.drop", drop, "true")
    return DROP


def _parse_map(
    body: Any, current: dict[str, AttributeSchema], where: str, *, allow_drop: bool
) -> dict[str, Any]:
    _expect(body, dict, serde_errors.MAP, where)
    from .names import validate_attribute_name

    out: dict[str, Any] = {}
    for name, value in body.items():
        validate_attribute_name(name, where)
        at = f"{where}.{name}"
        if allow_drop and _is_drop(value):
            out[name] = parse_drop(value, at)
        else:
            out[name] = parse_attribute(name, value, current.get(name), at)
    return out


def parse_schema_map(
    body: Any, current: dict[str, AttributeSchema], where: str
) -> dict[str, AttributeSchema]:
    """A complete ``{attr: AttributeSchema}`` map (a stored schema: no drops)."""
    return _parse_map(body, current, where, allow_drop=False)


def parse_schema_changes(
    body: Any, current: dict[str, AttributeSchema], where: str
) -> dict[str, SchemaChange]:
    """The changes of a write's ``schema`` field or a schema endpoint body: schemas or ``DROP``."""
    return _parse_map(body, current, where, allow_drop=True)
