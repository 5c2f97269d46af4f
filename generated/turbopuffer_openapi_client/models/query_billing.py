# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="QueryBilling")


@_attrs_define
class QueryBilling:
    """What the query is billed for.

    Attributes:
        billable_logical_bytes_queried (int): Logical bytes queried (after the per-query minimum and discounts).
        billable_logical_bytes_returned (int): Logical bytes returned.
    """

    billable_logical_bytes_queried: int
    billable_logical_bytes_returned: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        billable_logical_bytes_queried = self.billable_logical_bytes_queried

        billable_logical_bytes_returned = self.billable_logical_bytes_returned

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "billable_logical_bytes_queried": billable_logical_bytes_queried,
                "billable_logical_bytes_returned": billable_logical_bytes_returned,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        billable_logical_bytes_queried = d.pop("billable_logical_bytes_queried")

        billable_logical_bytes_returned = d.pop("billable_logical_bytes_returned")

        query_billing = cls(
            billable_logical_bytes_queried=billable_logical_bytes_queried,
            billable_logical_bytes_returned=billable_logical_bytes_returned,
        )

        query_billing.additional_properties = d
        return query_billing

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
