# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.query_billing import QueryBilling
    from ..models.query_performance import QueryPerformance
    from ..models.sub_query_result import SubQueryResult


T = TypeVar("T", bound="MultiQueryResultModel")


@_attrs_define
class MultiQueryResultModel:
    """The result of a multi-query.

    Attributes:
        results (list[SubQueryResult]): One result per sub-query in `queries` order; with `rerank_by`, exactly one fused
            result.
        billing (QueryBilling): What the query is billed for.
        performance (QueryPerformance): Server-side performance of a query.
    """

    results: list[SubQueryResult]
    billing: QueryBilling
    performance: QueryPerformance
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        billing = self.billing.to_dict()

        performance = self.performance.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "results": results,
                "billing": billing,
                "performance": performance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.query_billing import QueryBilling  # noqa: PLC0415
        from ..models.query_performance import QueryPerformance  # noqa: PLC0415
        from ..models.sub_query_result import SubQueryResult  # noqa: PLC0415

        d = dict(src_dict)
        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = SubQueryResult.from_dict(results_item_data)

            results.append(results_item)

        billing = QueryBilling.from_dict(d.pop("billing"))

        performance = QueryPerformance.from_dict(d.pop("performance"))

        multi_query_result_model = cls(
            results=results,
            billing=billing,
            performance=performance,
        )

        multi_query_result_model.additional_properties = d
        return multi_query_result_model

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
