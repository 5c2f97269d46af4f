# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RerankLimitConfig")


@_attrs_define
class RerankLimitConfig:
    """A limit on fused rows.

    Attributes:
        total (int): The number of results to return (an alias of `limit.total`).
    """

    total: int

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total = d.pop("total")

        rerank_limit_config = cls(
            total=total,
        )

        return rerank_limit_config
