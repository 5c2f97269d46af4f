# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AttributeSchemaDrop")


@_attrs_define
class AttributeSchemaDrop:
    """Drop the attribute from the namespace (cannot be combined with other settings).

    Attributes:
        drop (bool):
    """

    drop: bool

    def to_dict(self) -> dict[str, Any]:
        drop = self.drop

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "drop": drop,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        drop = d.pop("drop")

        attribute_schema_drop = cls(
            drop=drop,
        )

        return attribute_schema_drop
