# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.recall_ground_truth import RecallGroundTruth


T = TypeVar("T", bound="RecallResult")


@_attrs_define
class RecallResult:
    """The recall measurement.

    Attributes:
        avg_recall (float): Mean recall over the searches.
        avg_exhaustive_count (float): Mean number of results of the exhaustive searches.
        avg_ann_count (float): Mean number of results of the ANN searches.
        ground_truth (list[RecallGroundTruth] | Unset): With `include_ground_truth`, each search's query vector and
            exact neighbours.
    """

    avg_recall: float
    avg_exhaustive_count: float
    avg_ann_count: float
    ground_truth: list[RecallGroundTruth] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        avg_recall = self.avg_recall

        avg_exhaustive_count = self.avg_exhaustive_count

        avg_ann_count = self.avg_ann_count

        ground_truth: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ground_truth, Unset):
            ground_truth = []
            for ground_truth_item_data in self.ground_truth:
                ground_truth_item = ground_truth_item_data.to_dict()
                ground_truth.append(ground_truth_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "avg_recall": avg_recall,
                "avg_exhaustive_count": avg_exhaustive_count,
                "avg_ann_count": avg_ann_count,
            }
        )
        if ground_truth is not UNSET:
            field_dict["ground_truth"] = ground_truth

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recall_ground_truth import RecallGroundTruth  # noqa: PLC0415

        d = dict(src_dict)
        avg_recall = d.pop("avg_recall")

        avg_exhaustive_count = d.pop("avg_exhaustive_count")

        avg_ann_count = d.pop("avg_ann_count")

        _ground_truth = d.pop("ground_truth", UNSET)
        ground_truth: list[RecallGroundTruth] | Unset = UNSET
        if _ground_truth is not UNSET:
            ground_truth = []
            for ground_truth_item_data in _ground_truth:
                ground_truth_item = RecallGroundTruth.from_dict(ground_truth_item_data)

                ground_truth.append(ground_truth_item)

        recall_result = cls(
            avg_recall=avg_recall,
            avg_exhaustive_count=avg_exhaustive_count,
            avg_ann_count=avg_ann_count,
            ground_truth=ground_truth,
        )

        recall_result.additional_properties = d
        return recall_result

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
