# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.vector_encoding import VectorEncoding, check_vector_encoding
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.consistency_default import ConsistencyDefault
    from ..models.consistency_eventual import ConsistencyEventual
    from ..models.consistency_strong import ConsistencyStrong
    from ..models.rerank_limit_config import RerankLimitConfig
    from ..models.sub_query import SubQuery


T = TypeVar("T", bound="MultiQueryRequest")


@_attrs_define
class MultiQueryRequest:
    """Up to 16 queries run on one consistent snapshot, optionally fused into one list with `rerank_by`.

    Attributes:
        queries (list[SubQuery]): The sub-queries; `results[i]` answers `queries[i]`.
        rerank_by (Any | Unset): How a multi-query combines its sub-queries' rows into one ranked list.
        limit (int | RerankLimitConfig | Unset): The maximum number of fused (re-ranked) rows of a multi-query.
        offset (int | Unset): Skip this many ranked results (`limit + offset` must be below 10,000; not with
            aggregations).
        consistency (ConsistencyDefault | ConsistencyEventual | ConsistencyStrong | Unset): Read consistency: `strong`
            (default) sees every acknowledged write; `eventual` may be slightly stale but avoids a round-trip to object
            storage. `level` is optional: `{}` is the default, strong.
        vector_encoding (VectorEncoding | Unset): How vectors are encoded in responses.
    """

    queries: list[SubQuery]
    rerank_by: Any | Unset = UNSET
    limit: int | RerankLimitConfig | Unset = UNSET
    offset: int | Unset = UNSET
    consistency: ConsistencyDefault | ConsistencyEventual | ConsistencyStrong | Unset = UNSET
    vector_encoding: VectorEncoding | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.consistency_eventual import ConsistencyEventual  # noqa: PLC0415
        from ..models.consistency_strong import ConsistencyStrong  # noqa: PLC0415
        from ..models.rerank_limit_config import RerankLimitConfig  # noqa: PLC0415

        queries = []
        for queries_item_data in self.queries:
            queries_item = queries_item_data.to_dict()
            queries.append(queries_item)

        rerank_by = self.rerank_by

        limit: dict[str, Any] | int | Unset
        if isinstance(self.limit, Unset):
            limit = UNSET
        elif isinstance(self.limit, RerankLimitConfig):
            limit = self.limit.to_dict()
        else:
            limit = self.limit

        offset = self.offset

        consistency: dict[str, Any] | Unset
        if isinstance(self.consistency, Unset):
            consistency = UNSET
        elif isinstance(self.consistency, ConsistencyStrong):
            consistency = self.consistency.to_dict()
        elif isinstance(self.consistency, ConsistencyEventual):
            consistency = self.consistency.to_dict()
        else:
            consistency = self.consistency.to_dict()

        vector_encoding: str | Unset = UNSET
        if not isinstance(self.vector_encoding, Unset):
            vector_encoding = self.vector_encoding

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "queries": queries,
            }
        )
        if rerank_by is not UNSET:
            field_dict["rerank_by"] = rerank_by
        if limit is not UNSET:
            field_dict["limit"] = limit
        if offset is not UNSET:
            field_dict["offset"] = offset
        if consistency is not UNSET:
            field_dict["consistency"] = consistency
        if vector_encoding is not UNSET:
            field_dict["vector_encoding"] = vector_encoding

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consistency_default import ConsistencyDefault  # noqa: PLC0415
        from ..models.consistency_eventual import ConsistencyEventual  # noqa: PLC0415
        from ..models.consistency_strong import ConsistencyStrong  # noqa: PLC0415
        from ..models.rerank_limit_config import RerankLimitConfig  # noqa: PLC0415
        from ..models.sub_query import SubQuery  # noqa: PLC0415

        d = dict(src_dict)
        queries = []
        _queries = d.pop("queries")
        for queries_item_data in _queries:
            queries_item = SubQuery.from_dict(queries_item_data)

            queries.append(queries_item)

        rerank_by = d.pop("rerank_by", UNSET)

        def _parse_limit(data: object) -> int | RerankLimitConfig | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_rerank_limit_type_1 = RerankLimitConfig.from_dict(data)

                return componentsschemas_rerank_limit_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | RerankLimitConfig | Unset, data)

        limit = _parse_limit(d.pop("limit", UNSET))

        offset = d.pop("offset", UNSET)

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

        _vector_encoding = d.pop("vector_encoding", UNSET)
        vector_encoding: VectorEncoding | Unset
        if isinstance(_vector_encoding, Unset):
            vector_encoding = UNSET
        else:
            vector_encoding = check_vector_encoding(_vector_encoding)

        multi_query_request = cls(
            queries=queries,
            rerank_by=rerank_by,
            limit=limit,
            offset=offset,
            consistency=consistency,
            vector_encoding=vector_encoding,
        )

        return multi_query_request
