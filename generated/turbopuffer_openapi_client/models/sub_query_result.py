# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.aggregation_group import AggregationGroup
    from ..models.aggregations import Aggregations
    from ..models.row_model import RowModel


T = TypeVar("T", bound="SubQueryResult")


@_attrs_define
class SubQueryResult:
    """The result of one sub-query (or, with `rerank_by`, the single fused result).

    Attributes:
        rows (list[RowModel] | Unset): The matching documents in rank order.
        aggregations (Aggregations | Unset): Aggregation label to value (`Count` an integer, `Sum` a number).
        aggregation_groups (list[AggregationGroup] | Unset): One object per group.
    """

    rows: list[RowModel] | Unset = UNSET
    aggregations: Aggregations | Unset = UNSET
    aggregation_groups: list[AggregationGroup] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rows: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rows, Unset):
            rows = []
            for rows_item_data in self.rows:
                rows_item = rows_item_data.to_dict()
                rows.append(rows_item)

        aggregations: dict[str, Any] | Unset = UNSET
        if not isinstance(self.aggregations, Unset):
            aggregations = self.aggregations.to_dict()

        aggregation_groups: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.aggregation_groups, Unset):
            aggregation_groups = []
            for aggregation_groups_item_data in self.aggregation_groups:
                aggregation_groups_item = aggregation_groups_item_data.to_dict()
                aggregation_groups.append(aggregation_groups_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if rows is not UNSET:
            field_dict["rows"] = rows
        if aggregations is not UNSET:
            field_dict["aggregations"] = aggregations
        if aggregation_groups is not UNSET:
            field_dict["aggregation_groups"] = aggregation_groups

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.aggregation_group import AggregationGroup  # noqa: PLC0415
        from ..models.aggregations import Aggregations  # noqa: PLC0415
        from ..models.row_model import RowModel  # noqa: PLC0415

        d = dict(src_dict)
        _rows = d.pop("rows", UNSET)
        rows: list[RowModel] | Unset = UNSET
        if _rows is not UNSET:
            rows = []
            for rows_item_data in _rows:
                rows_item = RowModel.from_dict(rows_item_data)

                rows.append(rows_item)

        _aggregations = d.pop("aggregations", UNSET)
        aggregations: Aggregations | Unset
        if isinstance(_aggregations, Unset):
            aggregations = UNSET
        else:
            aggregations = Aggregations.from_dict(_aggregations)

        _aggregation_groups = d.pop("aggregation_groups", UNSET)
        aggregation_groups: list[AggregationGroup] | Unset = UNSET
        if _aggregation_groups is not UNSET:
            aggregation_groups = []
            for aggregation_groups_item_data in _aggregation_groups:
                aggregation_groups_item = AggregationGroup.from_dict(aggregation_groups_item_data)

                aggregation_groups.append(aggregation_groups_item)

        sub_query_result = cls(
            rows=rows,
            aggregations=aggregations,
            aggregation_groups=aggregation_groups,
        )

        sub_query_result.additional_properties = d
        return sub_query_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
