# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from typing import Literal

Tokenizer = Literal["pre_tokenized_array", "word_v0", "word_v1", "word_v2", "word_v3", "word_v4"]

TOKENIZER_VALUES: set[Tokenizer] = {
    "pre_tokenized_array",
    "word_v0",
    "word_v1",
    "word_v2",
    "word_v3",
    "word_v4",
}


def check_tokenizer(value: str) -> Tokenizer:
    if value in TOKENIZER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TOKENIZER_VALUES!r}")
