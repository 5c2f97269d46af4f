"""Every check of an official client's surface against the spec, each returning the gaps it finds.

The spec may go beyond the client, never fall short of it. A gap is one thing the client knows
that the spec lacks or describes differently: an operation, a field, an enum value, a query-language
form, or another difference (JSON type, required-ness, nullability). The fidelity test runs each
check on the pinned client and expects no gaps; ``make drift`` runs ``compare`` on the newest
client and prints ``render``'s report.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable
from typing import Any

import typing_extensions

from .spec_document import load_spec, operations, resolve
from .type_coverage import MISSING_FIELD, MISSING_VALUE, TypeCoverage, typeddict_key_required

if typing.TYPE_CHECKING:
    from .client_surface import ClientOperation

# The operations and query-language families every client version has: if introspection does not
# find them, the SDK's code shape changed and the comparison would be vacuous.
CORE_OPERATIONS = frozenset({"write", "query", "multi_query", "namespaces", "update_schema"})
CORE_LANGUAGE_FAMILIES = frozenset({"Filter", "RankBy", "Expr", "AggregateBy", "GroupBy", "RerankBy"})

KINDS = {
    "operation": "Operations the spec lacks",
    "field": "Fields the spec lacks, by client type",
    "enum": "Enum values the spec lacks",
    "language": "Query-language forms the spec lacks",
    "other": "Other differences (JSON type, required-ness, nullability)",
}


@dataclasses.dataclass(frozen=True)
class Gap:
    kind: str  # a key of KINDS
    context: str  # where it was found: "write (POST /v2/namespaces/{namespace}) request body"
    path: str  # the field path, alias or operation concerned
    message: str
    owner: str = ""  # for fields: the client type that declares the field

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclasses.dataclass
class ClientSurface:
    """What one official client version knows (see client_surface.py for how it is discovered)."""

    version: str
    operations: list[ClientOperation]
    language_aliases: dict[str, Any]
    literal_aliases: dict[str, tuple[Any, ...]]
    forward_refs: dict[str, Any]
    client_only_fields: set[str]

    @classmethod
    def installed(cls) -> ClientSurface:
        """The surface of the ``turbopuffer`` package importable in this interpreter."""
        from . import client_surface

        return cls(
            version=client_surface.client_version(),
            operations=client_surface.client_operations(),
            language_aliases=client_surface.language_aliases(),
            literal_aliases=client_surface.literal_aliases(),
            forward_refs=client_surface.forward_ref_namespace(),
            client_only_fields=client_surface.client_only_fields(),
        )


class Comparison:
    """The checks, for one client surface against one spec document."""

    def __init__(self, surface: ClientSurface, document: dict[str, Any] | None = None) -> None:
        self.surface = surface
        self.document = load_spec() if document is None else document

    # ---- helpers ----------------------------------------------------------------------------
    def coverage(self, direction: str, extra_skip: Iterable[str] = ()) -> TypeCoverage:
        return TypeCoverage(
            direction,
            forward_ref_namespace=self.surface.forward_refs,
            skip_fields=self.surface.client_only_fields | set(extra_skip),
            document=self.document,
        )

    def resolve(self, node: Any) -> Any:
        return resolve(node, self.document)

    def spec_operation(self, op: ClientOperation) -> dict[str, Any] | None:
        for method, path, spec_op in operations(self.document):
            if method == op.method and path == op.path:
                return spec_op
        return None

    def _path_parameter_names(self, spec_op: dict[str, Any], path: str) -> set[str]:
        item = self.document["paths"][path]
        params = [self.resolve(p) for p in item.get("parameters", []) + spec_op.get("parameters", [])]
        return {p["name"] for p in params if p["in"] == "path"}

    @staticmethod
    def _gaps(errors: Iterable[str], context: str) -> list[Gap]:
        gaps = []
        for error in errors:
            path, _, message = error.partition(": ")
            if MISSING_FIELD in message:
                owner = message.rpartition("(client type ")[2].rstrip(")")
                gaps.append(Gap("field", context, path, MISSING_FIELD, owner))
            elif message.startswith("Literal value") and message.endswith(MISSING_VALUE):
                gaps.append(Gap("enum", context, path, message))
            else:
                gaps.append(Gap("other", context, path, message))
        return gaps

    def _missing_operation(self, op: ClientOperation) -> list[Gap]:
        return [
            Gap(
                "operation", op.label, op.name, "the official client calls it, the spec has no such operation"
            )
        ]

    # ---- the checks -------------------------------------------------------------------------
    def introspection_problems(self) -> list[str]:
        """Non-empty when the client's code shape defeated the introspection (nothing to compare)."""
        problems = []
        names = {op.name for op in self.surface.operations}
        if not CORE_OPERATIONS <= names:
            problems.append(f"operations not found in the client: {sorted(CORE_OPERATIONS - names)}")
        problems += [
            f"{op.label}: no response type" for op in self.surface.operations if op.response_type is None
        ]
        families = set(self.surface.language_aliases)
        if not CORE_LANGUAGE_FAMILIES <= families:
            problems.append(f"query-language aliases not found: {sorted(CORE_LANGUAGE_FAMILIES - families)}")
        if not self.surface.literal_aliases:
            problems.append("no Literal aliases found in turbopuffer.types")
        return problems

    def operation_gaps(self, op: ClientOperation) -> list[Gap]:
        return self._missing_operation(op) if self.spec_operation(op) is None else []

    def request_body_gaps(self, op: ClientOperation) -> list[Gap]:
        spec_op = self.spec_operation(op)
        if spec_op is None:
            return self._missing_operation(op)
        context = f"{op.label} request body"
        body = spec_op.get("requestBody")
        if not body:
            return [Gap("other", context, op.name, "the client sends a body, the spec declares none")]
        schema = self.resolve(body)["content"]["application/json"]["schema"]
        coverage = self.coverage("request", self._path_parameter_names(spec_op, op.path))
        if op.bare_body_param:  # e.g. update_schema: the map itself is the body
            hint = typing.get_type_hints(op.body_type, localns=self.surface.forward_refs)[op.bare_body_param]
            return self._gaps(coverage.check(schema, hint, op.name), context)
        if op.body_key:  # copy/branch overloads: the SDK nests the params under a write property
            holders = [b for b in coverage._branches(schema) if op.body_key in b.get("properties", {})]
            if not holders:
                return [Gap("field", context, f"{op.name}.{op.body_key}", MISSING_FIELD, op.name)]
            errors = coverage.check(
                holders[0]["properties"][op.body_key], op.body_type, f"{op.name}.{op.body_key}"
            )
            return self._gaps(errors, context)
        return self._gaps(coverage.check(schema, op.body_type, op.name), context)

    def query_parameter_gaps(self, op: ClientOperation) -> list[Gap]:
        spec_op = self.spec_operation(op)
        if spec_op is None:
            return self._missing_operation(op)
        context = f"{op.label} query parameters"
        params = {
            p["name"]: p for p in map(self.resolve, spec_op.get("parameters", [])) if p["in"] == "query"
        }
        coverage = self.coverage("request")
        gaps: list[Gap] = []
        hints = typing_extensions.get_type_hints(
            op.query_type, localns=self.surface.forward_refs, include_extras=True
        )
        for name, hint in hints.items():
            if name not in params:
                owner = getattr(op.query_type, "__name__", op.name)
                gaps.append(Gap("field", context, f"{op.name}?{name}", MISSING_FIELD, owner))
                continue
            if typeddict_key_required(op.query_type, name, hint) != params[name].get("required", False):
                gaps.append(Gap("other", context, f"{op.name}?{name}", "required-ness differs"))
            gaps += self._gaps(coverage.check(params[name]["schema"], hint, f"{op.name}?{name}"), context)
        return gaps

    def response_gaps(self, op: ClientOperation) -> list[Gap]:
        spec_op = self.spec_operation(op)
        if spec_op is None:
            return self._missing_operation(op)
        context = f"{op.label} response"
        for code in sorted(spec_op["responses"]):
            response = self.resolve(spec_op["responses"][code])
            if code.startswith("2") and "content" in response:
                schema = response["content"]["application/json"]["schema"]
                return self._gaps(self.coverage("response").check(schema, op.response_type, op.name), context)
        return [Gap("other", context, op.name, "the spec declares no 2xx response with a body")]

    def compared_language_families(self) -> dict[str, Any]:
        schemas = self.document["components"]["schemas"]
        return {name: alias for name, alias in self.surface.language_aliases.items() if name in schemas}

    def language_gaps(self) -> list[Gap]:
        """Each client query-language family against the same-named spec schema, and every client
        form (RankByText, RankByAnnMulti, ...) reached through one of them."""
        compared = self.compared_language_families()
        gaps: list[Gap] = []
        for family in sorted(CORE_LANGUAGE_FAMILIES - set(compared)):
            if family in self.surface.language_aliases:
                gaps.append(Gap("language", "query language", family, "no spec schema of that name"))
        coverage = self.coverage("request")
        for name, alias in compared.items():
            errors = coverage.check({"$ref": f"#/components/schemas/{name}"}, alias, name)
            gaps += self._gaps(errors, "query language")
        reached: set[int] = set()

        def walk(tp: Any, seen: set[int]) -> None:
            tp = coverage._normalise(tp)
            if id(tp) in seen:
                return
            seen.add(id(tp))
            reached.add(id(tp))
            if typing.get_origin(tp) is typing.Literal:
                return
            for arg in typing.get_args(tp):
                if arg is not Ellipsis:
                    walk(arg, seen)

        for alias in compared.values():
            walk(alias, set())
        for name, alias in self.surface.language_aliases.items():
            if id(alias) not in reached:
                gaps.append(
                    Gap("language", "query language", name, "client form not covered by any spec family")
                )
        return gaps

    def _spec_enums(self) -> list[set[Any]]:
        enums: list[set[Any]] = []

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                if "enum" in node:
                    enums.append(set(node["enum"]))
                if "const" in node:
                    enums.append({node["const"]})
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.document)
        return enums

    def enum_gaps(self, alias: str) -> list[Gap]:
        """A client Literal alias is covered when the spec enumerates all its values together, or
        each of them somewhere; otherwise each value found nowhere is a gap."""
        values = set(self.surface.literal_aliases[alias])
        enums = self._spec_enums()
        if any(values <= enum for enum in enums):
            return []
        return [
            Gap("enum", "enum values", alias, f"Literal value {value!r} {MISSING_VALUE}")
            for value in sorted(values, key=repr)
            if not any(value in enum for enum in enums)
        ]

    # ---- everything -------------------------------------------------------------------------
    def all_gaps(self) -> list[Gap]:
        gaps: list[Gap] = []
        for op in self.surface.operations:
            missing = self.operation_gaps(op)
            if missing:
                gaps += missing
                continue
            if op.body_type:
                gaps += self.request_body_gaps(op)
            if op.query_type:
                gaps += self.query_parameter_gaps(op)
            gaps += self.response_gaps(op)
        gaps += self.language_gaps()
        for alias in sorted(self.surface.literal_aliases):
            gaps += self.enum_gaps(alias)
        return list(dict.fromkeys(gaps))  # one line per gap, first-found order


def render(gaps: list[Gap], version: str, spec_name: str = "spec/turbopuffer.yaml") -> str:
    """The report `make drift` prints: grouped by kind, fields by the client type declaring them."""
    if not gaps:
        return f"{spec_name} covers everything turbopuffer {version} knows: nothing to add."
    lines = [f"{spec_name} is behind turbopuffer {version}: {len(gaps)} gap(s) to close."]
    for kind, title in KINDS.items():
        of_kind = [gap for gap in gaps if gap.kind == kind]
        if not of_kind:
            continue
        lines += ["", f"{title}:"]
        if kind == "field":
            owners: dict[str, list[Gap]] = {}
            for gap in of_kind:
                owners.setdefault(gap.owner, []).append(gap)
            for owner, owned in owners.items():
                lines.append(f"  {owner}:")
                lines += [f"    - {gap.path}  ({gap.context})" for gap in owned]
        elif kind == "operation":
            lines += [f"  - {gap.context}" for gap in of_kind]
        else:
            lines += [f"  - {gap}  ({gap.context})" for gap in of_kind]
    return "\n".join(lines)
