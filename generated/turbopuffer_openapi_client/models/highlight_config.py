# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.highlight_fragment_by import HighlightFragmentBy, check_highlight_fragment_by
from ..models.highlight_offset_units import HighlightOffsetUnits, check_highlight_offset_units
from ..types import UNSET, Unset

T = TypeVar("T", bound="HighlightConfig")


@_attrs_define
class HighlightConfig:
    """Options of `Highlight`.

    Attributes:
        fragment_by (HighlightFragmentBy | Unset): How to split the text into fragments.
        fragment_limit (int | Unset): The maximum number of fragments to return. Default: 3.
        include_offsets (HighlightOffsetUnits | Unset): Report `fragment_range`/`match_ranges` in these units.
        rank_fragments_by (Any | Unset): How to rank documents: vector search (`ANN`, `kNN`, `SparseKNN`), a score
            expression
            (BM25 and friends; higher is better), or attribute order.
    """

    fragment_by: HighlightFragmentBy | Unset = UNSET
    fragment_limit: int | Unset = 3
    include_offsets: HighlightOffsetUnits | Unset = UNSET
    rank_fragments_by: Any | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        fragment_by: str | Unset = UNSET
        if not isinstance(self.fragment_by, Unset):
            fragment_by = self.fragment_by

        fragment_limit = self.fragment_limit

        include_offsets: str | Unset = UNSET
        if not isinstance(self.include_offsets, Unset):
            include_offsets = self.include_offsets

        rank_fragments_by = self.rank_fragments_by

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if fragment_by is not UNSET:
            field_dict["fragment_by"] = fragment_by
        if fragment_limit is not UNSET:
            field_dict["fragment_limit"] = fragment_limit
        if include_offsets is not UNSET:
            field_dict["include_offsets"] = include_offsets
        if rank_fragments_by is not UNSET:
            field_dict["rank_fragments_by"] = rank_fragments_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _fragment_by = d.pop("fragment_by", UNSET)
        fragment_by: HighlightFragmentBy | Unset
        if isinstance(_fragment_by, Unset):
            fragment_by = UNSET
        else:
            fragment_by = check_highlight_fragment_by(_fragment_by)

        fragment_limit = d.pop("fragment_limit", UNSET)

        _include_offsets = d.pop("include_offsets", UNSET)
        include_offsets: HighlightOffsetUnits | Unset
        if isinstance(_include_offsets, Unset):
            include_offsets = UNSET
        else:
            include_offsets = check_highlight_offset_units(_include_offsets)

        rank_fragments_by = d.pop("rank_fragments_by", UNSET)

        highlight_config = cls(
            fragment_by=fragment_by,
            fragment_limit=fragment_limit,
            include_offsets=include_offsets,
            rank_fragments_by=rank_fragments_by,
        )

        return highlight_config
