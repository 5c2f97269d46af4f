# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="LimitPer")


@_attrs_define
class LimitPer:
    """At most `limit` results share the same values of `attributes` (higher-ranked results are kept). For vector and
    attribute-order ranking.

        Attributes:
            attributes (list[str]): The attributes forming the diversification key.
            limit (int): The maximum number of results per key.
    """

    attributes: list[str]
    limit: int

    def to_dict(self) -> dict[str, Any]:
        attributes = self.attributes

        limit = self.limit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "attributes": attributes,
                "limit": limit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attributes = cast(list[str], d.pop("attributes"))

        limit = d.pop("limit")

        limit_per = cls(
            attributes=attributes,
            limit=limit,
        )

        return limit_per
