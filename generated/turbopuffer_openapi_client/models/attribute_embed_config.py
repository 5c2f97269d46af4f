# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AttributeEmbedConfig")


@_attrs_define
class AttributeEmbedConfig:
    """Native embedding options.

    Attributes:
        model (str): The embedding model.
        attribute (str | Unset): An attribute name (at most 128 bytes; names starting with `$` are reserved), or `id`.
        dims (int | Unset): The vector length to embed at; defaults to the model's usual size.
        dtype (str | Unset): The stored element type of the computed vector (e.g. `f32`, `f16`).
    """

    model: str
    attribute: str | Unset = UNSET
    dims: int | Unset = UNSET
    dtype: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        attribute = self.attribute

        dims = self.dims

        dtype = self.dtype

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "model": model,
            }
        )
        if attribute is not UNSET:
            field_dict["attribute"] = attribute
        if dims is not UNSET:
            field_dict["dims"] = dims
        if dtype is not UNSET:
            field_dict["dtype"] = dtype

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model = d.pop("model")

        attribute = d.pop("attribute", UNSET)

        dims = d.pop("dims", UNSET)

        dtype = d.pop("dtype", UNSET)

        attribute_embed_config = cls(
            model=model,
            attribute=attribute,
            dims=dims,
            dtype=dtype,
        )

        return attribute_embed_config
