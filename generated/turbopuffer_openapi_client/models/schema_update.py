# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.attribute_schema_config import AttributeSchemaConfig
    from ..models.attribute_schema_drop import AttributeSchemaDrop


T = TypeVar("T", bound="SchemaUpdate")


@_attrs_define
class SchemaUpdate:
    """Attribute name to schema (a type string, a configuration, or a drop)."""

    additional_properties: dict[str, AttributeSchemaConfig | AttributeSchemaDrop | str] = _attrs_field(
        init=False, factory=dict
    )

    def to_dict(self) -> dict[str, Any]:
        from ..models.attribute_schema_config import AttributeSchemaConfig  # noqa: PLC0415
        from ..models.attribute_schema_drop import AttributeSchemaDrop  # noqa: PLC0415

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, AttributeSchemaConfig):
                field_dict[prop_name] = prop.to_dict()
            elif isinstance(prop, AttributeSchemaDrop):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_schema_config import AttributeSchemaConfig  # noqa: PLC0415
        from ..models.attribute_schema_drop import AttributeSchemaDrop  # noqa: PLC0415

        d = dict(src_dict)
        schema_update = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(data: object) -> AttributeSchemaConfig | AttributeSchemaDrop | str:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_attribute_schema_type_1 = AttributeSchemaConfig.from_dict(data)

                    return componentsschemas_attribute_schema_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_attribute_schema_type_2 = AttributeSchemaDrop.from_dict(data)

                    return componentsschemas_attribute_schema_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(AttributeSchemaConfig | AttributeSchemaDrop | str, data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        schema_update.additional_properties = additional_properties
        return schema_update

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> AttributeSchemaConfig | AttributeSchemaDrop | str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: AttributeSchemaConfig | AttributeSchemaDrop | str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
