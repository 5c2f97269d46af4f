# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.query_billing import QueryBilling


T = TypeVar("T", bound="WriteBilling")


@_attrs_define
class WriteBilling:
    """What the write is billed for.

    Attributes:
        billable_logical_bytes_written (int): Logical bytes written (non-filterable attributes at half weight).
        query (QueryBilling | Unset): What the query is billed for.
    """

    billable_logical_bytes_written: int
    query: QueryBilling | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        billable_logical_bytes_written = self.billable_logical_bytes_written

        query: dict[str, Any] | Unset = UNSET
        if not isinstance(self.query, Unset):
            query = self.query.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "billable_logical_bytes_written": billable_logical_bytes_written,
            }
        )
        if query is not UNSET:
            field_dict["query"] = query

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.query_billing import QueryBilling  # noqa: PLC0415

        d = dict(src_dict)
        billable_logical_bytes_written = d.pop("billable_logical_bytes_written")

        _query = d.pop("query", UNSET)
        query: QueryBilling | Unset
        if isinstance(_query, Unset):
            query = UNSET
        else:
            query = QueryBilling.from_dict(_query)

        write_billing = cls(
            billable_logical_bytes_written=billable_logical_bytes_written,
            query=query,
        )

        write_billing.additional_properties = d
        return write_billing

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
