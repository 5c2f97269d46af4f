# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.distance_metric import DistanceMetric, check_distance_metric
from ..types import UNSET, Unset

T = TypeVar("T", bound="AnnConfig")


@_attrs_define
class AnnConfig:
    """ANN index options.

    Attributes:
        distance_metric (DistanceMetric | Unset): The dense-vector distance: `cosine_distance` = 1 − cos(x, y) in [0,
            2]; `euclidean_squared` = Σ (x_i − y_i)². Lower is closer.
        late_interaction (bool | Unset): Late-interaction (MUVERA) indexing; required for ANN on `[][N]f32` attributes.
            Default: False.
    """

    distance_metric: DistanceMetric | Unset = UNSET
    late_interaction: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        distance_metric: str | Unset = UNSET
        if not isinstance(self.distance_metric, Unset):
            distance_metric = self.distance_metric

        late_interaction = self.late_interaction

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if distance_metric is not UNSET:
            field_dict["distance_metric"] = distance_metric
        if late_interaction is not UNSET:
            field_dict["late_interaction"] = late_interaction

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _distance_metric = d.pop("distance_metric", UNSET)
        distance_metric: DistanceMetric | Unset
        if isinstance(_distance_metric, Unset):
            distance_metric = UNSET
        else:
            distance_metric = check_distance_metric(_distance_metric)

        late_interaction = d.pop("late_interaction", UNSET)

        ann_config = cls(
            distance_metric=distance_metric,
            late_interaction=late_interaction,
        )

        return ann_config
