# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="EncryptionDefault")


@_attrs_define
class EncryptionDefault:
    """The default server-side encryption.

    Attributes:
        mode (Literal['default']):
    """

    mode: Literal["default"]

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mode": mode,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mode = cast(Literal["default"], d.pop("mode"))
        if mode != "default":
            raise ValueError(f"mode must match const 'default', got '{mode}'")

        encryption_default = cls(
            mode=mode,
        )

        return encryption_default
