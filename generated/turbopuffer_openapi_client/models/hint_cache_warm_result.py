# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="HintCacheWarmResult")


@_attrs_define
class HintCacheWarmResult:
    """The cache-warm hint is accepted.

    Attributes:
        status (Literal['ACCEPTED']):
        message (str | Unset): A human-readable summary.
    """

    status: Literal["ACCEPTED"]
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = cast(Literal["ACCEPTED"], d.pop("status"))
        if status != "ACCEPTED":
            raise ValueError(f"status must match const 'ACCEPTED', got '{status}'")

        message = d.pop("message", UNSET)

        hint_cache_warm_result = cls(
            status=status,
            message=message,
        )

        hint_cache_warm_result.additional_properties = d
        return hint_cache_warm_result

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
