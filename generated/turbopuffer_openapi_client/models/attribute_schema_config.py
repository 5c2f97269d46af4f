# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ann_config import AnnConfig
    from ..models.attribute_embed_config import AttributeEmbedConfig
    from ..models.full_text_search_config import FullTextSearchConfig
    from ..models.sparse_knn_config import SparseKnnConfig


T = TypeVar("T", bound="AttributeSchemaConfig")


@_attrs_define
class AttributeSchemaConfig:
    """An attribute's type and index options. The type is required once any option is given.

    Attributes:
        type_ (str): An attribute type: `string`, `int`, `uint`, `float`, `uuid`, `datetime`, `bool`, `bytes`,
            their arrays `[]string` ... `[]bool`, dense vectors `[N]f32`, `[N]f16`, `[N]i8`
            (N ≤ 10,752), multi-vectors `[][N]f32`, and sparse vectors `{}f16`.
        filterable (bool | Unset): Build the index used by filters and attribute ordering. Defaults to `true`, or
            `false`
            when `full_text_search`, `regex`, `glob` or `fuzzy` is enabled; `false` halves the
            storage price. Max filterable value size is 4 KiB (arrays: per element): filter
            operands longer than that are refused (400). Writes are not: a longer string (up to the
            8 MiB attribute value limit) is accepted and stored whole also in a filterable
            attribute, including one inferred by a schemaless write (turbopuffer's own SDK
            benchmark writes 8,096-character strings with no schema and reads them back).
        full_text_search (bool | FullTextSearchConfig | Unset): Build a BM25 index (`string`/`[]string` only); `true`
            uses every default. Default: False.
        regex (bool | Unset): Enable `Regex` filters. Default: False.
        glob (bool | Unset): Enable `Glob`/`IGlob`/`NotGlob`/`NotIGlob` filters. Default: False.
        fuzzy (bool | Unset): Enable `Fuzzy` filters. Default: False.
        ann (AnnConfig | bool | Unset): Build an ANN index on a vector attribute (required for `ANN` ranking;
            `late_interaction` for `[][N]f32`).
        sparse_knn (SparseKnnConfig | Unset): Sparse kNN index options (`{}f16` only).
        embed (AttributeEmbedConfig | None | str | Unset): Embed this `string` attribute automatically with a model: a
            model name, a configuration, or `null` to stop.
    """

    type_: str
    filterable: bool | Unset = UNSET
    full_text_search: bool | FullTextSearchConfig | Unset = False
    regex: bool | Unset = False
    glob: bool | Unset = False
    fuzzy: bool | Unset = False
    ann: AnnConfig | bool | Unset = UNSET
    sparse_knn: SparseKnnConfig | Unset = UNSET
    embed: AttributeEmbedConfig | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.ann_config import AnnConfig  # noqa: PLC0415
        from ..models.attribute_embed_config import AttributeEmbedConfig  # noqa: PLC0415
        from ..models.full_text_search_config import FullTextSearchConfig  # noqa: PLC0415

        type_ = self.type_

        filterable = self.filterable

        full_text_search: bool | dict[str, Any] | Unset
        if isinstance(self.full_text_search, Unset):
            full_text_search = UNSET
        elif isinstance(self.full_text_search, FullTextSearchConfig):
            full_text_search = self.full_text_search.to_dict()
        else:
            full_text_search = self.full_text_search

        regex = self.regex

        glob = self.glob

        fuzzy = self.fuzzy

        ann: bool | dict[str, Any] | Unset
        if isinstance(self.ann, Unset):
            ann = UNSET
        elif isinstance(self.ann, AnnConfig):
            ann = self.ann.to_dict()
        else:
            ann = self.ann

        sparse_knn: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sparse_knn, Unset):
            sparse_knn = self.sparse_knn.to_dict()

        embed: dict[str, Any] | None | str | Unset
        if isinstance(self.embed, Unset):
            embed = UNSET
        elif isinstance(self.embed, AttributeEmbedConfig):
            embed = self.embed.to_dict()
        else:
            embed = self.embed

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if filterable is not UNSET:
            field_dict["filterable"] = filterable
        if full_text_search is not UNSET:
            field_dict["full_text_search"] = full_text_search
        if regex is not UNSET:
            field_dict["regex"] = regex
        if glob is not UNSET:
            field_dict["glob"] = glob
        if fuzzy is not UNSET:
            field_dict["fuzzy"] = fuzzy
        if ann is not UNSET:
            field_dict["ann"] = ann
        if sparse_knn is not UNSET:
            field_dict["sparse_knn"] = sparse_knn
        if embed is not UNSET:
            field_dict["embed"] = embed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ann_config import AnnConfig  # noqa: PLC0415
        from ..models.attribute_embed_config import AttributeEmbedConfig  # noqa: PLC0415
        from ..models.full_text_search_config import FullTextSearchConfig  # noqa: PLC0415
        from ..models.sparse_knn_config import SparseKnnConfig  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        filterable = d.pop("filterable", UNSET)

        def _parse_full_text_search(data: object) -> bool | FullTextSearchConfig | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                full_text_search_type_1 = FullTextSearchConfig.from_dict(data)

                return full_text_search_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | FullTextSearchConfig | Unset, data)

        full_text_search = _parse_full_text_search(d.pop("full_text_search", UNSET))

        regex = d.pop("regex", UNSET)

        glob = d.pop("glob", UNSET)

        fuzzy = d.pop("fuzzy", UNSET)

        def _parse_ann(data: object) -> AnnConfig | bool | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ann_type_1 = AnnConfig.from_dict(data)

                return ann_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AnnConfig | bool | Unset, data)

        ann = _parse_ann(d.pop("ann", UNSET))

        _sparse_knn = d.pop("sparse_knn", UNSET)
        sparse_knn: SparseKnnConfig | Unset
        if isinstance(_sparse_knn, Unset):
            sparse_knn = UNSET
        else:
            sparse_knn = SparseKnnConfig.from_dict(_sparse_knn)

        def _parse_embed(data: object) -> AttributeEmbedConfig | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                embed_type_1 = AttributeEmbedConfig.from_dict(data)

                return embed_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AttributeEmbedConfig | None | str | Unset, data)

        embed = _parse_embed(d.pop("embed", UNSET))

        attribute_schema_config = cls(
            type_=type_,
            filterable=filterable,
            full_text_search=full_text_search,
            regex=regex,
            glob=glob,
            fuzzy=fuzzy,
            ann=ann,
            sparse_knn=sparse_knn,
            embed=embed,
        )

        return attribute_schema_config
