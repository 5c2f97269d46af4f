# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

RecallPrefer = Literal["respond-async"]

RECALL_PREFER_VALUES: set[RecallPrefer] = {
    "respond-async",
}


def check_recall_prefer(value: str) -> RecallPrefer:
    if value in RECALL_PREFER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RECALL_PREFER_VALUES!r}")
