# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RowModel")


@_attrs_define
class RowModel:
    """One result document: `id`, `$dist` (omitted for attribute ordering), the requested
    attributes and computed attributes at the top level. An attribute that is null or missing
    for the document is omitted, also when `include_attributes` names it.

        Attributes:
            id (int | str): A document ID: an unsigned 64-bit integer, a UUID (canonical text; stored natively when
                the schema declares `"id": "uuid"`), or a string of at most 64 bytes. One namespace uses
                one ID type.
            vector (list[float] | str | Unset): A dense vector, as JSON numbers or base64.
            dist (float | Unset): The ranking value (distance ascending for vectors, score descending for BM25, sparse kNN,
                expressions and RRF).
    """

    id: int | str
    vector: list[float] | str | Unset = UNSET
    dist: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | str
        id = self.id

        vector: list[float] | str | Unset
        if isinstance(self.vector, Unset):
            vector = UNSET
        elif isinstance(self.vector, list):
            vector = self.vector

        else:
            vector = self.vector

        dist = self.dist

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if vector is not UNSET:
            field_dict["vector"] = vector
        if dist is not UNSET:
            field_dict["$dist"] = dist

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_id(data: object) -> int | str:
            return cast(int | str, data)

        id = _parse_id(d.pop("id"))

        def _parse_vector(data: object) -> list[float] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_vector_type_0 = cast(list[float], data)

                return componentsschemas_vector_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | str | Unset, data)

        vector = _parse_vector(d.pop("vector", UNSET))

        dist = d.pop("$dist", UNSET)

        row_model = cls(
            id=id,
            vector=vector,
            dist=dist,
        )

        row_model.additional_properties = d
        return row_model

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
