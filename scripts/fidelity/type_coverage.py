"""Compare a Python type of the official client with a JSON Schema of the spec.

`TypeCoverage(direction).check(schema, python_type, where)` returns readable mismatches: a
field the client knows that the spec lacks, a different JSON type, a Literal value the spec
does not enumerate, a different required-ness, or `null` the client may send/receive that the
spec rejects. Constraints the spec adds (patterns, bounds, `const` narrowing of a plain
`str`/`bool`) are not mismatches: the spec may be more precise than the client, never less.

Direction matters for numbers: a request `int` may land in a spec `number` (the server accepts
more), but a response `int` must be a spec `integer` (the client would not expect a float).

Nullability: in request TypedDicts `Optional[...]` means the client may send `null`. In
response models the SDK generator writes every optional field as `Optional[X] = None`, so for
non-required fields `None` only means "may be absent" and is ignored; a required response
field typed `Optional` must be nullable in the spec.
"""

from __future__ import annotations

import collections.abc
import datetime
import typing
from typing import Any

import pydantic
import typing_extensions

from .spec_document import resolve

NoneType = type(None)
# The wording of the two shortfalls `make drift` lists separately (scripts/fidelity/compare.py).
MISSING_FIELD = "field known to the client is missing from the spec"
MISSING_VALUE = "is not in the spec"
_HERE = "\u00a7"  # placeholder for the path of a cached comparison


def _is_typeddict(tp: Any) -> bool:
    return typing_extensions.is_typeddict(tp)


def _show(args: tuple[Any, ...]) -> str:
    return "[" + ", ".join(getattr(a, "__name__", None) or str(a).replace("typing.", "") for a in args) + "]"


def _is_omit(tp: Any) -> bool:
    """The SDK's `Omit` sentinel type marks a key that is left out of the body, never sent."""
    return isinstance(tp, type) and tp.__name__ == "Omit" and tp.__module__.startswith("turbopuffer")


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, pydantic.BaseModel)


def typeddict_key_required(tp: Any, name: str, hint: Any) -> bool:
    """Required-ness of a TypedDict key.

    The SDK's modules use `from __future__ import annotations`, so on Python 3.11 the
    `Required[...]` markers stay inside string annotations and `__required_keys__` misses them:
    read the marker from the evaluated hint (with extras) instead.
    """
    origin = typing.get_origin(hint)
    while origin in (typing.Annotated, typing_extensions.Annotated):
        hint = typing.get_args(hint)[0]
        origin = typing.get_origin(hint)
    if origin is typing_extensions.Required:
        return True
    if origin is typing_extensions.NotRequired:
        return False
    return name in tp.__required_keys__


class TypeCoverage:
    """Checks one direction ("request" or "response") of client types against spec schemas."""

    def __init__(
        self,
        direction: str,
        *,
        forward_ref_namespace: dict[str, Any],
        skip_fields: set[str],
        document: dict[str, Any] | None = None,
    ):
        assert direction in ("request", "response")
        self.direction = direction
        self._document = document  # the spec whose `$ref`s the schemas use (None: spec/turbopuffer.yaml)
        self._namespace = forward_ref_namespace
        self._skip_fields = skip_fields  # genuine non-wire fields (documented by the caller)
        self._active: set[tuple[int, Any]] = set()
        self._cache: dict[tuple[int, Any], list[str]] = {}

    # ---- python side ------------------------------------------------------------------
    def _normalise(self, tp: Any) -> Any:
        """Strip Annotated/Required wrappers and resolve forward references."""
        while True:
            if isinstance(tp, str):
                tp = typing.ForwardRef(tp)
            if isinstance(tp, typing.ForwardRef):
                tp = eval(tp.__forward_arg__, self._namespace)  # noqa: S307 - the SDK's own type names
                continue
            origin = typing.get_origin(tp)
            if origin in (typing.Annotated, typing_extensions.Annotated):
                tp = typing.get_args(tp)[0]
                continue
            if origin in (typing_extensions.Required, typing_extensions.NotRequired, typing.ClassVar):
                tp = typing.get_args(tp)[0]
                continue
            return tp

    def _union_members(self, tp: Any) -> list[Any]:
        tp = self._normalise(tp)
        origin = typing.get_origin(tp)
        if origin is typing.Union or origin is getattr(__import__("types"), "UnionType", None):
            members: list[Any] = []
            for arg in typing.get_args(tp):
                members.extend(self._union_members(arg))
            return members
        return [tp]

    # ---- spec side --------------------------------------------------------------------
    def _branches(self, schema: Any) -> list[dict[str, Any]]:
        schema = resolve(schema, self._document)
        if schema is True or schema is None:
            return [{}]
        for key in ("anyOf", "oneOf"):
            if key in schema:
                flat: list[dict[str, Any]] = []
                for sub in schema[key]:
                    flat.extend(self._branches(sub))
                return flat
        return [schema]

    @staticmethod
    def _types(branch: dict[str, Any]) -> set[str] | None:
        declared = branch.get("type")
        if declared is None:
            return None
        return {declared} if isinstance(declared, str) else set(declared)

    def _accepts_type(self, branch: dict[str, Any], *names: str) -> bool:
        types = self._types(branch)
        return types is None or bool(types & set(names))

    def _accepts_null(self, schema: Any) -> bool:
        for branch in self._branches(schema):
            if "const" in branch:
                if branch["const"] is None:
                    return True
                continue
            if "enum" in branch:
                if None in branch["enum"]:
                    return True
                continue
            if self._accepts_type(branch, "null"):
                return True
        return False

    # ---- comparison -------------------------------------------------------------------
    def check(self, schema: Any, tp: Any, where: str) -> list[str]:
        members = self._union_members(tp)
        errors: list[str] = []
        if NoneType in members and not self._accepts_null(schema):
            errors.append(f"{where}: the client allows null, the spec does not")
        for member in members:
            if member is NoneType or _is_omit(member):
                continue
            errors.extend(self._check_member(schema, member, where))
        return errors

    def _literal_choices(self, tp: Any) -> list[Any]:
        """`Literal["a", "b"]` or a union of Literals -> one single-valued Literal per value."""
        choices: list[Any] = []
        for member in self._union_members(tp):
            if typing.get_origin(member) is not typing.Literal:
                return [tp]
            choices.extend(typing.Literal[value] for value in typing.get_args(member))
        return choices

    def _distribute(self, tp: Any) -> list[Any]:
        """Split a tuple whose positions are Literal unions into one tuple per combination.

        The spec gives each operator its own tuple schema (`[attr, "asc"]`, `[attr, "desc"]`),
        where the client may write one tuple with a Literal union position.
        """
        if typing.get_origin(tp) is not tuple or Ellipsis in typing.get_args(tp):
            return [tp]
        combos: list[tuple[Any, ...]] = [()]
        for arg in typing.get_args(tp):
            combos = [(*combo, choice) for combo in combos for choice in self._literal_choices(arg)]
        return [tuple[combo] for combo in combos]  # type: ignore[valid-type]

    def _check_member(self, schema: Any, tp: Any, where: str) -> list[str]:
        if tp is Any or tp is object:
            return []
        variants = self._distribute(tp)
        if len(variants) > 1:
            return [error for variant in variants for error in self._check_member(schema, variant, where)]
        key = (id(resolve(schema, self._document)), tp)
        try:
            if key in self._active:
                return []  # recursion: assume covered (the outer comparison decides)
            cached = self._cache.get(key)
        except TypeError:  # unhashable typing construct
            return self._best(schema, tp, where)
        if cached is None:
            # Computed once per (schema, type) with a placeholder path, then re-rooted at `where`:
            # the query language is recursive and would otherwise be re-walked exponentially.
            self._active.add(key)
            try:
                cached = self._best(schema, tp, _HERE)
            finally:
                self._active.discard(key)
            self._cache[key] = cached
        return [error.replace(_HERE, where, 1) for error in cached]

    def _best(self, schema: Any, tp: Any, where: str) -> list[str]:
        best: list[str] | None = None
        best_score = float("inf")
        for branch in self._branches(schema):
            errors = self._against_branch(branch, tp, where)
            if not errors:
                return []
            # Report the closest branch; on a tie prefer one of the right JSON type, whose
            # errors say what is really missing.
            score = len(errors) + (0.5 if any(e.startswith(f"{where}: expected") for e in errors) else 0)
            if score < best_score:
                best, best_score = errors, score
        return best or [f"{where}: no spec schema for {tp!r}"]

    def _against_branch(self, branch: dict[str, Any], tp: Any, where: str) -> list[str]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Literal:
            missing = [
                value
                for value in args
                if not (
                    branch.get("const", object()) == value
                    or value in branch.get("enum", [])
                    or ("const" not in branch and "enum" not in branch and self._types(branch) is None)
                )
            ]
            return [f"{where}: Literal value {value!r} {MISSING_VALUE}" for value in missing]
        if tp is bool:
            return [] if self._accepts_type(branch, "boolean") else [f"{where}: expected boolean"]
        if tp is str:
            return [] if self._accepts_type(branch, "string") else [f"{where}: expected string"]
        if tp is int:
            allowed = ("integer", "number") if self.direction == "request" else ("integer",)
            return [] if self._accepts_type(branch, *allowed) else [f"{where}: expected integer"]
        if tp is float:
            allowed = ("number",) if self.direction == "request" else ("number", "integer")
            return [] if self._accepts_type(branch, *allowed) else [f"{where}: expected number"]
        if tp in (datetime.datetime, datetime.date):
            if not self._accepts_type(branch, "string"):
                return [f"{where}: expected a date-time string"]
            if branch.get("format") not in ("date-time", "date"):
                return [f"{where}: a datetime should declare format date-time"]
            return []
        if _is_typeddict(tp):
            return self._typeddict(branch, tp, where)
        if _is_model(tp):
            return self._model(branch, tp, where)
        if origin is tuple:
            return self._tuple(branch, args, where)
        if isinstance(origin, type) and issubclass(origin, collections.abc.Mapping):
            return self._mapping(branch, args[1] if len(args) == 2 else Any, where)
        if origin is not None and (
            (isinstance(origin, type) and issubclass(origin, collections.abc.Iterable))
            or getattr(origin, "__name__", "") == "SequenceNotStr"
        ):
            return self._array(branch, args[0] if args else Any, where)
        return [f"{where}: unsupported client type {tp!r} (extend scripts/fidelity/type_coverage.py)"]

    def _array(self, branch: dict[str, Any], item: Any, where: str) -> list[str]:
        if not self._accepts_type(branch, "array"):
            return [f"{where}: expected array"]
        if "items" in branch and branch["items"] is not False:
            return self.check(branch["items"], item, f"{where}[]")
        errors = []
        for index, position in enumerate(branch.get("prefixItems", [])):
            errors.extend(self.check(position, item, f"{where}[{index}]"))
        return errors

    def _tuple(self, branch: dict[str, Any], args: tuple[Any, ...], where: str) -> list[str]:
        if not self._accepts_type(branch, "array"):
            return [f"{where}: expected a tuple array for {_show(args)}"]
        if len(args) == 2 and args[1] is Ellipsis:
            return self._array(branch, args[0], where)
        prefix = branch.get("prefixItems")
        if prefix is None:
            return self._array(branch, typing.Union[args] if args else Any, where)  # noqa: UP007
        if not (branch.get("minItems", 0) <= len(args) <= branch.get("maxItems", len(args))):
            return [f"{where}: a {len(args)}-tuple {_show(args)} does not fit minItems/maxItems"]
        errors = []
        for index, arg in enumerate(args):
            position = prefix[index] if index < len(prefix) else branch.get("items", {})
            if position is False:
                return [f"{where}: tuple longer than the spec's prefixItems"]
            errors.extend(self.check(position, arg, f"{where}[{index}]"))
        return errors

    def _mapping(self, branch: dict[str, Any], value: Any, where: str) -> list[str]:
        if not self._accepts_type(branch, "object"):
            return [f"{where}: expected object"]
        extra = branch.get("additionalProperties", True)
        if extra is False:
            return [f"{where}: the client sends a free-form map, the spec closes the object"]
        return self.check(extra if isinstance(extra, dict) else {}, value, f"{where}{{}}")

    def _object_fields(
        self, branch: dict[str, Any], fields: list[tuple[str, Any, bool, bool]], where: str, owner: str
    ) -> list[str]:
        """fields: (wire name, type, required, nullable-known); owner: the client type's name."""
        if not self._accepts_type(branch, "object"):
            return [f"{where}: expected object"]
        properties = branch.get("properties", {})
        required = set(branch.get("required", []))
        errors = []
        for name, tp, is_required, _ in fields:
            if name in self._skip_fields:
                continue
            path = f"{where}.{name}"
            if name not in properties:
                errors.append(f"{path}: {MISSING_FIELD} (client type {owner})")
                continue
            if is_required != (name in required):
                side = "required" if is_required else "optional"
                errors.append(f"{path}: {side} in the client but not in the spec")
            errors.extend(self.check(properties[name], tp, path))
        return errors

    def _typeddict(self, branch: dict[str, Any], tp: Any, where: str) -> list[str]:
        hints = typing_extensions.get_type_hints(tp, localns=self._namespace, include_extras=True)
        fields = []
        for name, hint in hints.items():
            wire = name
            origin: Any = typing.get_origin(hint)
            if origin in (typing.Annotated, typing_extensions.Annotated):
                for meta in typing.get_args(hint)[1:]:
                    alias = getattr(meta, "alias", None)
                    if alias and alias != "None":
                        wire = alias
            fields.append((wire, hint, typeddict_key_required(tp, name, hint), True))
        errors = self._object_fields(branch, fields, where, tp.__name__)
        extra_items = getattr(tp, "__extra_items__", typing_extensions.NoExtraItems)
        if extra_items is not typing_extensions.NoExtraItems and branch.get("additionalProperties") is False:
            errors.append(f"{where}: the client sends extra attributes, the spec closes the object")
        return errors

    def _model(self, branch: dict[str, Any], tp: Any, where: str) -> list[str]:
        fields = []
        for name, info in tp.model_fields.items():
            annotation = info.annotation
            required = info.is_required()
            if not required:  # `Optional[X] = None`: None means "absent", not "null on the wire"
                members = [m for m in self._union_members(annotation) if m is not NoneType]
                annotation = typing.Union[tuple(members)] if members else Any  # noqa: UP007
            fields.append((info.alias or name, annotation, required, required))
        errors = self._object_fields(branch, fields, where, tp.__name__)
        properties = branch.get("properties", {})
        for name, info in tp.model_fields.items():
            wire = info.alias or name
            if wire in properties and info.is_required() and wire not in self._skip_fields:
                nullable_client = NoneType in self._union_members(info.annotation)
                if not nullable_client and self._accepts_null(properties[wire]):
                    errors.append(f"{where}.{wire}: never null for the client, nullable in the spec")
        return errors
