# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConsistencyDefault")


@_attrs_define
class ConsistencyDefault:
    """No `level` given (`{}`): the default level, strong."""

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        consistency_default = cls()

        return consistency_default
