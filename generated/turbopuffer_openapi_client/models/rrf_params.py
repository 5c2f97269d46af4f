# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RRFParams")


@_attrs_define
class RRFParams:
    """Options of reciprocal rank fusion.

    Attributes:
        rank_constant (int | Unset): The RRF rank constant k. Default: 60.
        weights (list[float] | Unset): One positive weight per sub-query, in `queries` order; default all 1.
    """

    rank_constant: int | Unset = 60
    weights: list[float] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        rank_constant = self.rank_constant

        weights: list[float] | Unset = UNSET
        if not isinstance(self.weights, Unset):
            weights = self.weights

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if rank_constant is not UNSET:
            field_dict["rank_constant"] = rank_constant
        if weights is not UNSET:
            field_dict["weights"] = weights

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rank_constant = d.pop("rank_constant", UNSET)

        weights = cast(list[float], d.pop("weights", UNSET))

        rrf_params = cls(
            rank_constant=rank_constant,
            weights=weights,
        )

        return rrf_params
