"""TypedDicts for the namespace handle's object-valued arguments, read from the spec.

A component schema that is a closed object (``additionalProperties: false`` with ``properties``, such
as ``LimitConfig`` or ``ConsistencyEventual``) is exactly what a ``TypedDict`` describes: known keys,
each typed, the ``required`` ones marked ``Required``, and no others. It becomes ``<Name>Param`` in the
generated ``params`` module; a named schema whose type contains one (the ``Consistency`` union,
``QueryLimit`` = ``int | LimitConfig``) becomes a ``<Name>Param`` type alias, so signatures read
``consistency: ConsistencyParam | None``. Open objects (``DocumentColumns``, a document row) keep
``Mapping[str, Any]``: a TypedDict would refuse their attribute keys.

Query-language families and forms still resolve to ``lang._types`` (the handle and the ``params``
module qualify them with ``lang_types.``); a closed object that is a family member (``RerankByModel``)
gets its TypedDict like any other.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .query_language import QueryLanguage, _Reader
from .spec import Schema

SUFFIX = "Param"


@dataclass
class TypedField:
    wire_name: str
    annotation: str
    required: bool
    description: str


@dataclass
class RequestType:
    """``fields`` is set for a TypedDict; ``alias`` (an annotation) for a type alias."""

    name: str
    schema_name: str
    description: str
    fields: list[TypedField] = field(default_factory=list)
    alias: str | None = None

    @property
    def class_syntax(self) -> bool:
        """Class syntax needs every key to be an identifier that is not a keyword."""
        return all(f.wire_name.isidentifier() and not keyword.iskeyword(f.wire_name) for f in self.fields)


def is_closed_object(schema: Any) -> bool:
    return (
        isinstance(schema, dict)
        and schema.get("additionalProperties") is False
        and isinstance(schema.get("properties"), dict)
        and not (schema.get("anyOf") or schema.get("oneOf") or schema.get("allOf"))
    )


def _description(schema: Schema) -> str:
    return " ".join(str(schema.get("description") or "").split())


class RequestTypeReader(_Reader):
    """The handle's annotation reader: closed objects become TypedDicts instead of ``Mapping[str, Any]``."""

    def __init__(self, document: dict[str, Any], language: QueryLanguage) -> None:
        super().__init__(document)
        self.forms = {f.name: f for f in language.forms}
        self.request_types: dict[str, RequestType] = {}

    def _ref_annotation(self, name: str, stack: tuple[str, ...]) -> str:
        if name in self.family_names or name in self.forms:
            return super()._ref_annotation(name, stack)
        wanted = f"{name}{SUFFIX}"
        if wanted in self.request_types:
            return wanted
        target = self.schemas.get(name, {})
        if is_closed_object(target):
            return self._register_typed_dict(name, target)
        if name in stack:
            return "Any"
        annotation = super()._ref_annotation(name, stack)
        if any(re.search(rf"\b{re.escape(n)}\b", annotation) for n in self.request_types):
            self.request_types[wanted] = RequestType(wanted, name, _description(target), alias=annotation)
            return wanted
        return annotation

    def _register_typed_dict(self, name: str, schema: Schema) -> str:
        typed = RequestType(f"{name}{SUFFIX}", name, _description(schema))
        self.request_types[typed.name] = typed  # registered first: recursion resolves to the name
        required = set(schema.get("required", []))
        for wire_name, sub_schema in schema["properties"].items():
            typed.fields.append(
                TypedField(
                    wire_name=str(wire_name),
                    annotation=self.annotation(sub_schema, (name,)),
                    required=wire_name in required,
                    description=_description(sub_schema if isinstance(sub_schema, dict) else {}),
                )
            )
        return typed.name

    def definitions(self, qualify: Callable[[str], str]) -> list[RequestType]:
        """Every registered type, by name, with ``qualify`` applied to its annotations."""
        result = []
        for name in sorted(self.request_types):
            typed = self.request_types[name]
            result.append(
                RequestType(
                    typed.name,
                    typed.schema_name,
                    typed.description,
                    [
                        TypedField(f.wire_name, qualify(f.annotation), f.required, f.description)
                        for f in typed.fields
                    ],
                    None if typed.alias is None else qualify(typed.alias),
                )
            )
        return result
