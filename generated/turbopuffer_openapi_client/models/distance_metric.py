# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

DistanceMetric = Literal["cosine_distance", "euclidean_squared"]

DISTANCE_METRIC_VALUES: set[DistanceMetric] = {
    "cosine_distance",
    "euclidean_squared",
}


def check_distance_metric(value: str) -> DistanceMetric:
    if value in DISTANCE_METRIC_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DISTANCE_METRIC_VALUES!r}")
