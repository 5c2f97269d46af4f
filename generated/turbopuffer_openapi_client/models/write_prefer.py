# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

WritePrefer = Literal["respond-async"]

WRITE_PREFER_VALUES: set[WritePrefer] = {
    "respond-async",
}


def check_write_prefer(value: str) -> WritePrefer:
    if value in WRITE_PREFER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WRITE_PREFER_VALUES!r}")
