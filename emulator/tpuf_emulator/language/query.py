"""Parse a whole query body (§4.1, §4.3) into a ``QueryPlan`` / ``MultiQueryPlan``.

Choices where the reference is silent (documented here so the spec and tests can follow):

* ``rank_by`` is required unless ``aggregate_by`` is set, and a ranked query must say how many rows
  it wants (``limit`` or ``top_k``): either missing is a 400, in a sub-query of a multi-query too
  (docs: "rank_by: required unless aggregate_by is set"; "limit: required"). There is no default
  row count. Aggregations need no limit; grouped ones then return every group up to the 10,000
  cap. Both ``top_k`` and ``limit`` given: 400.
* A score ``rank_by`` must not go negative: ``["Attribute", x]`` on a signed (``int``/``float``)
  attribute has to be wrapped so it is clamped (``nonnegative.py``).
* ``include_attributes`` naming an attribute that is not in the schema: 400; ``exclude_attributes``
  ignores unknown names (as documented); both given: 400.
* ``distance_metric`` on a query is accepted when it equals the namespace metric; a different one is a 400.
* Unknown top-level fields are a 422 so typos (``"filter"``) do not silently return unfiltered rows.
"""

from __future__ import annotations

from typing import Any

from .. import serde_errors
from ..errors import ApiError
from ..schema.model import DISTANCE_METRICS, Schema
from .attributes import lookup
from .filters import parse_filter
from .nodes import (
    Aggregate,
    GroupKey,
    HighlightCompute,
    MultiQueryPlan,
    PerLimit,
    QueryPlan,
    RerankRrf,
    ScoreRank,
    VectorRank,
)
from .nonnegative import check_non_negative
from .operators import AGGREGATE_FUNCTIONS, GROUP_BY_FUNCTIONS, RERANK_FUNCTIONS
from .ranking import MAX_COMPUTED_ATTRIBUTES, RankParser
from .shape import (
    arity_error,
    expect_int,
    expect_list,
    expect_number,
    expect_object,
    expect_str,
    reject_unknown_keys,
)

MAX_LIMIT = 10_000
MAX_GROUPS = 10_000
MAX_AGGREGATIONS = 8
MAX_QUERIES = 16
VECTOR_ENCODINGS = ("float", "base64")
CONSISTENCY_LEVELS = ("strong", "eventual")

QUERY_FIELDS = (
    "rank_by",
    "limit",
    "top_k",
    "offset",
    "filters",
    "include_attributes",
    "exclude_attributes",
    "compute_attributes",
    "aggregate_by",
    "group_by",
    "distance_metric",
    "vector_encoding",
    "consistency",
    "rerank_by",
)
SUBQUERY_FIELDS = tuple(f for f in QUERY_FIELDS if f not in ("vector_encoding", "consistency", "rerank_by"))
MULTI_QUERY_FIELDS = ("queries", "rerank_by", "limit", "offset", "vector_encoding", "consistency")


def parse_query(
    body: Any, schema: Schema, metric: str | None, *, sub: bool = False, where: str = ""
) -> QueryPlan:
    """Parse one query (a whole body, or a sub-query of a multi-query when ``sub``)."""
    prefix = f"{where}." if where else ""
    body = expect_object(body, where, serde_errors.struct("SubQuery" if sub else "QueryRequest"))
    reject_unknown_keys(body, SUBQUERY_FIELDS if sub else QUERY_FIELDS, where)
    plan = QueryPlan(raw=body)
    parser = RankParser(schema, metric)

    if body.get("rerank_by") is not None:
        if isinstance(body["rerank_by"], dict):
            raise ApiError(
                400, f"{prefix}rerank_by: model-based reranking needs a hosted model and is not supported"
            )
        raise ApiError(
            400, f"{prefix}rerank_by: RRF fuses the results of a multi-query; send it with `queries`"
        )
    if body.get("distance_metric") is not None:
        _check_metric(body["distance_metric"], metric, f"{prefix}distance_metric")
    if not sub:
        plan.vector_encoding = parse_vector_encoding(body.get("vector_encoding"), "vector_encoding")
        parse_consistency(body.get("consistency"), "consistency")

    if body.get("filters") is not None:
        plan.filter = parse_filter(body["filters"], schema, where=f"{prefix}filters")

    aggregate_by = body.get("aggregate_by")
    if aggregate_by is not None:
        plan.aggregations = parse_aggregate_by(aggregate_by, schema, f"{prefix}aggregate_by")
        for field in ("rank_by", "include_attributes", "exclude_attributes", "compute_attributes", "offset"):
            if body.get(field) is not None:
                raise ApiError(400, f"{prefix}{field} cannot be combined with aggregate_by")
    if body.get("group_by") is not None:
        if aggregate_by is None:
            raise ApiError(400, f"{prefix}group_by requires aggregate_by")
        plan.group_by = parse_group_by(body["group_by"], schema, f"{prefix}group_by")

    if body.get("rank_by") is not None:
        plan.rank = parser.rank_by(body["rank_by"], f"{prefix}rank_by")
        if isinstance(plan.rank, VectorRank) and plan.rank.mode == "kNN" and plan.filter is None:
            raise ApiError(
                400, f"{prefix}rank_by: kNN (exact search) requires filters; use ANN without filters"
            )
        if isinstance(plan.rank, ScoreRank):
            check_non_negative(plan.rank.expr, schema, f"{prefix}rank_by")

    _parse_limit(body, plan, prefix, grouped=plan.group_by is not None)
    plan.attributes = parse_attribute_selection(body, schema, prefix)
    if body.get("compute_attributes") is not None:
        computed = expect_object(body["compute_attributes"], f"{prefix}compute_attributes")
        if len(computed) > MAX_COMPUTED_ATTRIBUTES:
            raise ApiError(400, f"{prefix}compute_attributes: at most {MAX_COMPUTED_ATTRIBUTES} are allowed")
        for name, expr in computed.items():
            if not name or name.startswith("$"):
                raise ApiError(
                    400, f"{prefix}compute_attributes: invalid name {name!r} (must not start with '$')"
                )
            node = parser.compute(expr, f"{prefix}compute_attributes.{name}")
            if isinstance(node, HighlightCompute) and node.attr not in schema.attributes:
                raise ApiError(400, f"{prefix}compute_attributes.{name}: unknown attribute {node.attr!r}")
            plan.compute[name] = node
    _require_rank_and_limit(plan, prefix)  # last, so a more specific error above is reported first
    return plan


def _require_rank_and_limit(plan: QueryPlan, prefix: str) -> None:
    if plan.aggregations is not None:
        return
    if plan.rank is None:
        raise ApiError(
            400,
            f"{prefix}rank_by is required unless aggregate_by is set "
            f'(to list documents, rank by id: "rank_by": ["id", "asc"])',
        )
    if not plan.limit_given:
        raise ApiError(400, f"{prefix}limit is required when rank_by is set (or send top_k)")


def _check_metric(value: Any, metric: str | None, where: str) -> None:
    value = serde_errors.variant(value, where, DISTANCE_METRICS, "DistanceMetric")
    if metric is not None and value != metric:
        raise ApiError(400, f"{where}: {value!r} differs from the namespace's distance metric {metric!r}")


def parse_vector_encoding(value: Any, where: str) -> str:
    if value is None:
        return "float"
    return serde_errors.variant(value, where, VECTOR_ENCODINGS, "VectorEncoding")


def parse_consistency(value: Any, where: str) -> str:
    if value is None:
        return "strong"
    value = expect_object(value, where, serde_errors.struct("Consistency"))
    reject_unknown_keys(value, ("level", "max_staleness_seconds"), where)
    level = serde_errors.variant(value.get("level", "strong"), f"{where}.level", CONSISTENCY_LEVELS, "Level")
    if value.get("max_staleness_seconds") is not None:
        # Validated, then moot: the emulator's eventual reads are never stale.
        expect_int(value["max_staleness_seconds"], f"{where}.max_staleness_seconds", 0)
    return str(level)


def _parse_limit(body: dict[str, Any], plan: QueryPlan, prefix: str, *, grouped: bool) -> None:
    top_k, limit = body.get("top_k"), body.get("limit")
    if top_k is not None and limit is not None:
        raise ApiError(400, f"{prefix}top_k and {prefix}limit are aliases; send only one of them")
    if top_k is not None:
        plan.limit = expect_int(top_k, f"{prefix}top_k", 0, MAX_LIMIT)
        plan.limit_given = True
    elif limit is not None:
        if isinstance(limit, dict):
            reject_unknown_keys(limit, ("total", "per"), f"{prefix}limit")
            if "total" not in limit:
                raise serde_errors.missing_field(f"{prefix}limit", "total")
            plan.limit = expect_int(limit["total"], f"{prefix}limit.total", 0, MAX_LIMIT)
            if limit.get("per") is not None:
                plan.per = _parse_per(limit["per"], f"{prefix}limit.per")
        else:
            plan.limit = expect_int(limit, f"{prefix}limit", 0, MAX_LIMIT)
        plan.limit_given = True
    elif grouped:
        plan.limit = MAX_GROUPS
    if body.get("offset") is not None:
        plan.offset = expect_int(body["offset"], f"{prefix}offset", 0)
        if plan.limit + plan.offset >= MAX_LIMIT:
            raise ApiError(
                400, f"{prefix}limit + offset must be below {MAX_LIMIT}, got {plan.limit + plan.offset}"
            )
    if plan.per is not None and plan.aggregations is not None:
        raise ApiError(400, f"{prefix}limit.per cannot be used with aggregate_by")


def _parse_per(value: Any, where: str) -> PerLimit:
    value = expect_object(value, where, serde_errors.struct("LimitPer"))
    reject_unknown_keys(value, ("attributes", "limit"), where)
    for name in ("attributes", "limit"):
        if name not in value:
            raise serde_errors.missing_field(where, name)
    attributes = expect_list(value["attributes"], f"{where}.attributes")
    if not attributes:
        raise ApiError(400, f"{where}.attributes: needs at least one attribute")
    names = [expect_str(a, f"{where}.attributes[{i}]") for i, a in enumerate(attributes)]
    return PerLimit(names, expect_int(value["limit"], f"{where}.limit", 1, MAX_LIMIT))


def parse_attribute_selection(body: dict[str, Any], schema: Schema, prefix: str) -> list[str]:
    """Attributes each row carries besides ``id`` (when the document has a value for them)."""
    include, exclude = body.get("include_attributes"), body.get("exclude_attributes")
    every = [name for name in schema.attributes if name != "id"]
    if include is not None and exclude is not None:
        raise ApiError(400, f"{prefix}include_attributes and {prefix}exclude_attributes cannot be combined")
    if exclude is not None:
        names = expect_list(exclude, f"{prefix}exclude_attributes")
        for i, name in enumerate(names):
            expect_str(name, f"{prefix}exclude_attributes[{i}]")
        return [name for name in every if name not in set(names)]
    if include is None or include is False:
        return []
    if include is True:
        return every
    names = expect_list(include, f"{prefix}include_attributes", "a boolean or a sequence of strings")
    chosen: list[str] = []
    for i, name in enumerate(names):
        name = expect_str(name, f"{prefix}include_attributes[{i}]")
        if name == "id":
            continue
        if schema.get(name) is None:
            raise ApiError(
                400, f"{prefix}include_attributes[{i}]: unknown attribute {name!r} (not in the schema)"
            )
        if name not in chosen:
            chosen.append(name)
    return chosen


def parse_aggregate_by(value: Any, schema: Schema, where: str) -> dict[str, Aggregate]:
    value = expect_object(value, where)
    if not value:
        raise ApiError(400, f"{where}: needs at least one aggregation")
    if len(value) > MAX_AGGREGATIONS:
        raise ApiError(400, f"{where}: at most {MAX_AGGREGATIONS} aggregations per query, got {len(value)}")
    out: dict[str, Aggregate] = {}
    for label, spec in value.items():
        at = f"{where}.{label}"
        spec = expect_list(spec, at, '["Count"], ["Count", attr] or ["Sum", attr]')
        if not spec:
            raise arity_error(at, '["Count"], ["Count", attr] or ["Sum", attr]', spec)
        function = serde_errors.variant(spec[0], f"{at}[0]", AGGREGATE_FUNCTIONS, "AggregateFunction")
        if function == "Count" and len(spec) == 1:
            out[label] = Aggregate("Count")
            continue
        if len(spec) != 2:
            raise arity_error(at, f'["{function}", attribute]', spec)
        attr = expect_str(spec[1], f"{at}[1]")
        schema_attr = lookup(schema, attr, f"{at}[1]") if attr != "id" else None
        if function == "Sum":
            if schema_attr is None or schema_attr.type.text not in ("int", "uint", "float"):
                found = schema_attr.type.text if schema_attr else "not in the schema"
                raise ApiError(400, f"{at}: Sum needs an int, uint or float attribute; {attr!r} is {found}")
        out[label] = Aggregate(function, attr)
    return out


def parse_group_by(value: Any, schema: Schema, where: str) -> list[GroupKey]:
    items = expect_list(value, where, 'an array of attribute names or {"name": ["ForEachUnique", attr]}')
    if not items:
        raise ApiError(400, f"{where}: needs at least one group key")
    keys: list[GroupKey] = []
    for i, item in enumerate(items):
        at = f"{where}[{i}]"
        if isinstance(item, str):
            schema_attr = schema.get(item) if item != "id" else None
            if schema_attr is not None and schema_attr.type.kind != "scalar":
                raise ApiError(
                    400,
                    f"{at}: attribute {item!r} has type {schema_attr.type.text}; group by a scalar attribute "
                    'or explode arrays with {"name": ["ForEachUnique", attr]}',
                )
            keys.append(GroupKey(item, item))
            continue
        item = expect_object(item, at, 'an attribute name or {"name": ["ForEachUnique", attr]}')
        for out, spec in item.items():
            spec = expect_list(spec, f"{at}.{out}", '["ForEachUnique", attribute]')
            if len(spec) != 2:
                raise arity_error(f"{at}.{out}", '["ForEachUnique", attribute]', spec)
            serde_errors.variant(spec[0], f"{at}.{out}[0]", GROUP_BY_FUNCTIONS, "GroupByFunction")
            attr = expect_str(spec[1], f"{at}.{out}[1]")
            schema_attr = schema.get(attr)
            if schema_attr is not None and schema_attr.type.kind != "array":
                raise ApiError(
                    400,
                    f"{at}.{out}: ForEachUnique needs an array attribute; {attr!r} is {schema_attr.type.text}",
                )
            keys.append(GroupKey(out, attr, explode=True))
    return keys


def parse_multi_query(body: dict[str, Any], schema: Schema, metric: str | None) -> MultiQueryPlan:
    reject_unknown_keys(body, MULTI_QUERY_FIELDS, "")
    queries = expect_list(body["queries"], "queries")
    if not 1 <= len(queries) <= MAX_QUERIES:
        raise ApiError(400, f"queries: a multi-query holds 1 to {MAX_QUERIES} queries, got {len(queries)}")
    plan = MultiQueryPlan(
        queries=[
            parse_query(q, schema, metric, sub=True, where=f"queries[{i}]") for i, q in enumerate(queries)
        ],
        vector_encoding=parse_vector_encoding(body.get("vector_encoding"), "vector_encoding"),
    )
    parse_consistency(body.get("consistency"), "consistency")
    if body.get("rerank_by") is not None:
        plan.rerank = parse_rerank_by(body["rerank_by"], len(queries))
        for i, sub in enumerate(plan.queries):
            if sub.aggregations is not None:
                raise ApiError(400, f"queries[{i}]: aggregations cannot be reranked (rerank_by)")
    limit = body.get("limit")
    if limit is not None:
        if plan.rerank is None:
            raise ApiError(400, "limit: a multi-query limit caps the reranked rows and requires rerank_by")
        if isinstance(limit, dict):
            reject_unknown_keys(limit, ("total",), "limit")
            if "total" not in limit:
                raise serde_errors.missing_field("limit", "total")
            limit = limit["total"]
        plan.limit = expect_int(limit, "limit", 0, MAX_LIMIT)
    if body.get("offset") is not None:
        if plan.rerank is None or plan.limit is None:
            raise ApiError(400, "offset: a multi-query offset requires rerank_by and limit")
        plan.offset = expect_int(body["offset"], "offset", 0)
        if plan.limit + plan.offset >= MAX_LIMIT:
            raise ApiError(400, f"limit + offset must be below {MAX_LIMIT}, got {plan.limit + plan.offset}")
    return plan


def parse_rerank_by(value: Any, query_count: int) -> RerankRrf:
    if isinstance(value, dict):
        raise ApiError(
            400, 'rerank_by: model-based reranking needs a hosted model and is not supported; use ["RRF"]'
        )
    value = expect_list(value, "rerank_by", '["RRF"] or ["RRF", {rank_constant?, weights?}]')
    if not value or len(value) > 2:
        raise arity_error("rerank_by", '["RRF"] or ["RRF", {rank_constant?, weights?}]', value)
    serde_errors.variant(value[0], "rerank_by[0]", RERANK_FUNCTIONS, "RerankFunction")
    if query_count < 2:
        raise ApiError(400, "rerank_by: RRF fuses several result lists and needs at least 2 queries")
    rrf = RerankRrf()
    if len(value) == 2:
        params = expect_object(value[1], "rerank_by[1]", serde_errors.struct("RRFParams"))
        reject_unknown_keys(params, ("rank_constant", "weights"), "rerank_by[1]")
        if params.get("rank_constant") is not None:
            rrf.rank_constant = expect_int(params["rank_constant"], "rerank_by[1].rank_constant", 1)
        if params.get("weights") is not None:
            weights = expect_list(params["weights"], "rerank_by[1].weights")
            if len(weights) != query_count:
                raise ApiError(
                    400,
                    f"rerank_by[1].weights: needs one weight per query ({query_count}), got {len(weights)}",
                )
            rrf.weights = [expect_number(w, f"rerank_by[1].weights[{i}]") for i, w in enumerate(weights)]
            if any(w <= 0 for w in rrf.weights):
                raise ApiError(400, "rerank_by[1].weights: every weight must be positive")
    return rrf
