"""Read the query language ("turbolisp") out of the REAL spec.

Every expression form is a named component schema: a JSON array described by ``prefixItems`` with one
``const`` string position (the operator), closed by ``minItems``/``maxItems``. Families are ``anyOf``
unions marked ``x-tpuf-lang``. From them we derive, without listing anything by hand:

* one Python type alias per form (a union of the tuple lengths the form allows),
* one alias per family (the union of its members; recursion stays a named forward reference),
* one builder function per form of a family (named after the operator).

openapi-python-client cannot model these tuples (see the toolchain notes), so this module is the only
place the generated package learns the grammar from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .naming import safe_identifier, snake_case, unique
from .spec import Schema, component_schemas, ref_name

LANG_KEY = "x-tpuf-lang"
VECTOR_ALIAS = "VectorLike"
_NO_CONST = object()


@dataclass
class Position:
    """One element of a tuple form: either the constant operator or a parameter."""

    index: int
    annotation: str
    const: Any = _NO_CONST
    name: str = ""
    optional: bool = False
    description: str = ""

    @property
    def is_const(self) -> bool:
        return self.const is not _NO_CONST

    @property
    def const_literal(self) -> str:
        return _py_literal(self.const)


@dataclass
class Form:
    """A named tuple schema such as ``FilterEq`` = ``[attr, "Eq", value]``."""

    name: str
    positions: list[Position]
    min_items: int
    description: str
    operator: str | None

    @property
    def params(self) -> list[Position]:
        return [p for p in self.positions if not p.is_const]

    @property
    def lengths(self) -> list[int]:
        return list(range(len(self.positions), self.min_items - 1, -1))

    def tuple_annotation(self, length: int) -> str:
        parts = [
            f"Literal[{p.const_literal}]" if p.is_const else p.annotation for p in self.positions[:length]
        ]
        return f"tuple[{', '.join(parts)}]"

    @property
    def alias_annotation(self) -> str:
        return " | ".join(self.tuple_annotation(n) for n in sorted(self.lengths))

    def tuple_expression(self, length: int) -> str:
        items = [p.const_literal if p.is_const else p.name for p in self.positions[:length]]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"

    def condition_for(self, length: int) -> str:
        """The test under which the tuple of ``length`` is built (all optionals up to it are given)."""
        needed = [p.name for p in self.positions[:length] if p.optional and not p.is_const]
        return " and ".join(f"{name} is not None" for name in needed)


@dataclass
class Alias:
    """A named member of a family that is not a tuple form (an object, a list of tuples...)."""

    name: str
    annotation: str
    description: str


@dataclass
class Family:
    name: str
    lang: str
    module: str
    members: list[str]
    forms: list[Form] = field(default_factory=list)
    description: str = ""
    builders: dict[str, str] = field(default_factory=dict)  # form name -> builder function name
    # forms a non-tuple member holds as values (``GroupByNamedFunction`` -> ``GroupByForEachUnique``)
    value_forms: list[Form] = field(default_factory=list)

    @property
    def builder_forms(self) -> list[Form]:
        """Every form the family's Python module has a builder for: its members, then their values."""
        return self.forms + [form for form in self.value_forms if form not in self.forms]

    @property
    def alias_annotation(self) -> str:
        return " | ".join(self.members) or "Any"


@dataclass
class QueryLanguage:
    families: list[Family]
    forms: list[Form]
    aliases: list[Alias]

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.families] + [f.name for f in self.forms] + [a.name for a in self.aliases]


def _py_literal(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def _description(schema: Schema) -> str:
    text = schema.get("description") or schema.get("title") or ""
    return " ".join(str(text).split())


def is_tuple_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and isinstance(schema.get("prefixItems"), list)


class _Reader:
    """Walks the schemas once; ``annotation`` registers forms lazily as they are referenced."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.schemas = component_schemas(document)
        self.family_names = [n for n, s in self.schemas.items() if isinstance(s, dict) and LANG_KEY in s]
        self.forms: dict[str, Form] = {}
        self.aliases: dict[str, Alias] = {}
        self._in_progress: set[str] = set()

    # -- type annotations ------------------------------------------------------------------------
    def annotation(self, schema: Any, stack: tuple[str, ...] = ()) -> str:
        if not isinstance(schema, dict) or schema is True:
            return "Any"
        name = ref_name(schema)
        if name is not None:
            return self._ref_annotation(name, stack)
        if "const" in schema:
            return f"Literal[{_py_literal(schema['const'])}]"
        if "enum" in schema:
            values = [v for v in schema["enum"] if v is not None]
            text = f"Literal[{', '.join(_py_literal(v) for v in values)}]" if values else "None"
            return text + (" | None" if None in schema["enum"] and values else "")
        for key in ("anyOf", "oneOf"):
            if key in schema:
                return _union(self.annotation(s, stack) for s in schema[key])
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self.annotation(schema["allOf"][0], stack)
        kind = schema.get("type")
        if isinstance(kind, list):
            return _union(self.annotation({**schema, "type": k}, stack) for k in kind)
        if is_tuple_schema(schema):
            inline = self._form_from_schema("", schema, stack)
            return " | ".join(inline.tuple_annotation(n) for n in sorted(inline.lengths))
        if kind == "array" or "items" in schema:
            items = self.annotation(schema.get("items", {}), stack)
            return VECTOR_ALIAS if items == "float" else f"Sequence[{items}]"
        simple = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}
        if kind in simple:
            return simple[kind]
        if kind == "object" or "properties" in schema or "additionalProperties" in schema:
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra and not schema.get("properties"):
                return f"Mapping[str, {self.annotation(extra, stack)}]"
            return "Mapping[str, Any]"
        return "Any"

    def _ref_annotation(self, name: str, stack: tuple[str, ...]) -> str:
        if name in self.family_names or name in self.forms or name in self.aliases:
            return name
        target = self.schemas.get(name, {})
        if is_tuple_schema(target):
            self.register_form(name)
            return name
        if name in stack:
            return "Any"
        return self.annotation(target, stack + (name,))

    # -- forms -----------------------------------------------------------------------------------
    def register_form(self, name: str) -> Form:
        if name not in self.forms:
            placeholder = Form(name, [], 0, "", None)
            self.forms[name] = placeholder  # recursion through $ref resolves to the name
            built = self._form_from_schema(name, self.schemas[name], (name,))
            placeholder.__dict__.update(built.__dict__)
        return self.forms[name]

    def _form_from_schema(self, name: str, schema: Schema, stack: tuple[str, ...]) -> Form:
        items = schema["prefixItems"]
        min_items = int(schema.get("minItems", len(items)))
        positions: list[Position] = []
        operator: str | None = None
        for index, item in enumerate(items):
            item = item if isinstance(item, dict) else {}
            const = item.get("const", _NO_CONST)
            if const is _NO_CONST and isinstance(item.get("enum"), list) and len(item["enum"]) == 1:
                const = item["enum"][0]
            if const is not _NO_CONST:
                positions.append(Position(index, "", const=const))
                if operator is None and isinstance(const, str):
                    operator = const
                continue
            positions.append(
                Position(
                    index,
                    self.annotation(item, stack),
                    optional=index >= min_items,
                    description=_description(item),
                )
            )
        self._name_params(items, positions, _operator_index(positions), _signature_names(schema))
        return Form(name, positions, min(min_items, len(items)), _description(schema), operator)

    def _name_params(
        self,
        items: list[Any],
        positions: list[Position],
        operator_index: int | None,
        signature: list[str | None] | None,
    ) -> None:
        """Parameter names come from the form's own signature in its description
        (`` `[attribute, "Eq", operand]` ``) when it has one of the right length, else from the schema."""
        taken: set[str] = set()
        for position in positions:
            if position.is_const:
                continue
            item = items[position.index] if isinstance(items[position.index], dict) else {}
            from_signature = (
                signature[position.index] if signature and len(signature) == len(positions) else None
            )
            wanted = from_signature or self._param_name(item, position, operator_index)
            position.name = unique(wanted, taken)

    def _param_name(self, item: Schema, position: Position, operator_index: int | None) -> str:
        explicit = item.get("x-tpuf-name") or item.get("title")
        if explicit:
            return snake_case(str(explicit))
        target = ref_name(item)
        if target is None and isinstance(item.get("items"), dict):
            inner = ref_name(item["items"])
            if inner in self.family_names:
                return snake_case(inner) + "s"
        if target in self.family_names:
            return snake_case(target)
        if target and "attribute" in target.lower():
            return "attr"
        if operator_index is not None and position.index < operator_index:
            return "attr"
        if position.annotation.startswith("Mapping"):
            return "params"
        if target:
            for suffix, name in _REF_SUFFIX_NAMES:
                if target.endswith(suffix):
                    return name
            return snake_case(target)
        return "value"


_REF_SUFFIX_NAMES = (
    ("ValueList", "values"),
    ("Value", "value"),
    ("Pattern", "pattern"),
    ("Query", "query"),
    ("Params", "params"),
    ("Config", "params"),
    ("Vector", "vector"),
    ("Operand", "operand"),
)


def _signature_names(schema: Schema) -> list[str | None] | None:
    """Names from a description starting with a signature such as `` `["Saturate", score, {midpoint}]` ``.

    Quoted items are constants (``None``); ``[filter, ...]`` is named ``filters``; ``{...}`` ``params``.
    """
    text = str(schema.get("description") or "")
    match = re.match(r"\s*`\[(.*?)\]`", text)
    if not match:
        return None
    names: list[str | None] = []
    for raw in _split_top_level(match.group(1)):
        item = raw.strip().rstrip("?")
        if not item or item.startswith('"'):
            names.append(None)
        elif item.startswith("["):
            inner = _split_top_level(item[1:].rstrip("]"))[0].strip()
            names.append(snake_case(inner) + "s" if inner.isidentifier() else "values")
        elif item.startswith("{"):
            names.append("params")
        elif item.isidentifier():
            names.append(snake_case(item))
        else:
            return None
    return names


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        if char in "[{(":
            depth += 1
        elif char in "]})":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _operator_index(positions: list[Position]) -> int | None:
    for position in positions:
        if position.is_const and isinstance(position.const, str):
            return position.index
    return None


def _union(parts: Any) -> str:
    seen: list[str] = []
    for part in parts:
        for piece in _split_union(part):
            if piece not in seen:
                seen.append(piece)
    if "Any" in seen:
        return "Any"
    return " | ".join(seen) if seen else "Any"


def _split_union(text: str) -> list[str]:
    """Split ``a | b[c | d]`` at top-level bars only."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char == "["
        depth -= char == "]"
        if char == "|" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [p for p in parts if p]


def read_query_language(document: dict[str, Any]) -> QueryLanguage:
    """Every family (``x-tpuf-lang``) with its members, forms and builders, in document order."""
    reader = _Reader(document)
    families: list[Family] = []
    taken_modules: set[str] = set()
    for family_name in reader.family_names:
        schema = reader.schemas[family_name]
        lang = str(schema.get(LANG_KEY) or family_name)
        family = Family(
            name=family_name,
            lang=lang,
            module=unique(snake_case(lang), taken_modules),
            members=[],
            description=_description(schema),
        )
        members = schema.get("anyOf") or schema.get("oneOf") or [schema]
        for index, member in enumerate(members):
            target = ref_name(member)
            if target is not None and target in reader.family_names:
                family.members.append(target)
            elif target is not None and is_tuple_schema(reader.schemas.get(target)):
                family.forms.append(reader.register_form(target))
                family.members.append(target)
            elif target is not None:
                alias = reader.aliases.get(target)
                if alias is None:
                    alias = Alias(target, "Any", _description(reader.schemas.get(target, {})))
                    reader.aliases[target] = alias  # registered first: recursion resolves to the name
                    alias.annotation = reader.annotation(reader.schemas.get(target, {}), (target,))
                family.members.append(target)
                for nested in _nested_forms(reader, reader.schemas.get(target, {})):
                    if nested not in family.value_forms:
                        family.value_forms.append(nested)
            elif is_tuple_schema(member):
                synthetic = f"{family_name}Form{index}"
                reader.schemas[synthetic] = member
                family.forms.append(reader.register_form(synthetic))
                family.members.append(synthetic)
            else:
                family.members.append(reader.annotation(member))
        _name_builders(family)
        families.append(family)
    for name, schema in list(reader.schemas.items()):
        if is_tuple_schema(schema):
            reader.register_form(name)  # tuples reached only through objects still get an alias
    return QueryLanguage(families, list(reader.forms.values()), list(reader.aliases.values()))


def _nested_forms(reader: _Reader, schema: Any) -> list[Form]:
    """Tuple forms a non-tuple member holds as its values or items (``GroupByNamedFunction`` =
    ``{output_name: GroupByForEachUnique}``): the family builds them too, so ``lang.group_by`` has
    ``ForEachUnique(attr)`` for the value of a named group key."""
    if not isinstance(schema, dict):
        return []
    forms = []
    for key in ("additionalProperties", "items"):
        target = ref_name(schema.get(key))
        if (
            target is not None
            and target not in reader.family_names
            and is_tuple_schema(reader.schemas.get(target))
        ):
            forms.append(reader.register_form(target))
    return forms


def _name_builders(family: Family) -> None:
    """A builder is named after its operator (``Eq``, ``ANN``, ``Sum``) unless two forms of the family
    share one; then those are named after their schema (``ScoreProductWeightFirst``)."""
    counts: dict[str, int] = {}
    for form in family.builder_forms:
        if form.operator and form.operator.isidentifier():
            counts[form.operator] = counts.get(form.operator, 0) + 1
    taken: set[str] = {form.name for form in family.builder_forms}  # must not shadow the type aliases
    for form in family.builder_forms:
        wanted = form.operator if form.operator and counts.get(form.operator) == 1 else _variant_name(form)
        family.builders[form.name] = unique(safe_identifier(str(wanted)), taken)


def _variant_name(form: Form) -> str:
    """``ScoreMaxPair`` -> ``MaxPair``, ``AggregateByCountAttribute`` -> ``CountAttribute``: the schema
    name from the operator on, which tells two forms of one operator apart."""
    if form.operator and form.operator in form.name:
        return form.name[form.name.index(form.operator) :]
    return form.name + "_"
