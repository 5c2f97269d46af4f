"""The in-memory model of a namespace schema, shared by every layer of the emulator.

Value conventions (how documents are held in memory; every layer relies on them):

* A document is a ``dict`` with key ``"id"`` plus one key per NON-NULL attribute.
  Null and missing are the same thing: the key is absent.
* ``id``: ``int`` (uint64) or ``str`` (UUIDs in canonical lower-case text when the id type is ``uuid``).
* ``string`` -> ``str``; ``int``/``uint`` -> ``int``; ``float`` -> ``float``; ``bool`` -> ``bool``;
  ``uuid`` -> canonical lower-case ``str``; ``datetime`` -> ``int`` milliseconds since the Unix epoch (UTC);
  ``bytes`` -> ``bytes``; ``[]T`` -> ``list`` of the scalar form.
* Dense vectors (``[N]f32``/``[N]f16``/``[N]i8``) -> 1-D ``numpy.ndarray`` of dtype float32 (already
  rounded through f16/i8 when the column stores that width); ``[][N]f32`` -> 2-D float32 array.
* Sparse vectors (``{}f16``) -> ``dict[str, float]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

SCALAR_TYPES = ("string", "int", "uint", "float", "uuid", "datetime", "bool", "bytes")
ARRAY_TYPES = tuple(f"[]{t}" for t in SCALAR_TYPES if t != "bytes")
TOKENIZERS = ("word_v4", "word_v3", "word_v2", "word_v1", "word_v0", "pre_tokenized_array")
LANGUAGES = (
    "arabic",
    "danish",
    "dutch",
    "english",
    "finnish",
    "french",
    "german",
    "greek",
    "hungarian",
    "italian",
    "norwegian",
    "portuguese",
    "romanian",
    "russian",
    "spanish",
    "swedish",
    "tamil",
    "turkish",
)
DISTANCE_METRICS = ("cosine_distance", "euclidean_squared")

_DENSE = re.compile(r"^\[(\d+)\](f32|f16|i8)$")
_MULTI = re.compile(r"^\[\]\[(\d+)\](f32|f16)$")
MAX_DIMENSIONS = 10_752


@dataclass(frozen=True)
class AttributeType:
    """A parsed type string such as ``string``, ``[]int``, ``[768]f16``, ``[][128]f32`` or ``{}f16``."""

    text: str
    kind: str  # "scalar" | "array" | "vector" | "multivector" | "sparse"
    element: str  # scalar name for scalar/array; "f32"/"f16"/"i8" for vectors
    dims: int | None = None

    @property
    def is_vector(self) -> bool:
        return self.kind in ("vector", "multivector", "sparse")

    @staticmethod
    def parse(text: str) -> AttributeType:
        """Parse a type string; raises ``ValueError`` with a readable message if it is not one."""
        if text in SCALAR_TYPES:
            return AttributeType(text, "scalar", text)
        if text in ARRAY_TYPES:
            return AttributeType(text, "array", text[2:])
        if text == "{}f16":
            return AttributeType(text, "sparse", "f16")
        for pattern, kind in ((_DENSE, "vector"), (_MULTI, "multivector")):
            m = pattern.match(text)
            if m:
                dims = int(m.group(1))
                if not 1 <= dims <= MAX_DIMENSIONS:
                    raise ValueError(f"vector dimensions must be between 1 and {MAX_DIMENSIONS}, got {dims}")
                return AttributeType(text, kind, m.group(2), dims)
        raise ValueError(
            f"unknown attribute type {text!r}; expected one of {', '.join(SCALAR_TYPES + ARRAY_TYPES)}, "
            "[N]f32, [N]f16, [N]i8, [][N]f32 or {}f16"
        )


@dataclass
class FullTextConfig:
    """Effective full-text-search options of one attribute (all defaults written out)."""

    tokenizer: str = "word_v4"
    case_sensitive: bool = False
    language: str = "english"
    stemming: bool = False
    remove_stopwords: bool = False
    ascii_folding: bool = False
    max_token_length: int = 39
    k1: float = 1.2
    b: float = 0.75
    k3: float = 8.0

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class AttributeSchema:
    """Effective schema of one attribute: its type plus every index option, defaults resolved."""

    type: AttributeType
    filterable: bool = True
    full_text_search: FullTextConfig | None = None
    regex: bool = False
    glob: bool = False
    fuzzy: bool = False
    ann: dict[str, Any] | None = None  # {"distance_metric": ..., "late_interaction"?: bool} for vectors
    sparse_knn: dict[str, Any] | None = None  # {"distance_metric": "dot_product"}
    embed: Any = None
    extra: dict[str, Any] = field(default_factory=dict)  # options we store and echo but do not act on

    def to_json(self) -> dict[str, Any]:
        """The object form the schema endpoints and metadata return (effective options written out)."""
        out: dict[str, Any] = {"type": self.type.text}
        if not self.type.is_vector:
            out["filterable"] = self.filterable
        if self.full_text_search is not None:
            out["full_text_search"] = self.full_text_search.to_json()
        for name in ("regex", "glob", "fuzzy"):
            if getattr(self, name):
                out[name] = True
        if self.ann is not None:
            out["ann"] = dict(self.ann)
        if self.sparse_knn is not None:
            out["sparse_knn"] = dict(self.sparse_knn)
        if self.embed is not None:
            out["embed"] = self.embed
        out.update(self.extra)
        return out


@dataclass
class Schema:
    """All attributes of a namespace, in the order they were first seen."""

    attributes: dict[str, AttributeSchema] = field(default_factory=dict)

    def get(self, name: str) -> AttributeSchema | None:
        return self.attributes.get(name)

    def to_json(self) -> dict[str, Any]:
        return {name: attr.to_json() for name, attr in self.attributes.items()}
