# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BranchFromNamespaceConfig")


@_attrs_define
class BranchFromNamespaceConfig:
    """Where to branch from.

    Attributes:
        source_namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
    """

    source_namespace: str

    def to_dict(self) -> dict[str, Any]:
        source_namespace = self.source_namespace

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source_namespace": source_namespace,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source_namespace = d.pop("source_namespace")

        branch_from_namespace_config = cls(
            source_namespace=source_namespace,
        )

        return branch_from_namespace_config
