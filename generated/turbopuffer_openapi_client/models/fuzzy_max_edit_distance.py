# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="FuzzyMaxEditDistance")


@_attrs_define
class FuzzyMaxEditDistance:
    """One edit-distance threshold of a `Fuzzy` filter.

    Attributes:
        min_query_chars (int): Minimum query length (characters) for this distance; at least 3 · (distance + 1).
        distance (int): The maximum edit distance allowed.
    """

    min_query_chars: int
    distance: int

    def to_dict(self) -> dict[str, Any]:
        min_query_chars = self.min_query_chars

        distance = self.distance

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "min_query_chars": min_query_chars,
                "distance": distance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        min_query_chars = d.pop("min_query_chars")

        distance = d.pop("distance")

        fuzzy_max_edit_distance = cls(
            min_query_chars=min_query_chars,
            distance=distance,
        )

        return fuzzy_max_edit_distance
