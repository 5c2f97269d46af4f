# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.write_billing import WriteBilling
    from ..models.write_performance import WritePerformance


T = TypeVar("T", bound="WriteResult")


@_attrs_define
class WriteResult:
    """The outcome of a write. Counters count only writes that actually happened.

    Attributes:
        status (Literal['OK']):
        message (str): A human-readable summary.
        rows_affected (int): Upserted + patched + deleted documents.
        billing (WriteBilling): What the write is billed for.
        rows_upserted (int | Unset): Present when the request had an upsert.
        rows_patched (int | Unset): Present when the request had a patch (including `patch_by_filter`).
        rows_deleted (int | Unset): Present when the request had deletes (including `delete_by_filter`).
        rows_remaining (bool | Unset): For filter-based writes, whether more documents match than were processed.
        upserted_ids (list[int | str] | Unset): With `return_affected_ids`, the upserted IDs (omitted when empty).
        patched_ids (list[int | str] | Unset): With `return_affected_ids`, the patched IDs (omitted when empty).
        deleted_ids (list[int | str] | Unset): With `return_affected_ids`, the deleted IDs (omitted when empty).
        performance (WritePerformance | Unset): Server-side timing of a write.
    """

    status: Literal["OK"]
    message: str
    rows_affected: int
    billing: WriteBilling
    rows_upserted: int | Unset = UNSET
    rows_patched: int | Unset = UNSET
    rows_deleted: int | Unset = UNSET
    rows_remaining: bool | Unset = UNSET
    upserted_ids: list[int | str] | Unset = UNSET
    patched_ids: list[int | str] | Unset = UNSET
    deleted_ids: list[int | str] | Unset = UNSET
    performance: WritePerformance | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        message = self.message

        rows_affected = self.rows_affected

        billing = self.billing.to_dict()

        rows_upserted = self.rows_upserted

        rows_patched = self.rows_patched

        rows_deleted = self.rows_deleted

        rows_remaining = self.rows_remaining

        upserted_ids: list[int | str] | Unset = UNSET
        if not isinstance(self.upserted_ids, Unset):
            upserted_ids = []
            for upserted_ids_item_data in self.upserted_ids:
                upserted_ids_item: int | str
                upserted_ids_item = upserted_ids_item_data
                upserted_ids.append(upserted_ids_item)

        patched_ids: list[int | str] | Unset = UNSET
        if not isinstance(self.patched_ids, Unset):
            patched_ids = []
            for patched_ids_item_data in self.patched_ids:
                patched_ids_item: int | str
                patched_ids_item = patched_ids_item_data
                patched_ids.append(patched_ids_item)

        deleted_ids: list[int | str] | Unset = UNSET
        if not isinstance(self.deleted_ids, Unset):
            deleted_ids = []
            for deleted_ids_item_data in self.deleted_ids:
                deleted_ids_item: int | str
                deleted_ids_item = deleted_ids_item_data
                deleted_ids.append(deleted_ids_item)

        performance: dict[str, Any] | Unset = UNSET
        if not isinstance(self.performance, Unset):
            performance = self.performance.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "message": message,
                "rows_affected": rows_affected,
                "billing": billing,
            }
        )
        if rows_upserted is not UNSET:
            field_dict["rows_upserted"] = rows_upserted
        if rows_patched is not UNSET:
            field_dict["rows_patched"] = rows_patched
        if rows_deleted is not UNSET:
            field_dict["rows_deleted"] = rows_deleted
        if rows_remaining is not UNSET:
            field_dict["rows_remaining"] = rows_remaining
        if upserted_ids is not UNSET:
            field_dict["upserted_ids"] = upserted_ids
        if patched_ids is not UNSET:
            field_dict["patched_ids"] = patched_ids
        if deleted_ids is not UNSET:
            field_dict["deleted_ids"] = deleted_ids
        if performance is not UNSET:
            field_dict["performance"] = performance

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.write_billing import WriteBilling  # noqa: PLC0415
        from ..models.write_performance import WritePerformance  # noqa: PLC0415

        d = dict(src_dict)
        status = cast(Literal["OK"], d.pop("status"))
        if status != "OK":
            raise ValueError(f"status must match const 'OK', got '{status}'")

        message = d.pop("message")

        rows_affected = d.pop("rows_affected")

        billing = WriteBilling.from_dict(d.pop("billing"))

        rows_upserted = d.pop("rows_upserted", UNSET)

        rows_patched = d.pop("rows_patched", UNSET)

        rows_deleted = d.pop("rows_deleted", UNSET)

        rows_remaining = d.pop("rows_remaining", UNSET)

        _upserted_ids = d.pop("upserted_ids", UNSET)
        upserted_ids: list[int | str] | Unset = UNSET
        if _upserted_ids is not UNSET:
            upserted_ids = []
            for upserted_ids_item_data in _upserted_ids:

                def _parse_upserted_ids_item(data: object) -> int | str:
                    return cast(int | str, data)

                upserted_ids_item = _parse_upserted_ids_item(upserted_ids_item_data)

                upserted_ids.append(upserted_ids_item)

        _patched_ids = d.pop("patched_ids", UNSET)
        patched_ids: list[int | str] | Unset = UNSET
        if _patched_ids is not UNSET:
            patched_ids = []
            for patched_ids_item_data in _patched_ids:

                def _parse_patched_ids_item(data: object) -> int | str:
                    return cast(int | str, data)

                patched_ids_item = _parse_patched_ids_item(patched_ids_item_data)

                patched_ids.append(patched_ids_item)

        _deleted_ids = d.pop("deleted_ids", UNSET)
        deleted_ids: list[int | str] | Unset = UNSET
        if _deleted_ids is not UNSET:
            deleted_ids = []
            for deleted_ids_item_data in _deleted_ids:

                def _parse_deleted_ids_item(data: object) -> int | str:
                    return cast(int | str, data)

                deleted_ids_item = _parse_deleted_ids_item(deleted_ids_item_data)

                deleted_ids.append(deleted_ids_item)

        _performance = d.pop("performance", UNSET)
        performance: WritePerformance | Unset
        if isinstance(_performance, Unset):
            performance = UNSET
        else:
            performance = WritePerformance.from_dict(_performance)

        write_result = cls(
            status=status,
            message=message,
            rows_affected=rows_affected,
            billing=billing,
            rows_upserted=rows_upserted,
            rows_patched=rows_patched,
            rows_deleted=rows_deleted,
            rows_remaining=rows_remaining,
            upserted_ids=upserted_ids,
            patched_ids=patched_ids,
            deleted_ids=deleted_ids,
            performance=performance,
        )

        write_result.additional_properties = d
        return write_result

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
