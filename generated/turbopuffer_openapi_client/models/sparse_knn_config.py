# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.sparse_distance_metric import SparseDistanceMetric, check_sparse_distance_metric

T = TypeVar("T", bound="SparseKnnConfig")


@_attrs_define
class SparseKnnConfig:
    """Sparse kNN index options (`{}f16` only).

    Attributes:
        distance_metric (SparseDistanceMetric): The sparse-vector similarity: `dot_product` (higher is closer).
    """

    distance_metric: SparseDistanceMetric

    def to_dict(self) -> dict[str, Any]:
        distance_metric: str = self.distance_metric

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "distance_metric": distance_metric,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        distance_metric = check_sparse_distance_metric(d.pop("distance_metric"))

        sparse_knn_config = cls(
            distance_metric=distance_metric,
        )

        return sparse_knn_config
