# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="IndexUpdating")


@_attrs_define
class IndexUpdating:
    """Some documents are in the write-ahead log, not yet indexed (they are still searched, exhaustively).

    Attributes:
        status (Literal['updating']):
        unindexed_bytes (int): Bytes not yet indexed.
        unindexed_rows (int): Rows not yet indexed.
    """

    status: Literal["updating"]
    unindexed_bytes: int
    unindexed_rows: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        unindexed_bytes = self.unindexed_bytes

        unindexed_rows = self.unindexed_rows

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "unindexed_bytes": unindexed_bytes,
                "unindexed_rows": unindexed_rows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = cast(Literal["updating"], d.pop("status"))
        if status != "updating":
            raise ValueError(f"status must match const 'updating', got '{status}'")

        unindexed_bytes = d.pop("unindexed_bytes")

        unindexed_rows = d.pop("unindexed_rows")

        index_updating = cls(
            status=status,
            unindexed_bytes=unindexed_bytes,
            unindexed_rows=unindexed_rows,
        )

        index_updating.additional_properties = d
        return index_updating

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
