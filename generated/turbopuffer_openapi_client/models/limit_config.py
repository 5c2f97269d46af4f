# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.limit_per import LimitPer


T = TypeVar("T", bound="LimitConfig")


@_attrs_define
class LimitConfig:
    """A result limit with optional diversification.

    Attributes:
        total (int): The number of results to return (an alias of `limit.total`).
        per (LimitPer | Unset): At most `limit` results share the same values of `attributes` (higher-ranked results are
            kept). For vector and attribute-order ranking.
    """

    total: int
    per: LimitPer | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        per: dict[str, Any] | Unset = UNSET
        if not isinstance(self.per, Unset):
            per = self.per.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "total": total,
            }
        )
        if per is not UNSET:
            field_dict["per"] = per

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.limit_per import LimitPer  # noqa: PLC0415

        d = dict(src_dict)
        total = d.pop("total")

        _per = d.pop("per", UNSET)
        per: LimitPer | Unset
        if isinstance(_per, Unset):
            per = UNSET
        else:
            per = LimitPer.from_dict(_per)

        limit_config = cls(
            total=total,
            per=per,
        )

        return limit_config
