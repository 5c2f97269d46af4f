# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.row_model import RowModel


T = TypeVar("T", bound="RecallGroundTruth")


@_attrs_define
class RecallGroundTruth:
    """One evaluated search.

    Attributes:
        query_vector (list[float]): The query vector.
        nearest_neighbors (list[RowModel]): The exact nearest neighbours, with `$dist` and `vector`.
    """

    query_vector: list[float]
    nearest_neighbors: list[RowModel]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        query_vector = self.query_vector

        nearest_neighbors = []
        for nearest_neighbors_item_data in self.nearest_neighbors:
            nearest_neighbors_item = nearest_neighbors_item_data.to_dict()
            nearest_neighbors.append(nearest_neighbors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "query_vector": query_vector,
                "nearest_neighbors": nearest_neighbors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.row_model import RowModel  # noqa: PLC0415

        d = dict(src_dict)
        query_vector = cast(list[float], d.pop("query_vector"))

        nearest_neighbors = []
        _nearest_neighbors = d.pop("nearest_neighbors")
        for nearest_neighbors_item_data in _nearest_neighbors:
            nearest_neighbors_item = RowModel.from_dict(nearest_neighbors_item_data)

            nearest_neighbors.append(nearest_neighbors_item)

        recall_ground_truth = cls(
            query_vector=query_vector,
            nearest_neighbors=nearest_neighbors,
        )

        recall_ground_truth.additional_properties = d
        return recall_ground_truth

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
