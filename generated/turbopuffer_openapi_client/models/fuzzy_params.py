# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.fuzzy_max_edit_distance import FuzzyMaxEditDistance


T = TypeVar("T", bound="FuzzyParams")


@_attrs_define
class FuzzyParams:
    """Options of the `Fuzzy` filter.

    Attributes:
        max_edit_distance (list[FuzzyMaxEditDistance]): Edit-distance thresholds by query length, ascending by
            `min_query_chars`; the last
            threshold whose `min_query_chars` is at most the query's length in characters applies.
            Queries shorter than the first threshold match nothing.
        case_sensitive (bool | Unset): With `false`, differences of letter case cost nothing. Default: True.
    """

    max_edit_distance: list[FuzzyMaxEditDistance]
    case_sensitive: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        max_edit_distance = []
        for max_edit_distance_item_data in self.max_edit_distance:
            max_edit_distance_item = max_edit_distance_item_data.to_dict()
            max_edit_distance.append(max_edit_distance_item)

        case_sensitive = self.case_sensitive

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "max_edit_distance": max_edit_distance,
            }
        )
        if case_sensitive is not UNSET:
            field_dict["case_sensitive"] = case_sensitive

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fuzzy_max_edit_distance import FuzzyMaxEditDistance  # noqa: PLC0415

        d = dict(src_dict)
        max_edit_distance = []
        _max_edit_distance = d.pop("max_edit_distance")
        for max_edit_distance_item_data in _max_edit_distance:
            max_edit_distance_item = FuzzyMaxEditDistance.from_dict(max_edit_distance_item_data)

            max_edit_distance.append(max_edit_distance_item)

        case_sensitive = d.pop("case_sensitive", UNSET)

        fuzzy_params = cls(
            max_edit_distance=max_edit_distance,
            case_sensitive=case_sensitive,
        )

        return fuzzy_params
