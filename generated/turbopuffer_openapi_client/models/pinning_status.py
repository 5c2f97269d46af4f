# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PinningStatus")


@_attrs_define
class PinningStatus:
    """Operational status of a pinned namespace.

    Attributes:
        ready_replicas (int): Replicas warm and serving queries.
        replicas (int): Running (billed) replicas.
        updated_at (datetime.datetime): When this status was sampled.
        utilization (float): Aggregate load over the replicas, 0.0 to 1.0.
    """

    ready_replicas: int
    replicas: int
    updated_at: datetime.datetime
    utilization: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ready_replicas = self.ready_replicas

        replicas = self.replicas

        updated_at = self.updated_at.isoformat()

        utilization = self.utilization

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ready_replicas": ready_replicas,
                "replicas": replicas,
                "updated_at": updated_at,
                "utilization": utilization,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ready_replicas = d.pop("ready_replicas")

        replicas = d.pop("replicas")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        utilization = d.pop("utilization")

        pinning_status = cls(
            ready_replicas=ready_replicas,
            replicas=replicas,
            updated_at=updated_at,
            utilization=utilization,
        )

        pinning_status.additional_properties = d
        return pinning_status

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
