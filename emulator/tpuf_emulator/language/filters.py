"""Parse a JSON filter (§5.1 of the reference) into a typed, schema-checked ``FilterNode`` tree.

Values are decoded with the attribute's type (an ISO datetime becomes epoch ms, a UUID is
canonicalised), so a type mismatch is reported here, once, as a 400 naming attribute and type.
Which index an operator needs is checked here too: comparison, list and array operators need
``filterable``; globs need ``glob`` (or, for backwards compatibility, ``filterable``); ``Regex`` needs
``regex``; ``Fuzzy`` needs ``fuzzy``; token operators need ``full_text_search``.

Filter operands are limited to 4 KiB per string (per element for lists and arrays): reference §1.8
"Max filterable value size 4 KiB". The limit bounds what can be FILTERED, not what can be stored:
the hosted service accepts longer strings in filterable attributes (its own SDK benchmark writes
8,096-character strings with no schema and reads them back, see ``namespaces/write_plan.py``), so
writes keep them whole and only a longer filter operand is refused (400), since no indexed value
could equal it. Filters are evaluated against the whole stored value.
"""

from __future__ import annotations

from typing import Any

import orjson

from .. import serde_errors
from ..errors import ApiError
from ..fulltext import Analyzer, compile_fuzzy, compile_token_filter
from ..schema.model import AttributeSchema, AttributeType, Schema
from ..schema.values import decode_scalar, decode_value
from . import operators as ops
from .attributes import id_type, lookup
from .glob import GlobError, compile_glob
from .linear_regex import PatternError, compile_regex
from .nodes import Compare, FilterNode, FuzzyMatch, Logical, PatternMatch, RefNew, TokenMatch
from .shape import (
    arity_error,
    check_depth,
    expect_bool,
    expect_list,
    expect_object,
    expect_str,
    reject_unknown_keys,
    shape_error,
)

MAX_FULLTEXT_QUERY_LENGTH = 8192
MAX_FILTERABLE_VALUE_BYTES = 4096
_REF_NEW_HINT = (
    "$ref_new is only allowed in write conditions (upsert_condition, patch_condition, delete_condition)"
)


def parse_filter(
    value: Any, schema: Schema, *, allow_ref_new: bool = False, where: str = "filters", depth: int = 1
) -> FilterNode:
    """Parse and type-check one filter expression against ``schema``.

    ``depth`` is the nesting level the filter starts at (deeper than 1 inside a score expression), so
    a filter and its enclosing expression share one bound (``shape.MAX_EXPRESSION_DEPTH``).
    """
    return _FilterParser(schema, allow_ref_new).parse(value, where, depth)


def is_filter_expression(value: Any) -> bool:
    """Whether a JSON array is shaped like a filter (used to tell filters apart inside score expressions)."""
    if not isinstance(value, list) or len(value) < 2:
        return False
    if isinstance(value[1], str) and value[1] in ops.ATTRIBUTE_FILTER_OPS and isinstance(value[0], str):
        return True
    return value[0] in ops.LOGICAL_OPS


class _FilterParser:
    def __init__(self, schema: Schema, allow_ref_new: bool) -> None:
        self.schema = schema
        self.allow_ref_new = allow_ref_new

    # ------------------------------------------------------------------------------------------ structure

    def parse(self, value: Any, where: str, depth: int = 1) -> FilterNode:
        check_depth(depth, "filter", where)
        expect_list(value, where, 'a filter array such as ["attr", "Eq", value] or ["And", [...]]')
        if len(value) < 2:
            raise arity_error(where, "a filter array with at least 2 elements", value)
        head, second = value[0], value[1]
        if isinstance(second, str) and second in ops.ATTRIBUTE_FILTER_OPS and isinstance(head, str):
            return self._attribute_filter(value, where)
        if head in ("And", "Or"):
            if len(value) != 2:
                raise arity_error(where, f'["{head}", [filter, ...]] (2 elements)', value)
            children = expect_list(second, f"{where}[1]")
            return Logical(
                op=head,
                children=[self.parse(c, f"{where}[1][{i}]", depth + 1) for i, c in enumerate(children)],
            )
        if head == "Not":
            if len(value) != 2:
                raise arity_error(where, '["Not", filter] (2 elements)', value)
            return Logical(op="Not", children=[self.parse(second, f"{where}[1]", depth + 1)])
        if isinstance(second, str):
            raise serde_errors.unknown_variant(f"{where}[1]", second, sorted(ops.FILTER_OPERATORS))
        raise shape_error(where, '[attribute, operator, value] or ["And"|"Or"|"Not", ...]', value)

    # ------------------------------------------------------------------------------------------ attribute filters

    def _attribute_filter(self, value: list[Any], where: str) -> FilterNode:
        attr, op = value[0], value[1]
        has_params = op in ("Fuzzy", "ContainsAllTokens", "ContainsAnyToken")
        max_len = 4 if has_params else 3
        if op == "Fuzzy" and len(value) != 4:
            raise arity_error(
                where, '[attr, "Fuzzy", query, {"max_edit_distance": [...]}] (4 elements)', value
            )
        if not 3 <= len(value) <= max_len:
            raise arity_error(where, f'[attribute, "{op}", value{", params" if has_params else ""}]', value)
        where_attr = f"{where}: attribute {attr!r}"
        schema_attr = lookup(self.schema, attr, f"{where}[0]")
        if attr == "id":
            schema_attr = None
        elif schema_attr is not None and schema_attr.type.is_vector:
            raise ApiError(
                400, f"{where_attr} is a vector ({schema_attr.type.text}); vectors cannot be filtered"
            )
        if op in ops.GLOB_OPS or op in ops.REGEX_OPS:
            return self._pattern(attr, op, value[2], schema_attr, where, where_attr)
        if op in ops.FUZZY_OPS:
            return self._fuzzy(attr, value[2], value[3], schema_attr, where, where_attr)
        if op in ops.TOKEN_OPS:
            params = value[3] if len(value) == 4 else None
            return self._tokens(attr, op, value[2], params, schema_attr, where, where_attr)
        return self._compare(attr, op, value[2], schema_attr, where, where_attr)

    def _compare(
        self, attr: str, op: str, raw: Any, schema_attr: AttributeSchema | None, where: str, where_attr: str
    ) -> Compare:
        vtype: AttributeType | None
        if attr == "id":
            sample = raw[0] if isinstance(raw, list) and raw else raw
            vtype = id_type(self.schema, sample)
        elif schema_attr is not None:
            if not schema_attr.filterable:
                raise ApiError(
                    400,
                    f"{where_attr} isn't filterable (its schema has filterable: false), "
                    f"so it cannot be used in a {op} filter",
                )
            vtype = schema_attr.type
        else:
            vtype = None  # not in the schema yet: every document reads it as null; no type to check
        described = f"{where_attr} ({vtype.text if vtype else 'not in the schema'})"
        is_array = vtype is not None and vtype.kind == "array"
        if op in ("Eq", "NotEq"):
            if is_array and raw is not None and not isinstance(raw, list | dict):
                raise ApiError(
                    400,
                    f"{described}: {op} compares the whole array, so the value must be an array "
                    "(use Contains to test one element)",
                )
            return Compare(attr=attr, op=op, value=self._value(vtype, raw, described))
        if op in ops.ORDER_OPS:
            if is_array:
                raise ApiError(400, f"{described}: {op} needs a scalar attribute; use Any{op} on arrays")
            return Compare(attr=attr, op=op, value=self._value(vtype, raw, described))
        if op in ("In", "NotIn"):
            # A list of values, or one value standing for a list of one (§5.1). On an array attribute
            # the values are elements: the document matches when its array holds any of them.
            items = raw if isinstance(raw, list) else [raw]
            if isinstance(raw, dict) and "$ref_new" not in raw:
                raise ApiError(
                    400, f"{described}: {op} takes an array of values or one value, found an object"
                )
            item_type = _element_type(vtype) if is_array else vtype
            return Compare(attr=attr, op=op, value=tuple(self._value(item_type, v, described) for v in items))
        # Array operators: Contains, NotContains, AnyLt.., ContainsAny, NotContainsAny.
        if vtype is not None and not is_array:
            raise ApiError(400, f"{described}: {op} needs an array attribute")
        element = _element_type(vtype)
        if op in ("ContainsAny", "NotContainsAny"):
            items = expect_list(raw, f"{where}[2]", f"an array of values for {op}")
            return Compare(attr=attr, op=op, value=tuple(self._value(element, v, described) for v in items))
        if isinstance(raw, list):
            raise ApiError(400, f"{described}: {op} takes one element value, found an array")
        return Compare(attr=attr, op=op, value=self._value(element, raw, described))

    def _value(self, vtype: AttributeType | None, raw: Any, where: str) -> Any:
        if isinstance(raw, dict) and "$ref_new" in raw:
            if not self.allow_ref_new:
                raise ApiError(400, f"{where}: {_REF_NEW_HINT}")
            reject_unknown_keys(raw, ("$ref_new",), where)
            return RefNew(expect_str(raw["$ref_new"], f"{where}.$ref_new"))
        if raw is None:
            return None
        if vtype is None:
            if isinstance(raw, dict):
                raise ApiError(400, f"{where}: expected a filter value, found an object")
            decoded: Any = tuple(raw) if isinstance(raw, list) else raw
        elif vtype.kind == "scalar":
            decoded = decode_scalar(vtype.element, raw, where)
        else:
            decoded = decode_value(vtype, raw, where)
        for item in decoded if isinstance(decoded, list | tuple) else (decoded,):
            if isinstance(item, str) and len(item) * 4 > MAX_FILTERABLE_VALUE_BYTES:
                size = len(item.encode())
                if size > MAX_FILTERABLE_VALUE_BYTES:
                    raise ApiError(
                        400,
                        f"{where}: filter values are limited to {MAX_FILTERABLE_VALUE_BYTES} bytes "
                        f"(this one has {size})",
                    )
        return decoded

    # ------------------------------------------------------------------------------------------ text filters

    def _string_attribute(
        self, attr: str, op: str, schema_attr: AttributeSchema | None, where_attr: str, flag: str
    ) -> AttributeSchema:
        if attr == "id" or schema_attr is None:
            raise ApiError(
                400, f"{where_attr} has no {flag} index (not in the namespace schema), so {op} cannot be used"
            )
        if schema_attr.type.text not in ("string", "[]string"):
            raise ApiError(
                400,
                f"{where_attr} has type {schema_attr.type.text}; {op} works on string or []string attributes",
            )
        return schema_attr

    def _pattern(
        self, attr: str, op: str, raw: Any, schema_attr: AttributeSchema | None, where: str, where_attr: str
    ) -> PatternMatch:
        pattern = expect_str(raw, f"{where}[2]", f"a pattern string for {op}")
        target = self._string_attribute(
            attr, op, schema_attr, where_attr, "regex" if op == "Regex" else "glob"
        )
        if op == "Regex":
            if not target.regex:
                raise ApiError(
                    400, f"{where_attr} does not have regex: true in its schema, so Regex cannot be used"
                )
            try:
                compiled = compile_regex(pattern)
            except PatternError as exc:
                raise ApiError(
                    400,
                    f"{where}: invalid regular expression {pattern!r}: {exc} (Regex uses the Rust regex "
                    "dialect, matched in linear time: no back-references nor look-around)",
                ) from None
            return PatternMatch(attr=attr, op=op, pattern=pattern, regex=compiled)
        if not (target.glob or target.filterable):
            raise ApiError(
                400,
                f"{where_attr} has neither glob: true nor filterable: true in its schema, so {op} cannot be used",
            )
        try:
            compiled = compile_glob(pattern, case_insensitive=op in ("IGlob", "NotIGlob"))
        except GlobError as exc:
            raise ApiError(400, f"{where}: invalid glob pattern {pattern!r}: {exc}") from None
        return PatternMatch(attr=attr, op=op, pattern=pattern, regex=compiled, negate=op.startswith("Not"))

    def _fuzzy(
        self,
        attr: str,
        raw: Any,
        params: Any,
        schema_attr: AttributeSchema | None,
        where: str,
        where_attr: str,
    ) -> FuzzyMatch:
        query = expect_str(raw, f"{where}[2]", "a query string for Fuzzy")
        target = self._string_attribute(attr, "Fuzzy", schema_attr, where_attr, "fuzzy")
        if not target.fuzzy:
            raise ApiError(
                400, f"{where_attr} does not have fuzzy: true in its schema, so Fuzzy cannot be used"
            )
        matcher = compile_fuzzy(query, params, where=f"{where}[3]")
        return FuzzyMatch(attr=attr, query=query, matcher=matcher)

    def _tokens(
        self,
        attr: str,
        op: str,
        raw: Any,
        params: Any,
        schema_attr: AttributeSchema | None,
        where: str,
        where_attr: str,
    ) -> TokenMatch:
        target = self._string_attribute(attr, op, schema_attr, where_attr, "full-text (full_text_search)")
        config = target.full_text_search
        if config is None:
            raise ApiError(
                400,
                f"{where_attr} has no full-text index (full_text_search in its schema), so {op} cannot be used",
            )
        query = full_text_query(raw, config.tokenizer, f"{where}[2]", attr, "filters")
        last_as_prefix = False
        if params is not None:
            params = expect_object(params, f"{where}[3]", serde_errors.struct("TokenFilterParams"))
            reject_unknown_keys(params, ("last_as_prefix",), f"{where}[3]")
            last_as_prefix = expect_bool(params.get("last_as_prefix", False), f"{where}[3].last_as_prefix")
        matcher = compile_token_filter(
            Analyzer(config), op, query, {"last_as_prefix": True} if last_as_prefix else None, where=where
        )
        return TokenMatch(
            attr=attr, op=op, query=query, last_as_prefix=last_as_prefix, config=config, matcher=matcher
        )


def _element_type(vtype: AttributeType | None) -> AttributeType | None:
    """The scalar type of one element of an array type (None stays None: not in the schema)."""
    return AttributeType(vtype.element, "scalar", vtype.element) if vtype is not None else None


def full_text_query(raw: Any, tokenizer: str, where: str, attr: str, clause: str) -> str | list[str]:
    """A BM25 / token-filter query: a string, or a token array (required by ``pre_tokenized_array``).

    A string against a ``pre_tokenized_array`` attribute is a 400 in the hosted service's words
    (reference §1.6): ``invalid input "..." for rank_by field "content", expecting []string``, where
    ``clause`` is the part of the query holding it (``rank_by`` or ``filters``).
    """
    if isinstance(raw, str):
        if tokenizer == "pre_tokenized_array":
            shown = orjson.dumps(raw).decode()
            raise ApiError(400, f'invalid input {shown} for {clause} field "{attr}", expecting []string')
        if len(raw) > MAX_FULLTEXT_QUERY_LENGTH:
            raise ApiError(
                400,
                f"{where}: full-text query is {len(raw)} characters long (max {MAX_FULLTEXT_QUERY_LENGTH})",
            )
        return raw
    if isinstance(raw, list) and all(isinstance(t, str) for t in raw):
        return list(raw)
    raise shape_error(where, "a string or a sequence of strings", raw)
