# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ShardingConfig")


@_attrs_define
class ShardingConfig:
    """Partition the namespace over several shards. Only on its first write (or with `copy_from_namespace`); cannot change
    later.

        Attributes:
            num_shards (int): The number of shards.
    """

    num_shards: int

    def to_dict(self) -> dict[str, Any]:
        num_shards = self.num_shards

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "num_shards": num_shards,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        num_shards = d.pop("num_shards")

        sharding_config = cls(
            num_shards=num_shards,
        )

        return sharding_config
