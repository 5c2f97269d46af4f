# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pinning_config import PinningConfig


T = TypeVar("T", bound="NamespaceMetadataPatch")


@_attrs_define
class NamespaceMetadataPatch:
    """Metadata changes; absent fields stay unchanged.

    Attributes:
        pinning (bool | None | PinningConfig | Unset): `true` pins with defaults, an object pins with that
            configuration, `false` or `null` unpins.
        read_only (bool | Unset): `true` rejects document and schema writes (writes in flight may still commit); `false`
            allows them again.
    """

    pinning: bool | None | PinningConfig | Unset = UNSET
    read_only: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.pinning_config import PinningConfig  # noqa: PLC0415

        pinning: bool | dict[str, Any] | None | Unset
        if isinstance(self.pinning, Unset):
            pinning = UNSET
        elif isinstance(self.pinning, PinningConfig):
            pinning = self.pinning.to_dict()
        else:
            pinning = self.pinning

        read_only = self.read_only

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if pinning is not UNSET:
            field_dict["pinning"] = pinning
        if read_only is not UNSET:
            field_dict["read_only"] = read_only

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pinning_config import PinningConfig  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_pinning(data: object) -> bool | None | PinningConfig | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pinning_type_1 = PinningConfig.from_dict(data)

                return pinning_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | None | PinningConfig | Unset, data)

        pinning = _parse_pinning(d.pop("pinning", UNSET))

        read_only = d.pop("read_only", UNSET)

        namespace_metadata_patch = cls(
            pinning=pinning,
            read_only=read_only,
        )

        return namespace_metadata_patch
