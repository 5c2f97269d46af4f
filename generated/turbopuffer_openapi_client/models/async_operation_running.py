# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AsyncOperationRunning")


@_attrs_define
class AsyncOperationRunning:
    """The operation is still running.

    Attributes:
        status (Literal['running']):
        start_time (datetime.datetime): When the operation started.
        progress (str | Unset): A free-form progress description; may be absent and its format may change.
    """

    status: Literal["running"]
    start_time: datetime.datetime
    progress: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        start_time = self.start_time.isoformat()

        progress = self.progress

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "start_time": start_time,
            }
        )
        if progress is not UNSET:
            field_dict["progress"] = progress

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = cast(Literal["running"], d.pop("status"))
        if status != "running":
            raise ValueError(f"status must match const 'running', got '{status}'")

        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        progress = d.pop("progress", UNSET)

        async_operation_running = cls(
            status=status,
            start_time=start_time,
            progress=progress,
        )

        async_operation_running.additional_properties = d
        return async_operation_running

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
