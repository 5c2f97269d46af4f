# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="HighlightFragment")


@_attrs_define
class HighlightFragment:
    """One highlighted fragment.

    Attributes:
        text (str): The fragment text.
        fragment_range (Any | Unset): A half-open `[start, end)` range in the requested offset units.
        match_ranges (list[Any] | Unset): The matched spans (only with `include_offsets`), half-open, absolute within
            the attribute value.
        array_index (int | Unset): For `[]string` attributes, the element the fragment comes from.
    """

    text: str
    fragment_range: Any | Unset = UNSET
    match_ranges: list[Any] | Unset = UNSET
    array_index: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        fragment_range = self.fragment_range

        match_ranges: list[Any] | Unset = UNSET
        if not isinstance(self.match_ranges, Unset):
            match_ranges = self.match_ranges

        array_index = self.array_index

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
            }
        )
        if fragment_range is not UNSET:
            field_dict["fragment_range"] = fragment_range
        if match_ranges is not UNSET:
            field_dict["match_ranges"] = match_ranges
        if array_index is not UNSET:
            field_dict["array_index"] = array_index

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        fragment_range = d.pop("fragment_range", UNSET)

        match_ranges = cast(list[Any], d.pop("match_ranges", UNSET))

        array_index = d.pop("array_index", UNSET)

        highlight_fragment = cls(
            text=text,
            fragment_range=fragment_range,
            match_ranges=match_ranges,
            array_index=array_index,
        )

        highlight_fragment.additional_properties = d
        return highlight_fragment

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
