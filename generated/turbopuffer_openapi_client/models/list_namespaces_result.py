# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.namespace_summary import NamespaceSummary


T = TypeVar("T", bound="ListNamespacesResult")


@_attrs_define
class ListNamespacesResult:
    """One page of namespaces.

    Attributes:
        namespaces (list[NamespaceSummary]): The namespaces of this page, in lexicographic order.
        next_cursor (str | Unset): Pass as `cursor` for the next page; absent (never `null`) on the last page.
    """

    namespaces: list[NamespaceSummary]
    next_cursor: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        namespaces = []
        for namespaces_item_data in self.namespaces:
            namespaces_item = namespaces_item_data.to_dict()
            namespaces.append(namespaces_item)

        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "namespaces": namespaces,
            }
        )
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.namespace_summary import NamespaceSummary  # noqa: PLC0415

        d = dict(src_dict)
        namespaces = []
        _namespaces = d.pop("namespaces")
        for namespaces_item_data in _namespaces:
            namespaces_item = NamespaceSummary.from_dict(namespaces_item_data)

            namespaces.append(namespaces_item)

        next_cursor = d.pop("next_cursor", UNSET)

        list_namespaces_result = cls(
            namespaces=namespaces,
            next_cursor=next_cursor,
        )

        list_namespaces_result.additional_properties = d
        return list_namespaces_result

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
