# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DocumentColumns")


@_attrs_define
class DocumentColumns:
    """Documents in column form: every key is an attribute mapped to one value per document,
    `id` holding the IDs. All arrays have the same length; `null` means no value.

        Attributes:
            id (list[int | str]): The document IDs.
            vector (Any | Unset): One vector per document (or a single vector value).
    """

    id: list[int | str]
    vector: Any | Unset = UNSET
    additional_properties: dict[str, list[Any]] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = []
        for id_item_data in self.id:
            id_item: int | str
            id_item = id_item_data
            id.append(id_item)

        vector = self.vector

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop

        field_dict.update(
            {
                "id": id,
            }
        )
        if vector is not UNSET:
            field_dict["vector"] = vector

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = []
        _id = d.pop("id")
        for id_item_data in _id:

            def _parse_id_item(data: object) -> int | str:
                return cast(int | str, data)

            id_item = _parse_id_item(id_item_data)

            id.append(id_item)

        vector = d.pop("vector", UNSET)

        document_columns = cls(
            id=id,
            vector=vector,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = cast(list[Any], prop_dict)

            additional_properties[prop_name] = additional_property

        document_columns.additional_properties = additional_properties
        return document_columns

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> list[Any]:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: list[Any]) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
