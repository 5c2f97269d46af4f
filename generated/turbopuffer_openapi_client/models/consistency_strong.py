# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConsistencyStrong")


@_attrs_define
class ConsistencyStrong:
    """Strong consistency (read-your-writes).

    Attributes:
        level (Literal['strong']):
    """

    level: Literal["strong"]

    def to_dict(self) -> dict[str, Any]:
        level = self.level

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "level": level,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        level = cast(Literal["strong"], d.pop("level"))
        if level != "strong":
            raise ValueError(f"level must match const 'strong', got '{level}'")

        consistency_strong = cls(
            level=level,
        )

        return consistency_strong
