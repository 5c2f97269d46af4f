"""The rows of the parity ledger: read from the spec, plus the hand-kept ``ledger.yaml``.

* **Endpoints**: one row per operation of ``spec/turbopuffer.yaml``; key ``"POST /v2/namespaces/{namespace}/query"``.
* **Request fields**: one row per top-level request-body property and query parameter of each
  operation; key ``"<operationId>.<field>"`` (``"query.rank_by"``, ``"listNamespaces.prefix"``).
  A body that is a bare map (``updateSchema``) has one row, ``"<operationId>.*"``.
* **Query-language operators**: one row per operator of each ``x-tpuf-lang`` family (forms that
  share an operator, such as ``["Max", [...]]`` and ``["Max", a, b]``, are one row); key
  ``"<Family>.<operator>"`` (``"Filter.In"``, ``"RankBy.ANN"``, ``"ScoreExpression.Decay"``).
  A form reachable from several families belongs to the first one in document order.
* **Behaviours**: the documented behaviours listed in ``ledger.yaml``; key as written there.

Every row is *same as hosted* unless ``ledger.yaml`` says otherwise, with a reason.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "spec" / "turbopuffer.yaml"
LEDGER_PATH = Path(__file__).with_name("ledger.yaml")
HTTP_METHODS = ("get", "put", "post", "delete", "patch")
LANG_KEY = "x-tpuf-lang"
_SCHEMA_PREFIX = "#/components/schemas/"


class Status(Enum):
    SAME = "same as hosted"
    DIFFERS = "differs"
    NOT_EMULATED = "not emulated"


class Section(Enum):
    ENDPOINTS = "Endpoints"
    FIELDS = "Request fields per operation"
    OPERATORS = "Query-language operators"
    BEHAVIOURS = "Behaviours"


@dataclass(frozen=True)
class Row:
    """One line of the ledger. ``group`` is the sub-table it is shown in (an operation, a family...)."""

    key: str
    section: Section
    group: str
    label: str
    status: Status = Status.SAME
    why: str = ""


class LedgerError(ValueError):
    """``ledger.yaml`` does not fit the catalogue (unknown key, missing reason...)."""


# -- the spec -------------------------------------------------------------------------------------


@functools.cache
def _spec() -> dict[str, Any]:
    document = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert isinstance(document, dict), SPEC_PATH
    return document


def _schemas() -> dict[str, Any]:
    schemas = _spec()["components"]["schemas"]
    assert isinstance(schemas, dict)
    return schemas


def _ref_name(node: Any) -> str | None:
    ref = node.get("$ref") if isinstance(node, dict) else None
    return ref[len(_SCHEMA_PREFIX) :] if isinstance(ref, str) and ref.startswith(_SCHEMA_PREFIX) else None


def _resolve(node: Any) -> Any:
    """Follow ``$ref`` pointers (local JSON pointers) to the node they name."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        target: Any = _spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in _spec()["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield method.upper(), path, item[method]


def endpoint_key(method: str, path: str) -> str:
    return f"{method} {path}"


def _endpoint_rows() -> list[Row]:
    rows = []
    for method, path, operation in _operations():
        tag = (operation.get("tags") or ["Other"])[0]
        label = f"`{operation['operationId']}`: {operation.get('summary', '')}"
        if operation.get("deprecated"):
            label += " (deprecated)"
        rows.append(Row(endpoint_key(method, path), Section.ENDPOINTS, str(tag), label))
    return rows


def _body_properties(schema: Any) -> tuple[list[str], bool]:
    """The top-level property names of a body schema (through ``oneOf``/``anyOf``/``allOf``), and
    whether the body is a bare map (``additionalProperties`` only)."""
    schema = _resolve(schema)
    names: list[str] = []
    for key in ("oneOf", "anyOf", "allOf"):
        for member in schema.get(key, []):
            for name in _body_properties(member)[0]:
                if name not in names:
                    names.append(name)
    for name in schema.get("properties", {}):
        if name not in names:
            names.append(str(name))
    bare_map = not names and isinstance(schema.get("additionalProperties"), dict)
    return names, bare_map


def _field_rows() -> list[Row]:
    rows = []
    for method, path, operation in _operations():
        op_id = str(operation["operationId"])
        group = f"`{op_id}`: `{method} {path}`"
        parameters = [_resolve(p) for p in operation.get("parameters", [])]
        for parameter in parameters:
            if parameter.get("in") == "query":
                name = parameter["name"]
                rows.append(Row(f"{op_id}.{name}", Section.FIELDS, group, f"query parameter `?{name}=`"))
        body = operation.get("requestBody")
        if body is None:
            continue
        schema = _resolve(body)["content"]["application/json"]["schema"]
        names, bare_map = _body_properties(schema)
        for name in names:
            rows.append(Row(f"{op_id}.{name}", Section.FIELDS, group, f"body field `{name}`"))
        if bare_map:
            rows.append(Row(f"{op_id}.*", Section.FIELDS, group, "the body: `{attribute: schema, ...}`"))
    return rows


_SIGNATURE = re.compile(r"`(\[[^`]*\]|\{[^`]*\})`")


def _signature(schema: Any) -> str:
    """The form's own signature from its description (`` `["Max", a, b]` ``), else its shape."""
    schema = _resolve(schema)
    match = _SIGNATURE.search(str(schema.get("description") or ""))
    if match:
        return f"`{match.group(1)}`"
    if schema.get("properties"):
        return "`{" + ", ".join(schema["properties"]) + "}`"
    return "`attribute`" if schema.get("type") == "string" else "`...`"


def _operator_of(schema: Any) -> str | None:
    """The operator of a tuple form: its one string ``const`` position."""
    for item in schema.get("prefixItems", []) if isinstance(schema, dict) else []:
        if isinstance(item, dict) and isinstance(item.get("const"), str):
            return str(item["const"])
    return None


def _member_operator(family: str, member: Any) -> str:
    """The row name of a family member: a tuple's operator; the operator of the tuple an object maps
    to (``{name: ["ForEachUnique", attr]}``); an object's one required key (``$ref_new``); else the
    schema name without the family prefix (``RerankByModel`` -> ``Model``)."""
    name = _ref_name(member) or family
    schema = _resolve(member)
    operator = _operator_of(schema) or _operator_of(_resolve(schema.get("additionalProperties")))
    if operator:
        return operator
    required = schema.get("required", [])
    if schema.get("type") == "object" and len(required) == 1:
        return str(required[0])
    return name.removeprefix(family) or name


def _operator_rows() -> list[Row]:
    schemas = _schemas()
    families = [name for name, schema in schemas.items() if isinstance(schema, dict) and LANG_KEY in schema]
    rows: dict[str, Row] = {}
    seen_forms: set[str] = set()
    for family in families:
        schema = schemas[family]
        members = schema.get("anyOf") or schema.get("oneOf") or [{"$ref": _SCHEMA_PREFIX + family}]
        for member in members:
            form = _ref_name(member) or ""
            if form in families and form != family or form in seen_forms:
                continue
            seen_forms.add(form)
            operator = _member_operator(family, member)
            key = f"{family}.{operator}"
            label = _signature(member)
            if key in rows:
                label = f"{rows[key].label} or {label}"
            rows[key] = Row(key, Section.OPERATORS, f"`{family}`", label)
    return list(rows.values())


# -- the hand-kept ledger -------------------------------------------------------------------------


def _ledger() -> dict[str, Any]:
    data = yaml.safe_load(LEDGER_PATH.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise LedgerError(f"{LEDGER_PATH}: expected a mapping with `statuses` and `behaviours`")
    return data


def _status(entry: Mapping[str, Any], where: str) -> tuple[Status, str]:
    try:
        status = Status(entry.get("status", Status.SAME.value))
    except ValueError:
        allowed = ", ".join(repr(s.value) for s in Status)
        raise LedgerError(f"{where}: status must be one of {allowed}, not {entry.get('status')!r}") from None
    why = " ".join(str(entry.get("why") or "").split())
    if status is not Status.SAME and not why:
        raise LedgerError(f"{where}: a {status.value!r} row needs a `why`")
    return status, why


def _behaviour_rows(behaviours: Any) -> list[Row]:
    rows = []
    for group, entries in (behaviours or {}).items():
        for key, entry in entries.items():
            where = f"{LEDGER_PATH.name}: behaviours.{group}.{key}"
            if not isinstance(entry, dict) or not entry.get("title"):
                raise LedgerError(f"{where}: needs a `title` (and `status`/`why` unless same as hosted)")
            status, why = _status(entry, where)
            label = str(entry["title"]) + (f" ({entry['ref']})" if entry.get("ref") else "")
            rows.append(Row(str(key), Section.BEHAVIOURS, str(group), label, status, why))
    return rows


@functools.cache
def catalogue() -> tuple[Row, ...]:
    """Every row of the ledger, in document order, with the statuses of ``ledger.yaml`` applied."""
    ledger = _ledger()
    rows = _endpoint_rows() + _field_rows() + _operator_rows() + _behaviour_rows(ledger.get("behaviours"))
    by_key: dict[str, Row] = {}
    for row in rows:
        if row.key in by_key:
            raise LedgerError(f"two ledger rows share the key {row.key!r}")
        by_key[row.key] = row
    for key, entry in (ledger.get("statuses") or {}).items():
        where = f"{LEDGER_PATH.name}: statuses.{key}"
        if key not in by_key:
            raise LedgerError(f"{where}: no such row in the spec (keys look like {_key_examples()})")
        if not isinstance(entry, dict):
            raise LedgerError(f"{where}: expected `status` and `why`")
        status, why = _status(entry, where)
        row = by_key[key]
        by_key[key] = Row(row.key, row.section, row.group, row.label, status, why)
    return tuple(by_key.values())


def _key_examples() -> str:
    return "'POST /v2/namespaces/{namespace}/query', 'query.rank_by', 'Filter.In'"
