"""Parse ``rank_by`` (§5.2), score expressions and ``compute_attributes`` (§5.4) into typed trees.

How the forms are told apart: an array whose second element is a known attribute operator
(``ANN``, ``kNN``, ``SparseKNN``, ``BM25``, ``asc``/``desc`` or a filter operator) is attribute-first;
an array whose first element is an array is a multi-attribute order; otherwise the first element
names an operator-first form (``Sum``, ``Max``, ``Product``, ``Saturate``, ``Decay``, ``Attribute``,
``Dist`` or a logical filter). So an attribute may be called ``Sum`` without confusing the parser.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from .. import serde_errors
from ..errors import ApiError
from ..fulltext.highlight import parse_highlight_config
from ..schema.model import AttributeSchema, Schema
from ..schema.values import check_f16_range, decode_base64_float32, parse_datetime
from . import operators as ops
from .attributes import lookup
from .filters import full_text_query, is_filter_expression, parse_filter
from .nodes import (
    AttributeValue,
    Bm25,
    Combine,
    ComputeNode,
    Constant,
    Curve,
    Distance,
    FilterTerm,
    HighlightCompute,
    OrderBy,
    Product,
    RankCompute,
    RankNode,
    ScoreCompute,
    ScoreNode,
    ScoreRank,
    SparseScore,
    VectorDistCompute,
    VectorRank,
)
from .shape import (
    arity_error,
    check_depth,
    expect_bool,
    expect_list,
    expect_object,
    expect_str,
    is_number,
    reject_unknown_keys,
    shape_error,
)

MAX_ORDER_ATTRIBUTES = 8
MAX_COMPUTED_ATTRIBUTES = 256
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$")
_DURATION_MS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000}
_NUMERIC_SCORE_TYPES = ("int", "uint", "float", "datetime")

# Exact types (JSON numbers decode to int/float; bool is excluded): checking a 768-number query vector
# with set(map(type, ...)) costs microseconds, an isinstance test per item cost 2-3 ms per query.
_NUMBER_TYPES = {int, float}


class RankParser:
    """Parses rank_by / score / compute expressions for one namespace schema and distance metric."""

    def __init__(self, schema: Schema, metric: str | None) -> None:
        self.schema = schema
        self.metric = metric

    # ------------------------------------------------------------------------------------------ rank_by

    def rank_by(self, value: Any, where: str = "rank_by") -> RankNode:
        expect_list(value, where, "a rank_by expression (array)")
        if not value:
            raise arity_error(where, "a non-empty rank_by expression", value)
        if isinstance(value[0], list):
            return self._order_many(value, where)
        second = value[1] if len(value) > 1 else None
        if isinstance(second, str) and isinstance(value[0], str):
            if second in ops.VECTOR_RANK_OPS:
                return self.vector(value, where)
            if second in ops.ORDER_DIRECTIONS:
                if len(value) != 2:
                    raise arity_error(where, f'[attribute, "{second}"] (2 elements)', value)
                return OrderBy([self._order_key(value, where)])
        return ScoreRank(self.score(value, where))

    def _order_many(self, value: list[Any], where: str) -> OrderBy:
        if len(value) > MAX_ORDER_ATTRIBUTES:
            raise ApiError(
                400, f"{where}: at most {MAX_ORDER_ATTRIBUTES} attributes can be ordered by, got {len(value)}"
            )
        keys = []
        for i, item in enumerate(value):
            item = expect_list(item, f"{where}[{i}]", '[attribute, "asc"|"desc"]')
            if len(item) != 2:
                raise arity_error(f"{where}[{i}]", '[attribute, "asc"|"desc"]', item)
            serde_errors.variant(item[1], f"{where}[{i}][1]", ops.ORDER_DIRECTIONS, "OrderDirection")
            keys.append(self._order_key(item, f"{where}[{i}]"))
        return OrderBy(keys)

    def _order_key(self, item: list[Any], where: str) -> tuple[str, bool]:
        attr = expect_str(item[0], f"{where}[0]")
        if attr != "id":
            schema_attr = lookup(self.schema, attr, f"{where}[0]")
            if schema_attr is not None:
                if schema_attr.type.kind != "scalar":
                    raise ApiError(
                        400,
                        f"{where}: attribute {attr!r} has type {schema_attr.type.text}; "
                        "only scalar attributes can order results",
                    )
                if not schema_attr.filterable:
                    raise ApiError(
                        400,
                        f"{where}: attribute {attr!r} isn't filterable (filterable: false), "
                        "so results cannot be ordered by it",
                    )
        return attr, item[1] == "desc"

    # ------------------------------------------------------------------------------------------ vectors

    def _vector_attr(self, attr: Any, where: str) -> AttributeSchema:
        attr = expect_str(attr, f"{where}[0]")
        schema_attr = lookup(self.schema, attr, f"{where}[0]")
        if schema_attr is None:
            raise ApiError(
                400, f"{where}: attribute {attr!r} is not in the namespace schema (no vectors written)"
            )
        if schema_attr.type.kind not in ("vector", "multivector"):
            raise ApiError(
                400, f"{where}: attribute {attr!r} has type {schema_attr.type.text}, not a dense vector type"
            )
        return schema_attr

    def metric_for(self, schema_attr: AttributeSchema) -> str:
        if schema_attr.ann and schema_attr.ann.get("distance_metric"):
            return str(schema_attr.ann["distance_metric"])
        return self.metric or "cosine_distance"

    def vector(self, value: list[Any], where: str) -> VectorRank:
        if len(value) != 3:
            raise arity_error(where, f'[attribute, "{value[1]}", query_vector] (3 elements)', value)
        attr, mode = value[0], value[1]
        schema_attr = self._vector_attr(attr, where)
        multi_attr = schema_attr.type.kind == "multivector"
        if mode == "ANN":
            if schema_attr.ann is None:
                raise ApiError(
                    400, f"{where}: attribute {attr!r} has no ANN index (ann in its schema); use kNN"
                )
            if multi_attr and not schema_attr.ann.get("late_interaction"):
                raise ApiError(
                    400, f"{where}: ANN on {schema_attr.type.text} needs ann.late_interaction: true; use kNN"
                )
        query = self.query_vector(value[2], schema_attr, f"{where}[2]")
        if query.ndim == 2 and not multi_attr:
            raise ApiError(
                400,
                f"{where}[2]: several query vectors need a multi-vector attribute ([][N]f32); "
                f"attribute {attr!r} has type {schema_attr.type.text}",
            )
        return VectorRank(
            attr, mode, query, self.metric_for(schema_attr), multi=multi_attr, attr_schema=schema_attr
        )

    def query_vector(
        self, raw: Any, schema_attr: AttributeSchema, where: str, *, row: bool = False
    ) -> np.ndarray:
        """One query vector, or (not ``row``) an array of them for multi-vector attributes: one level
        of nesting only, so a deeply nested array is a shape error rather than deep recursion."""
        dims = schema_attr.type.dims
        if isinstance(raw, list) and raw and raw[0] == "Embed":
            raise ApiError(
                400, f"{where}: native embedding (Embed) is not supported by the emulator; send a vector"
            )
        if isinstance(raw, str):
            array = decode_base64_float32(raw, where)
        elif not row and isinstance(raw, list) and raw and all(isinstance(v, list) for v in raw):
            rows = [self.query_vector(v, schema_attr, f"{where}[{i}]", row=True) for i, v in enumerate(raw)]
            return np.vstack(rows)
        elif isinstance(raw, list) and raw and set(map(type, raw)) <= _NUMBER_TYPES:
            array = np.asarray(raw, dtype=np.float32)
        else:
            raise shape_error(where, "a query vector (array of numbers) or an array of query vectors", raw)
        if dims is not None and array.shape[0] != dims:
            raise ApiError(
                400,
                f"{where}: query vector has {array.shape[0]} dimensions, but attribute has type "
                f"{schema_attr.type.text} ({dims} dimensions)",
            )
        if not np.all(np.isfinite(array)):
            raise ApiError(400, f"{where}: query vector contains a non-finite number")
        if schema_attr.type.element == "f16":
            check_f16_range(array, schema_attr.type.text, where)
        return array

    # ------------------------------------------------------------------------------------------ scores

    def score(self, value: Any, where: str, depth: int = 1) -> ScoreNode:
        check_depth(depth, "score expression", where)
        if is_number(value):
            return Constant(float(value))
        expect_list(value, where, "a score expression (array) or a number")
        if not value:
            raise arity_error(where, "a non-empty score expression", value)
        head = value[0]
        second = value[1] if len(value) > 1 else None
        if isinstance(second, str) and isinstance(head, str) and second in ops.ATTRIBUTE_RANK_OPS:
            if second == "BM25":
                return self._bm25(value, where)
            if second == "SparseKNN":
                return self._sparse(value, where)
            raise ApiError(400, f"{where}: {second!r} ranking cannot be used inside a score expression")
        if is_filter_expression(value):
            return FilterTerm(parse_filter(value, self.schema, where=where, depth=depth))
        if head == "Sum":
            return Combine("Sum", self._children(value, where, "Sum", depth))
        if head == "Max":
            return Combine("Max", self._children(value, where, "Max", depth))
        if head == "Product":
            return self._product(value, where, depth)
        if head in ("Saturate", "Decay"):
            return self._curve(value, where, depth)
        if head == "Attribute":
            return self._attribute(value, where)
        if head == "Dist":
            return self._dist(value, where, depth)
        if isinstance(second, str) and isinstance(head, str):
            raise serde_errors.unknown_variant(
                f"{where}[1]", second, sorted(ops.ATTRIBUTE_RANK_OPS | ops.ATTRIBUTE_FILTER_OPS)
            )
        if isinstance(head, str):
            raise serde_errors.unknown_variant(f"{where}[0]", head, ops.SCORE_OPERATORS + ops.LOGICAL_OPS)
        raise shape_error(where, "a rank_by expression: [attribute, operator, ...] or [function, ...]", value)

    def _children(self, value: list[Any], where: str, op: str, depth: int) -> list[ScoreNode]:
        if (
            len(value) == 2
            and isinstance(value[1], list)
            and (not value[1] or not isinstance(value[1][0], str))
        ):
            items, base = value[1], f"{where}[1]"
        elif op == "Max" and len(value) >= 3:
            items, base = value[1:], where  # docs form ["Max", 0, expr]
            return [self.score(item, f"{base}[{i + 1}]", depth + 1) for i, item in enumerate(items)]
        else:
            raise shape_error(where, f'["{op}", [expression, ...]]', value)
        if not items:
            raise ApiError(400, f"{where}: {op} needs at least one expression")
        return [self.score(item, f"{base}[{i}]", depth + 1) for i, item in enumerate(items)]

    def _product(self, value: list[Any], where: str, depth: int) -> Product:
        args = value[1:]
        if len(args) == 1 and isinstance(args[0], list) and len(args[0]) == 2:
            args, where = args[0], f"{where}[1]"  # legacy nested form ["Product", [w, expr]]
        if len(args) != 2:
            raise arity_error(
                where, '["Product", weight, expression] or ["Product", expression, weight]', value
            )
        if is_number(args[0]):
            weight, expr, at = args[0], args[1], f"{where}[2]"
        elif is_number(args[1]):
            weight, expr, at = args[1], args[0], f"{where}[1]"
        else:
            raise shape_error(where, "a Product with one number (the weight) and one expression", value)
        if weight < 0:
            raise ApiError(400, f"{where}: Product weight must be non-negative, got {weight}")
        return Product(float(weight), self.score(expr, at, depth + 1))

    def _curve(self, value: list[Any], where: str, depth: int) -> Curve:
        op = value[0]
        if len(value) != 3:
            raise arity_error(
                where, f'["{op}", expression, {{"midpoint": m, "exponent"?: e}}] (3 elements)', value
            )
        params = expect_object(value[2], f"{where}[2]", serde_errors.struct(f"{op}Params"))
        reject_unknown_keys(params, ("midpoint", "exponent"), f"{where}[2]")
        if "midpoint" not in params:
            raise ApiError(400, f"{where}[2]: {op} needs a midpoint")
        midpoint = parse_midpoint(params["midpoint"], f"{where}[2].midpoint")
        exponent = params.get("exponent", 1.0)
        if not is_number(exponent) or exponent <= 0:
            raise ApiError(400, f"{where}[2].exponent: must be a positive number, got {exponent!r}")
        return Curve(op, self.score(value[1], f"{where}[1]", depth + 1), midpoint, float(exponent))

    def _attribute(self, value: list[Any], where: str) -> AttributeValue:
        if len(value) != 2:
            raise arity_error(where, '["Attribute", attribute_name]', value)
        attr = expect_str(value[1], f"{where}[1]")
        schema_attr = lookup(self.schema, attr, f"{where}[1]")
        if schema_attr is not None and (
            schema_attr.type.kind != "scalar" or schema_attr.type.element not in _NUMERIC_SCORE_TYPES
        ):
            raise ApiError(
                400,
                f"{where}: attribute {attr!r} has type {schema_attr.type.text}; Attribute needs a numeric "
                f"attribute ({', '.join(_NUMERIC_SCORE_TYPES)})",
            )
        return AttributeValue(attr)

    def _dist(self, value: list[Any], where: str, depth: int) -> Distance:
        if len(value) != 3:
            raise arity_error(where, '["Dist", expression, origin]', value)
        origin = value[2]
        if isinstance(origin, str):
            origin_value = float(parse_datetime(origin, f"{where}[2]"))
        elif is_number(origin):
            origin_value = float(origin)
        else:
            raise shape_error(f"{where}[2]", "a number or a datetime string origin", origin)
        return Distance(self.score(value[1], f"{where}[1]", depth + 1), origin_value)

    def _bm25(self, value: list[Any], where: str) -> Bm25:
        if not 3 <= len(value) <= 4:
            raise arity_error(where, '[attribute, "BM25", query, {"last_as_prefix"?: bool}]', value)
        attr = value[0]
        schema_attr = lookup(self.schema, attr, f"{where}[0]")
        config = schema_attr.full_text_search if schema_attr is not None else None
        if config is None:
            raise ApiError(
                400, f"{where}: attribute {attr!r} has no full-text index (full_text_search in its schema)"
            )
        query = full_text_query(value[2], config.tokenizer, f"{where}[2]", attr, "rank_by")
        last_as_prefix = False
        if len(value) == 4:
            params = expect_object(value[3], f"{where}[3]", serde_errors.struct("TokenFilterParams"))
            reject_unknown_keys(params, ("last_as_prefix",), f"{where}[3]")
            last_as_prefix = expect_bool(params.get("last_as_prefix", False), f"{where}[3].last_as_prefix")
        return Bm25(attr, query, last_as_prefix)

    def _sparse(self, value: list[Any], where: str) -> SparseScore:
        if len(value) != 3:
            raise arity_error(where, '[attribute, "SparseKNN", {dimension: weight}]', value)
        attr = value[0]
        schema_attr = lookup(self.schema, attr, f"{where}[0]")
        if schema_attr is None or schema_attr.type.kind != "sparse":
            found = schema_attr.type.text if schema_attr else "not in the schema"
            raise ApiError(400, f"{where}: SparseKNN needs a {{}}f16 attribute; {attr!r} is {found}")
        if schema_attr.sparse_knn is None:
            raise ApiError(400, f"{where}: attribute {attr!r} has no sparse_knn index in its schema")
        query = expect_object(value[2], f"{where}[2]")
        for key, weight in query.items():
            if not is_number(weight):
                raise shape_error(f"{where}[2].{key}", serde_errors.FLOAT, weight)
        return SparseScore(attr, {k: float(w) for k, w in query.items()})

    # ------------------------------------------------------------------------------------------ compute

    def compute(self, value: Any, where: str) -> ComputeNode:
        if isinstance(value, dict) and "$ref_new" in value:
            raise ApiError(400, f"{where}: $ref_new is only allowed in write conditions")
        expect_list(value, where, "a compute expression (array)")
        if not value:
            raise arity_error(where, "a non-empty expression", value)
        head = value[0]
        second = value[1] if len(value) > 1 else None
        if head == "Embed":
            raise ApiError(400, f"{where}: native embedding (Embed) is not supported by the emulator")
        if head == "Highlight" and not (isinstance(second, str) and second in ops.ATTRIBUTE_RANK_OPS):
            return self._highlight(value, where)
        if second == "VectorDist":
            if len(value) != 3:
                raise arity_error(where, '[attribute, "VectorDist", vector]', value)
            schema_attr = self._vector_attr(head, where)
            query = self.query_vector(value[2], schema_attr, f"{where}[2]")
            multi = schema_attr.type.kind == "multivector"
            if query.ndim == 2 and not multi:
                raise ApiError(400, f"{where}[2]: several query vectors need a multi-vector attribute")
            return VectorDistCompute(head, query, self.metric_for(schema_attr), multi=multi)
        rank = self.rank_by(value, where)
        if isinstance(rank, VectorRank):
            return RankCompute(rank)
        if isinstance(rank, OrderBy):
            raise ApiError(
                400, f'{where}: an attribute order has no per-row value; use ["Attribute", name] to return it'
            )
        return ScoreCompute(rank.expr)

    def _highlight(self, value: list[Any], where: str) -> HighlightCompute:
        if not 2 <= len(value) <= 3:
            raise arity_error(where, '["Highlight", attribute, config?]', value)
        attr = expect_str(value[1], f"{where}[1]")
        schema_attr = lookup(self.schema, attr, f"{where}[1]")
        if schema_attr is None or schema_attr.type.text not in ("string", "[]string"):
            raise ApiError(
                400, f"{where}: Highlight needs a string or []string attribute; {attr!r} is not one"
            )
        config = parse_highlight_config(value[2] if len(value) == 3 else None, f"{where}[2]")
        return HighlightCompute(attr, config)


def parse_midpoint(raw: Any, where: str) -> float:
    """A Saturate/Decay midpoint: a number, or a duration string (``"6h"``, ``"7d"``) in milliseconds."""
    if is_number(raw):
        if raw <= 0:
            raise ApiError(400, f"{where}: midpoint must be positive, got {raw}")
        return float(raw)
    if isinstance(raw, str):
        match = _DURATION.match(raw)
        if match:
            value = float(match.group(1)) * _DURATION_MS[match.group(2)]
            if value > 0:
                return value
        raise ApiError(
            400,
            f"{where}: expected a positive number or a duration such as '30s', '15m', '6h', '7d', '2w'; found {raw!r}",
        )
    raise shape_error(where, "a number or a duration string", raw)
