# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RerankByModel")


@_attrs_define
class RerankByModel:
    """Re-rank the retrieved rows with a re-ranking model that scores a string attribute against a query text.

    Attributes:
        attribute (str): An attribute name (at most 128 bytes; names starting with `$` are reserved), or `id`.
        model (str): The re-ranking model.
        query (str): The text to score each row's attribute against.
    """

    attribute: str
    model: str
    query: str

    def to_dict(self) -> dict[str, Any]:
        attribute = self.attribute

        model = self.model

        query = self.query

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "attribute": attribute,
                "model": model,
                "query": query,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attribute = d.pop("attribute")

        model = d.pop("model")

        query = d.pop("query")

        rerank_by_model = cls(
            attribute=attribute,
            model=model,
            query=query,
        )

        return rerank_by_model
