# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.distance_metric import DistanceMetric, check_distance_metric
from ..models.vector_encoding import VectorEncoding, check_vector_encoding
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.aggregate_by_map import AggregateByMap
    from ..models.compute_attributes import ComputeAttributes
    from ..models.consistency_default import ConsistencyDefault
    from ..models.consistency_eventual import ConsistencyEventual
    from ..models.consistency_strong import ConsistencyStrong
    from ..models.limit_config import LimitConfig
    from ..models.rerank_by_model import RerankByModel


T = TypeVar("T", bound="QueryRequest")


@_attrs_define
class QueryRequest:
    """A single query. `rank_by` is required unless `aggregate_by` is given; the two exclude each
    other. A ranked query must give `limit` (or `top_k`): there is no default, and a missing
    one is a 400. Aggregations need no limit (grouped ones then return every group, at most
    10,000).

        Attributes:
            rank_by (Any | Unset): How to rank documents: vector search (`ANN`, `kNN`, `SparseKNN`), a score expression
                (BM25 and friends; higher is better), or attribute order.
            filters (Any | Unset): A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical combination. Used
                by
                `filters`, `delete_by_filter`, `patch_by_filter.filters`, the `*_condition` write fields,
                recall, and as a 0/1 term inside score expressions. `attribute` may be `id`. Operands
                must have the attribute's type; in write conditions they may be `{"$ref_new": attr}`.
            limit (int | LimitConfig | Unset): The maximum number of results: an integer, or `{total, per?}` with per-value
                diversification. Required with `rank_by` (or send `top_k`). For grouped aggregations, the maximum number of
                groups.
            top_k (int | Unset): The number of results to return (an alias of `limit.total`).
            offset (int | Unset): Skip this many ranked results (`limit + offset` must be below 10,000; not with
                aggregations).
            include_attributes (bool | list[str] | Unset): `true` returns every attribute (vectors included), `false` only
                `id`, a list exactly those attributes (each one only in rows of documents that have a value for it: nulls are
                omitted). Not with `aggregate_by`.
            exclude_attributes (list[str] | Unset): Return every attribute except these (unknown names are ignored). Not
                together with `include_attributes`.
            compute_attributes (ComputeAttributes | Unset): Extra values computed per returned row, by output name (at most
                256). They never affect matching or ranking.
            aggregate_by (AggregateByMap | Unset): Aggregations over every document matching `filters`, by output label (at
                most 8). Not with `rank_by`, `include_attributes` or `offset`.
            group_by (list[Any] | Unset): Group keys for `aggregate_by`; one result object per distinct key, sorted by key.
            distance_metric (DistanceMetric | Unset): The dense-vector distance: `cosine_distance` = 1 − cos(x, y) in [0,
                2]; `euclidean_squared` = Σ (x_i − y_i)². Lower is closer.
            vector_encoding (VectorEncoding | Unset): How vectors are encoded in responses.
            consistency (ConsistencyDefault | ConsistencyEventual | ConsistencyStrong | Unset): Read consistency: `strong`
                (default) sees every acknowledged write; `eventual` may be slightly stale but avoids a round-trip to object
                storage. `level` is optional: `{}` is the default, strong.
            rerank_by (RerankByModel | Unset): Re-rank the retrieved rows with a re-ranking model that scores a string
                attribute against a query text.
    """

    rank_by: Any | Unset = UNSET
    filters: Any | Unset = UNSET
    limit: int | LimitConfig | Unset = UNSET
    top_k: int | Unset = UNSET
    offset: int | Unset = UNSET
    include_attributes: bool | list[str] | Unset = UNSET
    exclude_attributes: list[str] | Unset = UNSET
    compute_attributes: ComputeAttributes | Unset = UNSET
    aggregate_by: AggregateByMap | Unset = UNSET
    group_by: list[Any] | Unset = UNSET
    distance_metric: DistanceMetric | Unset = UNSET
    vector_encoding: VectorEncoding | Unset = UNSET
    consistency: ConsistencyDefault | ConsistencyEventual | ConsistencyStrong | Unset = UNSET
    rerank_by: RerankByModel | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.consistency_eventual import ConsistencyEventual  # noqa: PLC0415
        from ..models.consistency_strong import ConsistencyStrong  # noqa: PLC0415
        from ..models.limit_config import LimitConfig  # noqa: PLC0415

        rank_by = self.rank_by

        filters = self.filters

        limit: dict[str, Any] | int | Unset
        if isinstance(self.limit, Unset):
            limit = UNSET
        elif isinstance(self.limit, LimitConfig):
            limit = self.limit.to_dict()
        else:
            limit = self.limit

        top_k = self.top_k

        offset = self.offset

        include_attributes: bool | list[str] | Unset
        if isinstance(self.include_attributes, Unset):
            include_attributes = UNSET
        elif isinstance(self.include_attributes, list):
            include_attributes = self.include_attributes

        else:
            include_attributes = self.include_attributes

        exclude_attributes: list[str] | Unset = UNSET
        if not isinstance(self.exclude_attributes, Unset):
            exclude_attributes = self.exclude_attributes

        compute_attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.compute_attributes, Unset):
            compute_attributes = self.compute_attributes.to_dict()

        aggregate_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.aggregate_by, Unset):
            aggregate_by = self.aggregate_by.to_dict()

        group_by: list[Any] | Unset = UNSET
        if not isinstance(self.group_by, Unset):
            group_by = self.group_by

        distance_metric: str | Unset = UNSET
        if not isinstance(self.distance_metric, Unset):
            distance_metric = self.distance_metric

        vector_encoding: str | Unset = UNSET
        if not isinstance(self.vector_encoding, Unset):
            vector_encoding = self.vector_encoding

        consistency: dict[str, Any] | Unset
        if isinstance(self.consistency, Unset):
            consistency = UNSET
        elif isinstance(self.consistency, ConsistencyStrong):
            consistency = self.consistency.to_dict()
        elif isinstance(self.consistency, ConsistencyEventual):
            consistency = self.consistency.to_dict()
        else:
            consistency = self.consistency.to_dict()

        rerank_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.rerank_by, Unset):
            rerank_by = self.rerank_by.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if rank_by is not UNSET:
            field_dict["rank_by"] = rank_by
        if filters is not UNSET:
            field_dict["filters"] = filters
        if limit is not UNSET:
            field_dict["limit"] = limit
        if top_k is not UNSET:
            field_dict["top_k"] = top_k
        if offset is not UNSET:
            field_dict["offset"] = offset
        if include_attributes is not UNSET:
            field_dict["include_attributes"] = include_attributes
        if exclude_attributes is not UNSET:
            field_dict["exclude_attributes"] = exclude_attributes
        if compute_attributes is not UNSET:
            field_dict["compute_attributes"] = compute_attributes
        if aggregate_by is not UNSET:
            field_dict["aggregate_by"] = aggregate_by
        if group_by is not UNSET:
            field_dict["group_by"] = group_by
        if distance_metric is not UNSET:
            field_dict["distance_metric"] = distance_metric
        if vector_encoding is not UNSET:
            field_dict["vector_encoding"] = vector_encoding
        if consistency is not UNSET:
            field_dict["consistency"] = consistency
        if rerank_by is not UNSET:
            field_dict["rerank_by"] = rerank_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.aggregate_by_map import AggregateByMap  # noqa: PLC0415
        from ..models.compute_attributes import ComputeAttributes  # noqa: PLC0415
        from ..models.consistency_default import ConsistencyDefault  # noqa: PLC0415
        from ..models.consistency_eventual import ConsistencyEventual  # noqa: PLC0415
        from ..models.consistency_strong import ConsistencyStrong  # noqa: PLC0415
        from ..models.limit_config import LimitConfig  # noqa: PLC0415
        from ..models.rerank_by_model import RerankByModel  # noqa: PLC0415

        d = dict(src_dict)
        rank_by = d.pop("rank_by", UNSET)

        filters = d.pop("filters", UNSET)

        def _parse_limit(data: object) -> int | LimitConfig | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_query_limit_type_1 = LimitConfig.from_dict(data)

                return componentsschemas_query_limit_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | LimitConfig | Unset, data)

        limit = _parse_limit(d.pop("limit", UNSET))

        top_k = d.pop("top_k", UNSET)

        offset = d.pop("offset", UNSET)

        def _parse_include_attributes(data: object) -> bool | list[str] | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_include_attributes_type_1 = cast(list[str], data)

                return componentsschemas_include_attributes_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | list[str] | Unset, data)

        include_attributes = _parse_include_attributes(d.pop("include_attributes", UNSET))

        exclude_attributes = cast(list[str], d.pop("exclude_attributes", UNSET))

        _compute_attributes = d.pop("compute_attributes", UNSET)
        compute_attributes: ComputeAttributes | Unset
        if isinstance(_compute_attributes, Unset):
            compute_attributes = UNSET
        else:
            compute_attributes = ComputeAttributes.from_dict(_compute_attributes)

        _aggregate_by = d.pop("aggregate_by", UNSET)
        aggregate_by: AggregateByMap | Unset
        if isinstance(_aggregate_by, Unset):
            aggregate_by = UNSET
        else:
            aggregate_by = AggregateByMap.from_dict(_aggregate_by)

        group_by = cast(list[Any], d.pop("group_by", UNSET))

        _distance_metric = d.pop("distance_metric", UNSET)
        distance_metric: DistanceMetric | Unset
        if isinstance(_distance_metric, Unset):
            distance_metric = UNSET
        else:
            distance_metric = check_distance_metric(_distance_metric)

        _vector_encoding = d.pop("vector_encoding", UNSET)
        vector_encoding: VectorEncoding | Unset
        if isinstance(_vector_encoding, Unset):
            vector_encoding = UNSET
        else:
            vector_encoding = check_vector_encoding(_vector_encoding)

        def _parse_consistency(
            data: object,
        ) -> ConsistencyDefault | ConsistencyEventual | ConsistencyStrong | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_consistency_type_0 = ConsistencyStrong.from_dict(data)

                return componentsschemas_consistency_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_consistency_type_1 = ConsistencyEventual.from_dict(data)

                return componentsschemas_consistency_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_consistency_type_2 = ConsistencyDefault.from_dict(data)

            return componentsschemas_consistency_type_2

        consistency = _parse_consistency(d.pop("consistency", UNSET))

        _rerank_by = d.pop("rerank_by", UNSET)
        rerank_by: RerankByModel | Unset
        if isinstance(_rerank_by, Unset):
            rerank_by = UNSET
        else:
            rerank_by = RerankByModel.from_dict(_rerank_by)

        query_request = cls(
            rank_by=rank_by,
            filters=filters,
            limit=limit,
            top_k=top_k,
            offset=offset,
            include_attributes=include_attributes,
            exclude_attributes=exclude_attributes,
            compute_attributes=compute_attributes,
            aggregate_by=aggregate_by,
            group_by=group_by,
            distance_metric=distance_metric,
            vector_encoding=vector_encoding,
            consistency=consistency,
            rerank_by=rerank_by,
        )

        return query_request
