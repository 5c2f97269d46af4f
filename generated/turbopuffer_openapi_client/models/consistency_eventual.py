# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConsistencyEventual")


@_attrs_define
class ConsistencyEventual:
    """Eventual consistency (searches at most 128 MiB of unindexed data).

    Attributes:
        level (Literal['eventual']):
        max_staleness_seconds (int | Unset): How long the node's cached view of the namespace may be reused before
            refreshing. Default: 60.
    """

    level: Literal["eventual"]
    max_staleness_seconds: int | Unset = 60

    def to_dict(self) -> dict[str, Any]:
        level = self.level

        max_staleness_seconds = self.max_staleness_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "level": level,
            }
        )
        if max_staleness_seconds is not UNSET:
            field_dict["max_staleness_seconds"] = max_staleness_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        level = cast(Literal["eventual"], d.pop("level"))
        if level != "eventual":
            raise ValueError(f"level must match const 'eventual', got '{level}'")

        max_staleness_seconds = d.pop("max_staleness_seconds", UNSET)

        consistency_eventual = cls(
            level=level,
            max_staleness_seconds=max_staleness_seconds,
        )

        return consistency_eventual
