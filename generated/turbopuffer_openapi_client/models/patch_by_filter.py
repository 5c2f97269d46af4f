# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.patch_by_filter_patch import PatchByFilterPatch


T = TypeVar("T", bound="PatchByFilter")


@_attrs_define
class PatchByFilter:
    """Set the attributes in `patch` on every document matching `filters` (at most 50,000 per request; vector attributes
    cannot be patched).

        Attributes:
            filters (Any): A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical combination. Used by
                `filters`, `delete_by_filter`, `patch_by_filter.filters`, the `*_condition` write fields,
                recall, and as a 0/1 term inside score expressions. `attribute` may be `id`. Operands
                must have the attribute's type; in write conditions they may be `{"$ref_new": attr}`.
            patch (PatchByFilterPatch): Attribute name to new value.
    """

    filters: Any
    patch: PatchByFilterPatch

    def to_dict(self) -> dict[str, Any]:
        filters = self.filters

        patch = self.patch.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "filters": filters,
                "patch": patch,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.patch_by_filter_patch import PatchByFilterPatch  # noqa: PLC0415

        d = dict(src_dict)
        filters = d.pop("filters")

        patch = PatchByFilterPatch.from_dict(d.pop("patch"))

        patch_by_filter = cls(
            filters=filters,
            patch=patch,
        )

        return patch_by_filter
