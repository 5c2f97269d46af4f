# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RecallRequest")


@_attrs_define
class RecallRequest:
    """How to evaluate ANN recall.

    Attributes:
        num (int | None | Unset): The number of sampled searches; must be `null` or 1 with `rank_by`. Default: 25.
        top_k (int | Unset): Neighbours per search (recall@top_k). Default: 10.
        filters (Any | Unset): A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical combination. Used
            by
            `filters`, `delete_by_filter`, `patch_by_filter.filters`, the `*_condition` write fields,
            recall, and as a 0/1 term inside score expressions. `attribute` may be `id`. Operands
            must have the attribute's type; in write conditions they may be `{"$ref_new": attr}`.
        rank_by (Any | Unset): How to rank documents: vector search (`ANN`, `kNN`, `SparseKNN`), a score expression
            (BM25 and friends; higher is better), or attribute order.
        include_ground_truth (bool | Unset): Add the query vectors and their exact nearest neighbours to the response.
            Default: False.
    """

    num: int | None | Unset = 25
    top_k: int | Unset = 10
    filters: Any | Unset = UNSET
    rank_by: Any | Unset = UNSET
    include_ground_truth: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        num: int | None | Unset
        if isinstance(self.num, Unset):
            num = UNSET
        else:
            num = self.num

        top_k = self.top_k

        filters = self.filters

        rank_by = self.rank_by

        include_ground_truth = self.include_ground_truth

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if num is not UNSET:
            field_dict["num"] = num
        if top_k is not UNSET:
            field_dict["top_k"] = top_k
        if filters is not UNSET:
            field_dict["filters"] = filters
        if rank_by is not UNSET:
            field_dict["rank_by"] = rank_by
        if include_ground_truth is not UNSET:
            field_dict["include_ground_truth"] = include_ground_truth

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_num(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        num = _parse_num(d.pop("num", UNSET))

        top_k = d.pop("top_k", UNSET)

        filters = d.pop("filters", UNSET)

        rank_by = d.pop("rank_by", UNSET)

        include_ground_truth = d.pop("include_ground_truth", UNSET)

        recall_request = cls(
            num=num,
            top_k=top_k,
            filters=filters,
            rank_by=rank_by,
            include_ground_truth=include_ground_truth,
        )

        return recall_request
