# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Typed dictionaries for the namespace handle's object arguments, read from the spec's closed objects.

Each ``<Name>Param`` is the spec's ``<Name>`` schema as a ``TypedDict`` (its keys, their types, which
are required), so a type checker catches a misspelt key or a wrong value before any request is sent::

    ns.query(rank_by=("id", "asc"), limit={"total": 10}, consistency={"level": "eventual"})

They are plain ``dict`` at run time: pass dict literals, nothing needs importing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Required, TypeAlias, TypedDict

from .lang import _types as lang_types


class AnnConfigParam(TypedDict, total=False):
    """``AnnConfig``: ANN index options.

    Keys:
        ``distance_metric``
        ``late_interaction``: Late-interaction (MUVERA) indexing; required for ANN on `[][N]f32` attributes.
    """

    distance_metric: Literal["cosine_distance", "euclidean_squared"]
    late_interaction: bool


class AttributeEmbedConfigParam(TypedDict, total=False):
    """``AttributeEmbedConfig``: Native embedding options.

    Keys:
        ``model`` (required): The embedding model.
        ``attribute``
        ``dims``: The vector length to embed at; defaults to the model's usual size.
        ``dtype``: The stored element type of the computed vector (e.g. `f32`, `f16`).
    """

    model: Required[str]
    attribute: str
    dims: int
    dtype: str


class AttributeSchemaConfigParam(TypedDict, total=False):
    """``AttributeSchemaConfig``: An attribute's type and index options. The type is required once any option is given.

    Keys:
        ``type`` (required)
        ``filterable``: Build the index used by filters and attribute ordering. Defaults to `true`, or `false`
            when `full_text_search`, `regex`, `glob` or `fuzzy` is enabled; `false`
            halves the storage price. Max filterable value size is 4 KiB (arrays: per
            element): filter operands longer than that are refused (400). Writes are
            not: a longer string (up to the 8 MiB attribute value limit) is accepted and
            stored whole also in a filterable attribute, including one inferred by a
            schemaless write (turbopuffer's own SDK benchmark writes 8,096-character
            strings with no schema and reads them back).
        ``full_text_search``: Build a BM25 index (`string`/`[]string` only); `true` uses every default.
        ``regex``: Enable `Regex` filters.
        ``glob``: Enable `Glob`/`IGlob`/`NotGlob`/`NotIGlob` filters.
        ``fuzzy``: Enable `Fuzzy` filters.
        ``ann``: Build an ANN index on a vector attribute (required for `ANN` ranking; `late_interaction`
            for `[][N]f32`).
        ``sparse_knn``
        ``embed``: Embed this `string` attribute automatically with a model: a model name, a configuration,
            or `null` to stop.
    """

    type: Required[str]
    filterable: bool
    full_text_search: bool | FullTextSearchConfigParam
    regex: bool
    glob: bool
    fuzzy: bool
    ann: bool | AnnConfigParam
    sparse_knn: SparseKnnConfigParam
    embed: str | AttributeEmbedConfigParam | None


class AttributeSchemaDropParam(TypedDict, total=False):
    """``AttributeSchemaDrop``: Drop the attribute from the namespace (cannot be combined with other settings).

    Keys:
        ``drop`` (required)
    """

    drop: Required[Literal[True]]


AttributeSchemaParam: TypeAlias = "str | AttributeSchemaConfigParam | AttributeSchemaDropParam"
"""``AttributeSchema``: An attribute's schema in a schema change: a bare type string, a configuration object, or `{"drop":
true}`."""


class BranchFromNamespaceConfigParam(TypedDict, total=False):
    """``BranchFromNamespaceConfig``: Where to branch from.

    Keys:
        ``source_namespace`` (required)
    """

    source_namespace: Required[str]


BranchFromNamespaceParam: TypeAlias = "str | BranchFromNamespaceConfigParam"
"""``BranchFromNamespace``: The namespace to create an instant copy-on-write clone of (not for sharded namespaces)."""


class ConsistencyDefaultParam(TypedDict, total=False):
    """``ConsistencyDefault``: No `level` given (`{}`): the default level, strong."""


class ConsistencyEventualParam(TypedDict, total=False):
    """``ConsistencyEventual``: Eventual consistency (searches at most 128 MiB of unindexed data).

    Keys:
        ``level`` (required)
        ``max_staleness_seconds``: How long the node's cached view of the namespace may be reused before refreshing.
    """

    level: Required[Literal["eventual"]]
    max_staleness_seconds: int


ConsistencyParam: TypeAlias = "ConsistencyStrongParam | ConsistencyEventualParam | ConsistencyDefaultParam"
"""``Consistency``: Read consistency: `strong` (default) sees every acknowledged write; `eventual` may be slightly stale
but avoids a round-trip to object storage. `level` is optional: `{}` is the default, strong."""


class ConsistencyStrongParam(TypedDict, total=False):
    """``ConsistencyStrong``: Strong consistency (read-your-writes).

    Keys:
        ``level`` (required)
    """

    level: Required[Literal["strong"]]


class CopyFromNamespaceConfigParam(TypedDict, total=False):
    """``CopyFromNamespaceConfig``: Where to copy from.

    Keys:
        ``source_namespace`` (required)
        ``source_api_key``: An API key of the organisation that owns the source namespace.
        ``source_region``: The region of the source namespace (e.g. `aws-us-east-1`).
        ``dest_encryption``
    """

    source_namespace: Required[str]
    source_api_key: str
    source_region: str
    dest_encryption: EncryptionParam


CopyFromNamespaceParam: TypeAlias = "str | CopyFromNamespaceConfigParam"
"""``CopyFromNamespace``: The namespace to copy every document from into this empty one: a name (same organisation and region)
or an object for cross-organisation / cross-region copies."""


class EncryptionCustomerManagedParam(TypedDict, total=False):
    """``EncryptionCustomerManaged``: A customer-managed encryption key (CMEK).

    Keys:
        ``mode`` (required)
        ``key_name`` (required): The key (AWS KMS key ARN, or the GCP key's full resource name
            `projects/P/locations/L/keyRings/R/cryptoKeys/K`). Any other name is a 400
            `Malformed Cloud KMS crypto key: <name>`.
        ``encryption_context``: AWS KMS encryption context sent with every use of the key (keys may not start with
            `tpuf:` or `aws:`).
    """

    mode: Required[Literal["customer-managed"]]
    key_name: Required[str]
    encryption_context: Mapping[str, str]


class EncryptionDefaultParam(TypedDict, total=False):
    """``EncryptionDefault``: The default server-side encryption.

    Keys:
        ``mode`` (required)
    """

    mode: Required[Literal["default"]]


EncryptionParam: TypeAlias = "EncryptionDefaultParam | EncryptionCustomerManagedParam"
"""``Encryption``: How the namespace's data is encrypted at rest."""


class FullTextSearchConfigParam(TypedDict, total=False):
    """``FullTextSearchConfig``: Full-text analysis and BM25 options.

    Keys:
        ``tokenizer``
        ``language``
        ``case_sensitive``: Match letter case exactly.
        ``stemming``: Reduce words to their stem (Snowball, per `language`); needs case-insensitive analysis.
        ``remove_stopwords``: Drop the language's common words (default `false` since January 2026).
        ``ascii_folding``: Fold non-ASCII characters to ASCII equivalents (à → a).
        ``max_token_length``: Longer tokens (in bytes) are dropped.
        ``k1``: BM25 term-frequency saturation.
        ``b``: BM25 document-length normalisation.
        ``k3``: BM25 query-term-frequency saturation.
    """

    tokenizer: Literal["word_v4", "word_v3", "word_v2", "word_v1", "word_v0", "pre_tokenized_array"]
    language: Literal[
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
    ]
    case_sensitive: bool
    stemming: bool
    remove_stopwords: bool
    ascii_folding: bool
    max_token_length: int
    k1: float
    b: float
    k3: float


class LimitConfigParam(TypedDict, total=False):
    """``LimitConfig``: A result limit with optional diversification.

    Keys:
        ``total`` (required)
        ``per``
    """

    total: Required[int]
    per: LimitPerParam


class LimitPerParam(TypedDict, total=False):
    """``LimitPer``: At most `limit` results share the same values of `attributes` (higher-ranked results are kept).
    For vector and attribute-order ranking.

    Keys:
        ``attributes`` (required): The attributes forming the diversification key.
        ``limit`` (required): The maximum number of results per key.
    """

    attributes: Required[Sequence[str]]
    limit: Required[int]


class PatchByFilterParam(TypedDict, total=False):
    """``PatchByFilter``: Set the attributes in `patch` on every document matching `filters` (at most 50,000 per request;
    vector attributes cannot be patched).

    Keys:
        ``filters`` (required)
        ``patch`` (required): Attribute name to new value.
    """

    filters: Required[lang_types.Filter]
    patch: Required[Mapping[str, Any]]


class PinningConfigParam(TypedDict, total=False):
    """``PinningConfig``: Pin the namespace on dedicated read replicas.

    Keys:
        ``replicas``: The number of read replicas.
    """

    replicas: int


QueryLimitParam: TypeAlias = "int | LimitConfigParam"
"""``QueryLimit``: The maximum number of results: an integer, or `{total, per?}` with per-value diversification.
Required with `rank_by` (or send `top_k`). For grouped aggregations, the maximum number of groups."""


class RerankByModelParam(TypedDict, total=False):
    """``RerankByModel``: Re-rank the retrieved rows with a re-ranking model that scores a string attribute against a
    query text.

    Keys:
        ``attribute`` (required)
        ``model`` (required): The re-ranking model.
        ``query`` (required): The text to score each row's attribute against.
    """

    attribute: Required[str]
    model: Required[str]
    query: Required[str]


class RerankLimitConfigParam(TypedDict, total=False):
    """``RerankLimitConfig``: A limit on fused rows.

    Keys:
        ``total`` (required)
    """

    total: Required[int]


RerankLimitParam: TypeAlias = "int | RerankLimitConfigParam"
"""``RerankLimit``: The maximum number of fused (re-ranked) rows of a multi-query."""

SchemaUpdateParam: TypeAlias = "Mapping[str, AttributeSchemaParam]"
"""``SchemaUpdate``: Attribute name to schema (a type string, a configuration, or a drop)."""


class ShardingConfigParam(TypedDict, total=False):
    """``ShardingConfig``: Partition the namespace over several shards. Only on its first write (or with
    `copy_from_namespace`); cannot change later.

    Keys:
        ``num_shards`` (required): The number of shards.
    """

    num_shards: Required[int]


class SparseKnnConfigParam(TypedDict, total=False):
    """``SparseKnnConfig``: Sparse kNN index options (`{}f16` only).

    Keys:
        ``distance_metric`` (required)
    """

    distance_metric: Required[Literal["dot_product"]]


class SubQueryParam(TypedDict, total=False):
    """``SubQuery``: One query of a multi-query; like a single query (`rank_by` required unless `aggregate_by` is
    given, `limit`/`top_k` required with `rank_by`) without `consistency`, `vector_encoding` and
    `rerank_by`, which are set once for the whole multi-query.

    Keys:
        ``rank_by``
        ``filters``
        ``limit``
        ``top_k``
        ``offset``
        ``include_attributes``
        ``exclude_attributes``
        ``compute_attributes``
        ``aggregate_by``
        ``group_by``
        ``distance_metric``
    """

    rank_by: lang_types.RankBy
    filters: lang_types.Filter
    limit: QueryLimitParam
    top_k: int
    offset: int
    include_attributes: bool | Sequence[str]
    exclude_attributes: Sequence[str]
    compute_attributes: Mapping[str, lang_types.Expr]
    aggregate_by: Mapping[str, lang_types.AggregateBy]
    group_by: Sequence[lang_types.GroupBy]
    distance_metric: Literal["cosine_distance", "euclidean_squared"]


__all__ = [
    "AnnConfigParam",
    "AttributeEmbedConfigParam",
    "AttributeSchemaConfigParam",
    "AttributeSchemaDropParam",
    "AttributeSchemaParam",
    "BranchFromNamespaceConfigParam",
    "BranchFromNamespaceParam",
    "ConsistencyDefaultParam",
    "ConsistencyEventualParam",
    "ConsistencyParam",
    "ConsistencyStrongParam",
    "CopyFromNamespaceConfigParam",
    "CopyFromNamespaceParam",
    "EncryptionCustomerManagedParam",
    "EncryptionDefaultParam",
    "EncryptionParam",
    "FullTextSearchConfigParam",
    "LimitConfigParam",
    "LimitPerParam",
    "PatchByFilterParam",
    "PinningConfigParam",
    "QueryLimitParam",
    "RerankByModelParam",
    "RerankLimitConfigParam",
    "RerankLimitParam",
    "SchemaUpdateParam",
    "ShardingConfigParam",
    "SparseKnnConfigParam",
    "SubQueryParam",
]
