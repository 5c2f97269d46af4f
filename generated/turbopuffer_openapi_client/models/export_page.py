# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.export_page_attributes import ExportPageAttributes


T = TypeVar("T", bound="ExportPage")


@_attrs_define
class ExportPage:
    """One column-oriented page of a legacy export.

    Attributes:
        ids (list[int | str]): The document IDs.
        next_cursor (None | str): The cursor of the next page; `null` on the last page.
        vectors (list[list[float] | None | str] | Unset): One vector per document (`null` for none).
        attributes (ExportPageAttributes | Unset): Attribute name to one value per document.
    """

    ids: list[int | str]
    next_cursor: None | str
    vectors: list[list[float] | None | str] | Unset = UNSET
    attributes: ExportPageAttributes | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ids = []
        for ids_item_data in self.ids:
            ids_item: int | str
            ids_item = ids_item_data
            ids.append(ids_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        vectors: list[list[float] | None | str] | Unset = UNSET
        if not isinstance(self.vectors, Unset):
            vectors = []
            for vectors_item_data in self.vectors:
                vectors_item: list[float] | None | str
                if isinstance(vectors_item_data, list):
                    vectors_item = vectors_item_data

                else:
                    vectors_item = vectors_item_data
                vectors.append(vectors_item)

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ids": ids,
                "next_cursor": next_cursor,
            }
        )
        if vectors is not UNSET:
            field_dict["vectors"] = vectors
        if attributes is not UNSET:
            field_dict["attributes"] = attributes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_page_attributes import ExportPageAttributes  # noqa: PLC0415

        d = dict(src_dict)
        ids = []
        _ids = d.pop("ids")
        for ids_item_data in _ids:

            def _parse_ids_item(data: object) -> int | str:
                return cast(int | str, data)

            ids_item = _parse_ids_item(ids_item_data)

            ids.append(ids_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        _vectors = d.pop("vectors", UNSET)
        vectors: list[list[float] | None | str] | Unset = UNSET
        if _vectors is not UNSET:
            vectors = []
            for vectors_item_data in _vectors:

                def _parse_vectors_item(data: object) -> list[float] | None | str:
                    if data is None:
                        return data
                    try:
                        if not isinstance(data, list):
                            raise TypeError()
                        componentsschemas_vector_type_0 = cast(list[float], data)

                        return componentsschemas_vector_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(list[float] | None | str, data)

                vectors_item = _parse_vectors_item(vectors_item_data)

                vectors.append(vectors_item)

        _attributes = d.pop("attributes", UNSET)
        attributes: ExportPageAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = ExportPageAttributes.from_dict(_attributes)

        export_page = cls(
            ids=ids,
            next_cursor=next_cursor,
            vectors=vectors,
            attributes=attributes,
        )

        export_page.additional_properties = d
        return export_page

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
