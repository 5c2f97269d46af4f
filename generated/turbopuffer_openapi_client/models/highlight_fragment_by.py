# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

HighlightFragmentBy = Literal["none", "paragraph", "sentence", "word"]

HIGHLIGHT_FRAGMENT_BY_VALUES: set[HighlightFragmentBy] = {
    "none",
    "paragraph",
    "sentence",
    "word",
}


def check_highlight_fragment_by(value: str) -> HighlightFragmentBy:
    if value in HIGHLIGHT_FRAGMENT_BY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {HIGHLIGHT_FRAGMENT_BY_VALUES!r}")
