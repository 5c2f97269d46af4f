# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DecayParams")


@_attrs_define
class DecayParams:
    """Parameters of `Decay`. `midpoint` is required by the server (the official SDK types it optional).

    Attributes:
        midpoint (float | str | Unset): The input at which `Saturate`/`Decay` give 0.5; a number, or for datetime
            distances a duration such as `"6h"` or `"7d"` (units `s`, `m`, `h`, `d`, `w`).
        exponent (float | Unset): Shapes the curve's steepness. Default: 1.0.
    """

    midpoint: float | str | Unset = UNSET
    exponent: float | Unset = 1.0

    def to_dict(self) -> dict[str, Any]:
        midpoint: float | str | Unset
        if isinstance(self.midpoint, Unset):
            midpoint = UNSET
        else:
            midpoint = self.midpoint

        exponent = self.exponent

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if midpoint is not UNSET:
            field_dict["midpoint"] = midpoint
        if exponent is not UNSET:
            field_dict["exponent"] = exponent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_midpoint(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        midpoint = _parse_midpoint(d.pop("midpoint", UNSET))

        exponent = d.pop("exponent", UNSET)

        decay_params = cls(
            midpoint=midpoint,
            exponent=exponent,
        )

        return decay_params
