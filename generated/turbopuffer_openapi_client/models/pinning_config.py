# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PinningConfig")


@_attrs_define
class PinningConfig:
    """Pin the namespace on dedicated read replicas.

    Attributes:
        replicas (int | Unset): The number of read replicas. Default: 1.
    """

    replicas: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        replicas = self.replicas

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if replicas is not UNSET:
            field_dict["replicas"] = replicas

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        replicas = d.pop("replicas", UNSET)

        pinning_config = cls(
            replicas=replicas,
        )

        return pinning_config
