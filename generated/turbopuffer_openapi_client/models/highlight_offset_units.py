# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

HighlightOffsetUnits = Literal["codepoints", "utf-16", "utf-8"]

HIGHLIGHT_OFFSET_UNITS_VALUES: set[HighlightOffsetUnits] = {
    "codepoints",
    "utf-16",
    "utf-8",
}


def check_highlight_offset_units(value: str) -> HighlightOffsetUnits:
    if value in HIGHLIGHT_OFFSET_UNITS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {HIGHLIGHT_OFFSET_UNITS_VALUES!r}")
