# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="QueryPerformance")


@_attrs_define
class QueryPerformance:
    """Server-side performance of a query.

    Attributes:
        cache_hit_ratio (float): Cache hits / cache lookups.
        cache_temperature (str): `hot`, `warm` or `cold`.
        server_total_ms (int): Server time including waiting for a concurrency slot, in milliseconds.
        query_execution_ms (int): Server time excluding that wait, in milliseconds.
        exhaustive_search_count (int): Unindexed documents searched exhaustively.
        approx_namespace_size (int): The approximate number of documents in the namespace.
        embedding_ms (int | Unset): Time spent embedding text (native embedding only).
        embedding_tokens (int | Unset): Tokens embedded (native embedding only).
        last_included_write_at (datetime.datetime | Unset): The time of the newest write the query observed.
    """

    cache_hit_ratio: float
    cache_temperature: str
    server_total_ms: int
    query_execution_ms: int
    exhaustive_search_count: int
    approx_namespace_size: int
    embedding_ms: int | Unset = UNSET
    embedding_tokens: int | Unset = UNSET
    last_included_write_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cache_hit_ratio = self.cache_hit_ratio

        cache_temperature = self.cache_temperature

        server_total_ms = self.server_total_ms

        query_execution_ms = self.query_execution_ms

        exhaustive_search_count = self.exhaustive_search_count

        approx_namespace_size = self.approx_namespace_size

        embedding_ms = self.embedding_ms

        embedding_tokens = self.embedding_tokens

        last_included_write_at: str | Unset = UNSET
        if not isinstance(self.last_included_write_at, Unset):
            last_included_write_at = self.last_included_write_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cache_hit_ratio": cache_hit_ratio,
                "cache_temperature": cache_temperature,
                "server_total_ms": server_total_ms,
                "query_execution_ms": query_execution_ms,
                "exhaustive_search_count": exhaustive_search_count,
                "approx_namespace_size": approx_namespace_size,
            }
        )
        if embedding_ms is not UNSET:
            field_dict["embedding_ms"] = embedding_ms
        if embedding_tokens is not UNSET:
            field_dict["embedding_tokens"] = embedding_tokens
        if last_included_write_at is not UNSET:
            field_dict["last_included_write_at"] = last_included_write_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cache_hit_ratio = d.pop("cache_hit_ratio")

        cache_temperature = d.pop("cache_temperature")

        server_total_ms = d.pop("server_total_ms")

        query_execution_ms = d.pop("query_execution_ms")

        exhaustive_search_count = d.pop("exhaustive_search_count")

        approx_namespace_size = d.pop("approx_namespace_size")

        embedding_ms = d.pop("embedding_ms", UNSET)

        embedding_tokens = d.pop("embedding_tokens", UNSET)

        _last_included_write_at = d.pop("last_included_write_at", UNSET)
        last_included_write_at: datetime.datetime | Unset
        if isinstance(_last_included_write_at, Unset):
            last_included_write_at = UNSET
        else:
            last_included_write_at = datetime.datetime.fromisoformat(_last_included_write_at)

        query_performance = cls(
            cache_hit_ratio=cache_hit_ratio,
            cache_temperature=cache_temperature,
            server_total_ms=server_total_ms,
            query_execution_ms=query_execution_ms,
            exhaustive_search_count=exhaustive_search_count,
            approx_namespace_size=approx_namespace_size,
            embedding_ms=embedding_ms,
            embedding_tokens=embedding_tokens,
            last_included_write_at=last_included_write_at,
        )

        query_performance.additional_properties = d
        return query_performance

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
