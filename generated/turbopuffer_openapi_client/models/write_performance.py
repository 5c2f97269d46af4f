# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WritePerformance")


@_attrs_define
class WritePerformance:
    """Server-side timing of a write.

    Attributes:
        server_total_ms (int): Request time on the server, in milliseconds.
        embedding_ms (int | Unset): Time spent embedding text (native embedding only).
        embedding_tokens (int | Unset): Tokens embedded (native embedding only).
    """

    server_total_ms: int
    embedding_ms: int | Unset = UNSET
    embedding_tokens: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        server_total_ms = self.server_total_ms

        embedding_ms = self.embedding_ms

        embedding_tokens = self.embedding_tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "server_total_ms": server_total_ms,
            }
        )
        if embedding_ms is not UNSET:
            field_dict["embedding_ms"] = embedding_ms
        if embedding_tokens is not UNSET:
            field_dict["embedding_tokens"] = embedding_tokens

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        server_total_ms = d.pop("server_total_ms")

        embedding_ms = d.pop("embedding_ms", UNSET)

        embedding_tokens = d.pop("embedding_tokens", UNSET)

        write_performance = cls(
            server_total_ms=server_total_ms,
            embedding_ms=embedding_ms,
            embedding_tokens=embedding_tokens,
        )

        write_performance.additional_properties = d
        return write_performance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
