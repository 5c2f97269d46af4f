# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

SparseDistanceMetric = Literal["dot_product"]

SPARSE_DISTANCE_METRIC_VALUES: set[SparseDistanceMetric] = {
    "dot_product",
}


def check_sparse_distance_metric(value: str) -> SparseDistanceMetric:
    if value in SPARSE_DISTANCE_METRIC_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SPARSE_DISTANCE_METRIC_VALUES!r}")
