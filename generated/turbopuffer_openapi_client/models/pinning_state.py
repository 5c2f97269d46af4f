# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pinning_status import PinningStatus


T = TypeVar("T", bound="PinningState")


@_attrs_define
class PinningState:
    """The namespace's pinning configuration and status (present only when pinned).

    Attributes:
        replicas (int | Unset): The configured number of read replicas. Default: 1.
        status (PinningStatus | Unset): Operational status of a pinned namespace.
    """

    replicas: int | Unset = 1
    status: PinningStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        replicas = self.replicas

        status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if replicas is not UNSET:
            field_dict["replicas"] = replicas
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pinning_status import PinningStatus  # noqa: PLC0415

        d = dict(src_dict)
        replicas = d.pop("replicas", UNSET)

        _status = d.pop("status", UNSET)
        status: PinningStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = PinningStatus.from_dict(_status)

        pinning_state = cls(
            replicas=replicas,
            status=status,
        )

        pinning_state.additional_properties = d
        return pinning_state

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
