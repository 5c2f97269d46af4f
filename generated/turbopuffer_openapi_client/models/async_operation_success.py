# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.recall_result import RecallResult
    from ..models.write_result import WriteResult


T = TypeVar("T", bound="AsyncOperationSuccess")


@_attrs_define
class AsyncOperationSuccess:
    """The operation succeeded.

    Attributes:
        success (RecallResult | WriteResult): The body the synchronous request would have returned (a `WriteResult` for
            copies, a `RecallResult` for recall).
    """

    success: RecallResult | WriteResult
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.write_result import WriteResult  # noqa: PLC0415

        success: dict[str, Any]
        if isinstance(self.success, WriteResult):
            success = self.success.to_dict()
        else:
            success = self.success.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recall_result import RecallResult  # noqa: PLC0415
        from ..models.write_result import WriteResult  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_success(data: object) -> RecallResult | WriteResult:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                success_type_0 = WriteResult.from_dict(data)

                return success_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            success_type_1 = RecallResult.from_dict(data)

            return success_type_1

        success = _parse_success(d.pop("success"))

        async_operation_success = cls(
            success=success,
        )

        async_operation_success.additional_properties = d
        return async_operation_success

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
