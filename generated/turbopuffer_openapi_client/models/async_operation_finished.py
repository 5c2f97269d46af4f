# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.async_operation_error import AsyncOperationError
    from ..models.async_operation_success import AsyncOperationSuccess


T = TypeVar("T", bound="AsyncOperationFinished")


@_attrs_define
class AsyncOperationFinished:
    """The operation has finished, successfully or not.

    Attributes:
        status (Literal['finished']):
        start_time (datetime.datetime): When the operation started.
        finish_time (datetime.datetime): When the operation finished.
        result (AsyncOperationError | AsyncOperationSuccess): Exactly one of `success` (the normal 200 body) or `error`.
    """

    status: Literal["finished"]
    start_time: datetime.datetime
    finish_time: datetime.datetime
    result: AsyncOperationError | AsyncOperationSuccess
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.async_operation_success import AsyncOperationSuccess  # noqa: PLC0415

        status = self.status

        start_time = self.start_time.isoformat()

        finish_time = self.finish_time.isoformat()

        result: dict[str, Any]
        if isinstance(self.result, AsyncOperationSuccess):
            result = self.result.to_dict()
        else:
            result = self.result.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "start_time": start_time,
                "finish_time": finish_time,
                "result": result,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.async_operation_error import AsyncOperationError  # noqa: PLC0415
        from ..models.async_operation_success import AsyncOperationSuccess  # noqa: PLC0415

        d = dict(src_dict)
        status = cast(Literal["finished"], d.pop("status"))
        if status != "finished":
            raise ValueError(f"status must match const 'finished', got '{status}'")

        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        finish_time = datetime.datetime.fromisoformat(d.pop("finish_time"))

        def _parse_result(data: object) -> AsyncOperationError | AsyncOperationSuccess:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_async_operation_result_type_0 = AsyncOperationSuccess.from_dict(data)

                return componentsschemas_async_operation_result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_async_operation_result_type_1 = AsyncOperationError.from_dict(data)

            return componentsschemas_async_operation_result_type_1

        result = _parse_result(d.pop("result"))

        async_operation_finished = cls(
            status=status,
            start_time=start_time,
            finish_time=finish_time,
            result=result,
        )

        async_operation_finished.additional_properties = d
        return async_operation_finished

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
