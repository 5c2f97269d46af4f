# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TokenFilterParams")


@_attrs_define
class TokenFilterParams:
    """Options of `ContainsAllTokens` and `ContainsAnyToken`.

    Attributes:
        last_as_prefix (bool | Unset): Treat the last query token as a prefix (byte prefix) of document tokens. Default:
            False.
    """

    last_as_prefix: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        last_as_prefix = self.last_as_prefix

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if last_as_prefix is not UNSET:
            field_dict["last_as_prefix"] = last_as_prefix

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        last_as_prefix = d.pop("last_as_prefix", UNSET)

        token_filter_params = cls(
            last_as_prefix=last_as_prefix,
        )

        return token_filter_params
