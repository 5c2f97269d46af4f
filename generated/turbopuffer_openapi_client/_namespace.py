# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""The namespace handle: ``client.namespace("name")`` with one method per namespace operation.

Method names follow the official client; paths, keyword arguments, their types and docstrings are read
from the spec. Bodies are encoded with orjson (vectors as base64 float32 on writes, see :mod:`._codec`),
query answers decode into the light :mod:`._results` wrappers, and the other answers are parsed by the
generated endpoint modules into their typed models.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeVar
from urllib.parse import quote

import httpx

from . import errors
from ._codec import dumps, prepare_write_body
from ._results import MultiQueryResult, QueryResult
from .api.debug import recall as _recall
from .api.documents import delete_namespace as _delete_namespace
from .api.documents import write as _write
from .api.namespaces import get_metadata as _get_metadata
from .api.namespaces import get_schema as _get_schema
from .api.namespaces import hint_cache_warm as _hint_cache_warm
from .api.namespaces import update_metadata as _update_metadata
from .api.namespaces import update_schema as _update_schema
from .api.query import explain_query as _explain_query
from .client import Client
from .lang import _types as lang_types
from .models import WriteResult
from .params import (
    AttributeSchemaParam,
    BranchFromNamespaceParam,
    ConsistencyParam,
    CopyFromNamespaceParam,
    EncryptionParam,
    PatchByFilterParam,
    PinningConfigParam,
    QueryLimitParam,
    RerankByModelParam,
    RerankLimitParam,
    SchemaUpdateParam,
    ShardingConfigParam,
    SubQueryParam,
)

_JSON_CONTENT = {"Content-Type": "application/json"}
#: Asks the server to run the request in the background (it may still answer synchronously).
_RESPOND_ASYNC = {"Prefer": "respond-async"}
#: The spec's rule for namespace names (checked before any request is sent).
NAMESPACE_NAME_PATTERN = re.compile("^(?!\\.{1,2}$)[A-Za-z0-9_.-]{1,128}$")


def _check_name(name: str) -> None:
    if not isinstance(name, str) or not NAMESPACE_NAME_PATTERN.fullmatch(name) or name in (".", ".."):
        raise ValueError(
            f"invalid namespace name {name!r}: expected {NAMESPACE_NAME_PATTERN.pattern} (and not '.' or '..')"
        )


_Result = TypeVar("_Result")


def _parsed(response: httpx.Response, parse: Callable[[bytes], _Result]) -> _Result:
    """The parsed success body; a body that is not the documented JSON raises
    :class:`errors.APIResponseValidationError` instead of a bare decoding error."""
    try:
        return parse(response.content)
    except errors.RESPONSE_PARSE_ERRORS as exc:
        raise errors.invalid_response(response, exc) from exc


def _body(fields: Mapping[str, Any], extra: Mapping[str, Any] | None) -> dict[str, Any]:
    """The JSON body: given fields only (``None`` means "not sent"), then ``extra_body`` on top."""
    body = {key: value for key, value in fields.items() if value is not None}
    if extra:
        body.update(extra)
    return body


class Namespace:
    """A handle on one namespace: each method fills ``{namespace}``.

    Get one with ``client.namespace("name")``; creating a handle sends nothing (a namespace comes into
    existence with its first write). Every method raises a typed :mod:`.errors` exception on failure.
    """

    __slots__ = ("_client", "_name", "_quoted")

    def __init__(self, client: Client, name: str) -> None:
        _check_name(name)
        self._client = client
        self._name = name
        self._quoted = quote(name, safe="")

    @property
    def name(self) -> str:
        return self._name

    @property
    def id(self) -> str:
        """The namespace name (the official client calls it ``id``)."""
        return self._name

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._name!r})"

    def _send(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        http = self._client.get_httpx_client()
        if body is None:
            response = http.request(method, path, headers=headers)
        else:
            response = http.request(
                method, path, content=dumps(body), headers={**_JSON_CONTENT, **(headers or {})}
            )
        if not 200 <= response.status_code < 300:
            raise errors.error_for_response(response)
        return response

    def write(
        self,
        *,
        upsert_rows: Sequence[Mapping[str, Any]] | None = None,
        upsert_columns: Mapping[str, Any] | None = None,
        patch_rows: Sequence[Mapping[str, Any]] | None = None,
        patch_columns: Mapping[str, Any] | None = None,
        deletes: Sequence[int | str] | None = None,
        upsert_condition: lang_types.Filter | None = None,
        patch_condition: lang_types.Filter | None = None,
        delete_condition: lang_types.Filter | None = None,
        delete_by_filter: lang_types.Filter | None = None,
        delete_by_filter_allow_partial: bool | None = None,
        patch_by_filter: PatchByFilterParam | None = None,
        patch_by_filter_allow_partial: bool | None = None,
        return_affected_ids: bool | None = None,
        distance_metric: Literal["cosine_distance", "euclidean_squared"] | None = None,
        schema: SchemaUpdateParam | None = None,
        copy_from_namespace: CopyFromNamespaceParam | None = None,
        branch_from_namespace: BranchFromNamespaceParam | None = None,
        encryption: EncryptionParam | None = None,
        sharding: ShardingConfigParam | None = None,
        disable_backpressure: bool | None = None,
        create_namespace: bool | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> WriteResult:
        """Write documents.

        Waits for the result and returns the :class:`WriteResult`; to run it in the background,
        use ``write_async_start()``.

        Creates, updates or deletes documents in one atomic request, creating the namespace on its
        first write. Inside a request, `delete_by_filter` runs first, then
        `patch_by_filter`, then the ID-addressed upserts, patches and deletes; a document ID
        may appear only once across all ID-addressed operations. Schema changes in the same
        request apply before documents are validated. The same endpoint copies
        (`copy_from_namespace`) or branches (`branch_from_namespace`) another namespace into
        this empty one.

        The official SDK sends `?stainless_overload=copyFrom|branchFrom` for its copy and branch
        helpers; the server ignores that query parameter and dispatches on the body.

        Args:
            upsert_rows: Documents to create or replace whole.
            upsert_columns: Documents in column form: every key is an attribute mapped to one value per
                document, `id` holding the IDs. All arrays have the same length;
                `null` means no value.
            patch_rows: Partial updates of existing documents (missing IDs are ignored; vectors cannot be
                patched).
            patch_columns: Documents in column form: every key is an attribute mapped to one value per
                document, `id` holding the IDs. All arrays have the same length;
                `null` means no value.
            deletes: IDs of documents to delete (missing IDs are not an error).
            upsert_condition: Upsert an existing document only when this filter matches its current value
                (`$ref_new` = the new value). Missing documents are upserted
                unconditionally.
            patch_condition: Patch a document only when this filter matches its current value. Not applied to
                `patch_by_filter`.
            delete_condition: Delete a document only when this filter matches its current value (`$ref_new` is
                null). Not applied to `delete_by_filter`.
            delete_by_filter: Delete every document matching this filter (at most 5,000,000 per request). Runs
                before all other operations.
            delete_by_filter_allow_partial: When more documents match than the limit, delete up to the limit and report
                `rows_remaining` instead of failing.
            patch_by_filter: Set the attributes in `patch` on every document matching `filters` (at most 50,000
                per request; vector attributes cannot be patched).
            patch_by_filter_allow_partial: When more documents match than the limit, patch up to the limit and report
                `rows_remaining` instead of failing.
            return_affected_ids: Return `upserted_ids`, `patched_ids` and `deleted_ids` (only writes that happened).
            distance_metric: The dense-vector distance: `cosine_distance` = 1 − cos(x, y) in [0, 2];
                `euclidean_squared` = Σ (x_i − y_i)². Lower is closer.
            schema: Attribute name to schema (a type string, a configuration, or a drop).
            copy_from_namespace: The namespace to copy every document from into this empty one: a name (same
                organisation and region) or an object for cross-organisation /
                cross-region copies.
            branch_from_namespace: The namespace to create an instant copy-on-write clone of (not for sharded
                namespaces).
            encryption: How the namespace's data is encrypted at rest.
            sharding: Partition the namespace over several shards. Only on its first write (or with
                `copy_from_namespace`); cannot change later.
            disable_backpressure: Skip the 429 backpressure on upserts and deletes by ID while too much data is
                unindexed (strong queries may then fail with 429).
            create_namespace: `true` creates the namespace even when nothing is written (the schema must then
                declare the `id` type); `false` never creates it (404 if missing);
                absent creates it on the first write of documents.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "upsert_rows": upsert_rows,
                "upsert_columns": upsert_columns,
                "patch_rows": patch_rows,
                "patch_columns": patch_columns,
                "deletes": deletes,
                "upsert_condition": upsert_condition,
                "patch_condition": patch_condition,
                "delete_condition": delete_condition,
                "delete_by_filter": delete_by_filter,
                "delete_by_filter_allow_partial": delete_by_filter_allow_partial,
                "patch_by_filter": patch_by_filter,
                "patch_by_filter_allow_partial": patch_by_filter_allow_partial,
                "return_affected_ids": return_affected_ids,
                "distance_metric": distance_metric,
                "schema": schema,
                "copy_from_namespace": copy_from_namespace,
                "branch_from_namespace": branch_from_namespace,
                "encryption": encryption,
                "sharding": sharding,
                "disable_backpressure": disable_backpressure,
                "create_namespace": create_namespace,
            },
            extra_body,
        )
        body = prepare_write_body(body)
        response = self._send(
            "POST",
            f"/v2/namespaces/{self._quoted}",
            body,
        )
        result = _write.parse_response(client=self._client, response=response)
        if not isinstance(result, WriteResult):  # a 202 answers only `Prefer: respond-async`
            raise errors.invalid_response(
                response, TypeError(f"expected WriteResult, got {type(result).__name__}")
            )
        return result

    def write_async_start(
        self,
        *,
        upsert_rows: Sequence[Mapping[str, Any]] | None = None,
        upsert_columns: Mapping[str, Any] | None = None,
        patch_rows: Sequence[Mapping[str, Any]] | None = None,
        patch_columns: Mapping[str, Any] | None = None,
        deletes: Sequence[int | str] | None = None,
        upsert_condition: lang_types.Filter | None = None,
        patch_condition: lang_types.Filter | None = None,
        delete_condition: lang_types.Filter | None = None,
        delete_by_filter: lang_types.Filter | None = None,
        delete_by_filter_allow_partial: bool | None = None,
        patch_by_filter: PatchByFilterParam | None = None,
        patch_by_filter_allow_partial: bool | None = None,
        return_affected_ids: bool | None = None,
        distance_metric: Literal["cosine_distance", "euclidean_squared"] | None = None,
        schema: SchemaUpdateParam | None = None,
        copy_from_namespace: CopyFromNamespaceParam | None = None,
        branch_from_namespace: BranchFromNamespaceParam | None = None,
        encryption: EncryptionParam | None = None,
        sharding: ShardingConfigParam | None = None,
        disable_backpressure: bool | None = None,
        create_namespace: bool | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> _write.ResponseType:
        """Write documents.

        Asks to run it in the background (``Prefer: respond-async``): returns :class:`AsyncAccepted`
        (poll ``operations/{token}``) when the server honours that, otherwise the synchronous result
        (a hint the server may ignore). Same arguments as the synchronous method.

        Creates, updates or deletes documents in one atomic request, creating the namespace on its
        first write. Inside a request, `delete_by_filter` runs first, then
        `patch_by_filter`, then the ID-addressed upserts, patches and deletes; a document ID
        may appear only once across all ID-addressed operations. Schema changes in the same
        request apply before documents are validated. The same endpoint copies
        (`copy_from_namespace`) or branches (`branch_from_namespace`) another namespace into
        this empty one.

        The official SDK sends `?stainless_overload=copyFrom|branchFrom` for its copy and branch
        helpers; the server ignores that query parameter and dispatches on the body.

        Args:
            upsert_rows: Documents to create or replace whole.
            upsert_columns: Documents in column form: every key is an attribute mapped to one value per
                document, `id` holding the IDs. All arrays have the same length;
                `null` means no value.
            patch_rows: Partial updates of existing documents (missing IDs are ignored; vectors cannot be
                patched).
            patch_columns: Documents in column form: every key is an attribute mapped to one value per
                document, `id` holding the IDs. All arrays have the same length;
                `null` means no value.
            deletes: IDs of documents to delete (missing IDs are not an error).
            upsert_condition: Upsert an existing document only when this filter matches its current value
                (`$ref_new` = the new value). Missing documents are upserted
                unconditionally.
            patch_condition: Patch a document only when this filter matches its current value. Not applied to
                `patch_by_filter`.
            delete_condition: Delete a document only when this filter matches its current value (`$ref_new` is
                null). Not applied to `delete_by_filter`.
            delete_by_filter: Delete every document matching this filter (at most 5,000,000 per request). Runs
                before all other operations.
            delete_by_filter_allow_partial: When more documents match than the limit, delete up to the limit and report
                `rows_remaining` instead of failing.
            patch_by_filter: Set the attributes in `patch` on every document matching `filters` (at most 50,000
                per request; vector attributes cannot be patched).
            patch_by_filter_allow_partial: When more documents match than the limit, patch up to the limit and report
                `rows_remaining` instead of failing.
            return_affected_ids: Return `upserted_ids`, `patched_ids` and `deleted_ids` (only writes that happened).
            distance_metric: The dense-vector distance: `cosine_distance` = 1 − cos(x, y) in [0, 2];
                `euclidean_squared` = Σ (x_i − y_i)². Lower is closer.
            schema: Attribute name to schema (a type string, a configuration, or a drop).
            copy_from_namespace: The namespace to copy every document from into this empty one: a name (same
                organisation and region) or an object for cross-organisation /
                cross-region copies.
            branch_from_namespace: The namespace to create an instant copy-on-write clone of (not for sharded
                namespaces).
            encryption: How the namespace's data is encrypted at rest.
            sharding: Partition the namespace over several shards. Only on its first write (or with
                `copy_from_namespace`); cannot change later.
            disable_backpressure: Skip the 429 backpressure on upserts and deletes by ID while too much data is
                unindexed (strong queries may then fail with 429).
            create_namespace: `true` creates the namespace even when nothing is written (the schema must then
                declare the `id` type); `false` never creates it (404 if missing);
                absent creates it on the first write of documents.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "upsert_rows": upsert_rows,
                "upsert_columns": upsert_columns,
                "patch_rows": patch_rows,
                "patch_columns": patch_columns,
                "deletes": deletes,
                "upsert_condition": upsert_condition,
                "patch_condition": patch_condition,
                "delete_condition": delete_condition,
                "delete_by_filter": delete_by_filter,
                "delete_by_filter_allow_partial": delete_by_filter_allow_partial,
                "patch_by_filter": patch_by_filter,
                "patch_by_filter_allow_partial": patch_by_filter_allow_partial,
                "return_affected_ids": return_affected_ids,
                "distance_metric": distance_metric,
                "schema": schema,
                "copy_from_namespace": copy_from_namespace,
                "branch_from_namespace": branch_from_namespace,
                "encryption": encryption,
                "sharding": sharding,
                "disable_backpressure": disable_backpressure,
                "create_namespace": create_namespace,
            },
            extra_body,
        )
        body = prepare_write_body(body)
        response = self._send(
            "POST",
            f"/v2/namespaces/{self._quoted}",
            body,
            _RESPOND_ASYNC,
        )
        return _write.parse_response(client=self._client, response=response)

    def query(
        self,
        *,
        rank_by: lang_types.RankBy | None = None,
        filters: lang_types.Filter | None = None,
        limit: QueryLimitParam | None = None,
        top_k: int | None = None,
        offset: int | None = None,
        include_attributes: bool | Sequence[str] | None = None,
        exclude_attributes: Sequence[str] | None = None,
        compute_attributes: Mapping[str, lang_types.Expr] | None = None,
        aggregate_by: Mapping[str, lang_types.AggregateBy] | None = None,
        group_by: Sequence[lang_types.GroupBy] | None = None,
        distance_metric: Literal["cosine_distance", "euclidean_squared"] | None = None,
        vector_encoding: Literal["float", "base64"] | None = None,
        consistency: ConsistencyParam | None = None,
        rerank_by: RerankByModelParam | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> QueryResult:
        """Query documents.

        Runs one query (`QueryRequest`) or several queries on one consistent snapshot
        (`MultiQueryRequest`, told apart by the `queries` field) and returns the matching
        rows, aggregations or aggregation groups.

        A single query ranks with `rank_by` (vector ANN/kNN, sparse kNN, BM25 and score expressions,
        attribute order), filters with `filters`, limits with `limit`/`top_k` and `offset`,
        selects attributes with `include_attributes`/`exclude_attributes` and adds
        `compute_attributes`; or it aggregates (`aggregate_by`, optionally `group_by`). A
        multi-query may fuse its sub-queries' rows with `rerank_by: ["RRF"]`.

        The official SDK sends `?stainless_overload=multiQuery` for multi-queries; the server
        ignores that query parameter and dispatches on the body. Multi-queries may also be
        sent to `POST /v2/namespaces/{namespace}/multi-query`, which takes only them.

        Args:
            rank_by: How to rank documents: vector search (`ANN`, `kNN`, `SparseKNN`), a score expression
                (BM25 and friends; higher is better), or attribute order.
            filters: A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical combination.
                Used by `filters`, `delete_by_filter`, `patch_by_filter.filters`,
                the `*_condition` write fields, recall, and as a 0/1 term inside
                score expressions. `attribute` may be `id`. Operands must have the
                attribute's type; in write conditions they may be `{"$ref_new":
                attr}`.
            limit: The maximum number of results: an integer, or `{total, per?}` with per-value
                diversification. Required with `rank_by` (or send `top_k`). For
                grouped aggregations, the maximum number of groups.
            top_k: The number of results to return (an alias of `limit.total`).
            offset: Skip this many ranked results (`limit + offset` must be below 10,000; not with
                aggregations).
            include_attributes: `true` returns every attribute (vectors included), `false` only `id`, a list exactly
                those attributes (each one only in rows of documents that have a
                value for it: nulls are omitted). Not with `aggregate_by`.
            exclude_attributes: Return every attribute except these (unknown names are ignored). Not together with
                `include_attributes`.
            compute_attributes: Extra values computed per returned row, by output name (at most 256). They never
                affect matching or ranking.
            aggregate_by: Aggregations over every document matching `filters`, by output label (at most 8).
                Not with `rank_by`, `include_attributes` or `offset`.
            group_by: Group keys for `aggregate_by`; one result object per distinct key, sorted by key.
            distance_metric: The dense-vector distance: `cosine_distance` = 1 − cos(x, y) in [0, 2];
                `euclidean_squared` = Σ (x_i − y_i)². Lower is closer.
            vector_encoding: How vectors are encoded in responses.
            consistency: Read consistency: `strong` (default) sees every acknowledged write; `eventual` may
                be slightly stale but avoids a round-trip to object storage. `level`
                is optional: `{}` is the default, strong.
            rerank_by: Re-rank the retrieved rows with a re-ranking model that scores a string attribute
                against a query text.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "rank_by": rank_by,
                "filters": filters,
                "limit": limit,
                "top_k": top_k,
                "offset": offset,
                "include_attributes": include_attributes,
                "exclude_attributes": exclude_attributes,
                "compute_attributes": compute_attributes,
                "aggregate_by": aggregate_by,
                "group_by": group_by,
                "distance_metric": distance_metric,
                "vector_encoding": vector_encoding,
                "consistency": consistency,
                "rerank_by": rerank_by,
            },
            extra_body,
        )
        response = self._send(
            "POST",
            f"/v2/namespaces/{self._quoted}/query",
            body,
        )
        return _parsed(response, QueryResult.from_json)

    def multi_query(
        self,
        *,
        queries: Sequence[SubQueryParam],
        rerank_by: lang_types.RerankBy | None = None,
        limit: RerankLimitParam | None = None,
        offset: int | None = None,
        consistency: ConsistencyParam | None = None,
        vector_encoding: Literal["float", "base64"] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> MultiQueryResult:
        """Query documents.

        Runs one query (`QueryRequest`) or several queries on one consistent snapshot
        (`MultiQueryRequest`, told apart by the `queries` field) and returns the matching
        rows, aggregations or aggregation groups.

        A single query ranks with `rank_by` (vector ANN/kNN, sparse kNN, BM25 and score expressions,
        attribute order), filters with `filters`, limits with `limit`/`top_k` and `offset`,
        selects attributes with `include_attributes`/`exclude_attributes` and adds
        `compute_attributes`; or it aggregates (`aggregate_by`, optionally `group_by`). A
        multi-query may fuse its sub-queries' rows with `rerank_by: ["RRF"]`.

        The official SDK sends `?stainless_overload=multiQuery` for multi-queries; the server
        ignores that query parameter and dispatches on the body. Multi-queries may also be
        sent to `POST /v2/namespaces/{namespace}/multi-query`, which takes only them.

        Args:
            queries: The sub-queries; `results[i]` answers `queries[i]`.
            rerank_by: How a multi-query combines its sub-queries' rows into one ranked list.
            limit: The maximum number of fused (re-ranked) rows of a multi-query.
            offset: Skip this many fused rows (requires `rerank_by` and `limit`).
            consistency: Read consistency: `strong` (default) sees every acknowledged write; `eventual` may
                be slightly stale but avoids a round-trip to object storage. `level`
                is optional: `{}` is the default, strong.
            vector_encoding: How vectors are encoded in responses.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "queries": queries,
                "rerank_by": rerank_by,
                "limit": limit,
                "offset": offset,
                "consistency": consistency,
                "vector_encoding": vector_encoding,
            },
            extra_body,
        )
        response = self._send(
            "POST",
            f"/v2/namespaces/{self._quoted}/query",
            body,
        )
        return _parsed(response, MultiQueryResult.from_json)

    def explain_query(
        self,
        *,
        rank_by: lang_types.RankBy | None = None,
        filters: lang_types.Filter | None = None,
        limit: QueryLimitParam | None = None,
        top_k: int | None = None,
        offset: int | None = None,
        include_attributes: bool | Sequence[str] | None = None,
        exclude_attributes: Sequence[str] | None = None,
        compute_attributes: Mapping[str, lang_types.Expr] | None = None,
        aggregate_by: Mapping[str, lang_types.AggregateBy] | None = None,
        group_by: Sequence[lang_types.GroupBy] | None = None,
        distance_metric: Literal["cosine_distance", "euclidean_squared"] | None = None,
        vector_encoding: Literal["float", "base64"] | None = None,
        consistency: ConsistencyParam | None = None,
        rerank_by: RerankByModelParam | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> _explain_query.ResponseType:
        """Explain a query plan.

        Returns a textual plan of how a single query would run, without running it. The body is the
        same as a single query's. The plan text's format is descriptive and may change.

        Args:
            rank_by: How to rank documents: vector search (`ANN`, `kNN`, `SparseKNN`), a score expression
                (BM25 and friends; higher is better), or attribute order.
            filters: A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical combination.
                Used by `filters`, `delete_by_filter`, `patch_by_filter.filters`,
                the `*_condition` write fields, recall, and as a 0/1 term inside
                score expressions. `attribute` may be `id`. Operands must have the
                attribute's type; in write conditions they may be `{"$ref_new":
                attr}`.
            limit: The maximum number of results: an integer, or `{total, per?}` with per-value
                diversification. Required with `rank_by` (or send `top_k`). For
                grouped aggregations, the maximum number of groups.
            top_k: The number of results to return (an alias of `limit.total`).
            offset: Skip this many ranked results (`limit + offset` must be below 10,000; not with
                aggregations).
            include_attributes: `true` returns every attribute (vectors included), `false` only `id`, a list exactly
                those attributes (each one only in rows of documents that have a
                value for it: nulls are omitted). Not with `aggregate_by`.
            exclude_attributes: Return every attribute except these (unknown names are ignored). Not together with
                `include_attributes`.
            compute_attributes: Extra values computed per returned row, by output name (at most 256). They never
                affect matching or ranking.
            aggregate_by: Aggregations over every document matching `filters`, by output label (at most 8).
                Not with `rank_by`, `include_attributes` or `offset`.
            group_by: Group keys for `aggregate_by`; one result object per distinct key, sorted by key.
            distance_metric: The dense-vector distance: `cosine_distance` = 1 − cos(x, y) in [0, 2];
                `euclidean_squared` = Σ (x_i − y_i)². Lower is closer.
            vector_encoding: How vectors are encoded in responses.
            consistency: Read consistency: `strong` (default) sees every acknowledged write; `eventual` may
                be slightly stale but avoids a round-trip to object storage. `level`
                is optional: `{}` is the default, strong.
            rerank_by: Re-rank the retrieved rows with a re-ranking model that scores a string attribute
                against a query text.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "rank_by": rank_by,
                "filters": filters,
                "limit": limit,
                "top_k": top_k,
                "offset": offset,
                "include_attributes": include_attributes,
                "exclude_attributes": exclude_attributes,
                "compute_attributes": compute_attributes,
                "aggregate_by": aggregate_by,
                "group_by": group_by,
                "distance_metric": distance_metric,
                "vector_encoding": vector_encoding,
                "consistency": consistency,
                "rerank_by": rerank_by,
            },
            extra_body,
        )
        response = self._send(
            "POST",
            f"/v2/namespaces/{self._quoted}/explain_query",
            body,
        )
        return _explain_query.parse_response(client=self._client, response=response)

    def delete_all(
        self,
    ) -> _delete_namespace.ResponseType:
        """Delete a namespace.

        Permanently deletes the namespace and all its documents. The name can be reused by writing
        to it again. Branches of this namespace, or the namespace it was branched from, are
        not affected.

        """
        response = self._send(
            "DELETE",
            f"/v2/namespaces/{self._quoted}",
            None,
        )
        return _delete_namespace.parse_response(client=self._client, response=response)

    def schema(
        self,
    ) -> _get_schema.ResponseType:
        """Get the namespace schema.

        Returns every attribute with its type and effective options (defaults written out). A 404
        means the namespace does not exist; the official SDK's `exists()` relies on that.

        """
        response = self._send(
            "GET",
            f"/v1/namespaces/{self._quoted}/schema",
            None,
        )
        return _get_schema.parse_response(client=self._client, response=response)

    def update_schema(
        self,
        schema: Mapping[str, AttributeSchemaParam],
    ) -> _update_schema.ResponseType:
        """Update the namespace schema.

        Adds attributes or changes index options of existing ones without writing documents. The
        body is the bare attribute map (not wrapped in `{"schema": ...}`). The namespace
        must exist (404 otherwise). Allowed changes: toggling `filterable`,
        `full_text_search` (and its parameters), `regex`, `glob`, `fuzzy`; adding or
        removing `embed`; adding attributes; dropping an attribute with `{"drop": true}`.
        Changing a type or vector settings is rejected. Returns the full schema.

        Args:
            schema: the request body.

        """
        body = dict(schema)
        response = self._send(
            "POST",
            f"/v1/namespaces/{self._quoted}/schema",
            body,
        )
        return _update_schema.parse_response(client=self._client, response=response)

    def metadata(
        self,
    ) -> _get_metadata.ResponseType:
        """Get namespace metadata.

        Returns the namespace's schema, approximate size, timestamps, encryption, index state and,
        when set, pinning, sharding, branching and read-only state. Billed as a zero-row
        query.

        """
        response = self._send(
            "GET",
            f"/v2/namespaces/{self._quoted}/metadata",
            None,
        )
        return _get_metadata.parse_response(client=self._client, response=response)

    def update_metadata(
        self,
        *,
        pinning: bool | PinningConfigParam | None | None = None,
        read_only: bool | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> _update_metadata.ResponseType:
        """Update namespace metadata.

        Pins or unpins the namespace and makes it read-only or writable again. Absent fields keep
        their value. Returns the updated metadata. Billed as a zero-row query.

        Args:
            pinning: `true` pins with defaults, an object pins with that configuration, `false` or `null`
                unpins.
            read_only: `true` rejects document and schema writes (writes in flight may still commit);
                `false` allows them again.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "pinning": pinning,
                "read_only": read_only,
            },
            extra_body,
        )
        response = self._send(
            "PATCH",
            f"/v1/namespaces/{self._quoted}/metadata",
            body,
        )
        return _update_metadata.parse_response(client=self._client, response=response)

    def hint_cache_warm(
        self,
    ) -> _hint_cache_warm.ResponseType:
        """Warm the namespace cache.

        Asks the server to load the namespace into cache for upcoming low-latency queries. Free when
        the namespace is already warm or warming; otherwise billed as a zero-row query. The
        202 answer carries no `Preference-Applied` header: it is the final result.

        """
        response = self._send(
            "GET",
            f"/v1/namespaces/{self._quoted}/hint_cache_warm",
            None,
        )
        return _hint_cache_warm.parse_response(client=self._client, response=response)

    def recall(
        self,
        *,
        num: int | None | None = None,
        top_k: int | None = None,
        filters: lang_types.Filter | None = None,
        rank_by: lang_types.RankBy | None = None,
        include_ground_truth: bool | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> _recall.ResponseType:
        """Evaluate ANN recall.

        Samples `num` stored vectors (or uses `rank_by`), runs each as an approximate (ANN) and an
        exhaustive search, and reports recall@`top_k` = |ANN ∩ exact| / |exact|, averaged.
        May run asynchronously when the request sends `Prefer: respond-async`.

        Args:
            num: The number of sampled searches; must be `null` or 1 with `rank_by`.
            top_k: Neighbours per search (recall@top_k).
            filters: A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical combination.
                Used by `filters`, `delete_by_filter`, `patch_by_filter.filters`,
                the `*_condition` write fields, recall, and as a 0/1 term inside
                score expressions. `attribute` may be `id`. Operands must have the
                attribute's type; in write conditions they may be `{"$ref_new":
                attr}`.
            rank_by: How to rank documents: vector search (`ANN`, `kNN`, `SparseKNN`), a score expression
                (BM25 and friends; higher is better), or attribute order.
            include_ground_truth: Add the query vectors and their exact nearest neighbours to the response.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "num": num,
                "top_k": top_k,
                "filters": filters,
                "rank_by": rank_by,
                "include_ground_truth": include_ground_truth,
            },
            extra_body,
        )
        response = self._send(
            "POST",
            f"/v1/namespaces/{self._quoted}/_debug/recall",
            body,
        )
        return _recall.parse_response(client=self._client, response=response)

    def exists(self) -> bool:
        """Whether the namespace exists (``GET /v1/namespaces/{namespace}/schema``: 404 means no)."""
        try:
            self._send("GET", f"/v1/namespaces/{self._quoted}/schema")
        except errors.NotFoundError:
            return False
        return True


class AsyncNamespace:
    """A handle on one namespace (asynchronous): each method fills ``{namespace}``.

    Get one with ``client.namespace("name")``; creating a handle sends nothing (a namespace comes into
    existence with its first write). Every method raises a typed :mod:`.errors` exception on failure.
    """

    __slots__ = ("_client", "_name", "_quoted")

    def __init__(self, client: Client, name: str) -> None:
        _check_name(name)
        self._client = client
        self._name = name
        self._quoted = quote(name, safe="")

    @property
    def name(self) -> str:
        return self._name

    @property
    def id(self) -> str:
        """The namespace name (the official client calls it ``id``)."""
        return self._name

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._name!r})"

    async def _send(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        http = self._client.get_async_httpx_client()
        if body is None:
            response = await http.request(method, path, headers=headers)
        else:
            response = await http.request(
                method, path, content=dumps(body), headers={**_JSON_CONTENT, **(headers or {})}
            )
        if not 200 <= response.status_code < 300:
            await response.aread()
            raise errors.error_for_response(response)
        return response

    async def write(
        self,
        *,
        upsert_rows: Sequence[Mapping[str, Any]] | None = None,
        upsert_columns: Mapping[str, Any] | None = None,
        patch_rows: Sequence[Mapping[str, Any]] | None = None,
        patch_columns: Mapping[str, Any] | None = None,
        deletes: Sequence[int | str] | None = None,
        upsert_condition: lang_types.Filter | None = None,
        patch_condition: lang_types.Filter | None = None,
        delete_condition: lang_types.Filter | None = None,
        delete_by_filter: lang_types.Filter | None = None,
        delete_by_filter_allow_partial: bool | None = None,
        patch_by_filter: PatchByFilterParam | None = None,
        patch_by_filter_allow_partial: bool | None = None,
        return_affected_ids: bool | None = None,
        distance_metric: Literal["cosine_distance", "euclidean_squared"] | None = None,
        schema: SchemaUpdateParam | None = None,
        copy_from_namespace: CopyFromNamespaceParam | None = None,
        branch_from_namespace: BranchFromNamespaceParam | None = None,
        encryption: EncryptionParam | None = None,
        sharding: ShardingConfigParam | None = None,
        disable_backpressure: bool | None = None,
        create_namespace: bool | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> WriteResult:
        """Write documents.

        Waits for the result and returns the :class:`WriteResult`; to run it in the background,
        use ``write_async_start()``.

        Creates, updates or deletes documents in one atomic request, creating the namespace on its
        first write. Inside a request, `delete_by_filter` runs first, then
        `patch_by_filter`, then the ID-addressed upserts, patches and deletes; a document ID
        may appear only once across all ID-addressed operations. Schema changes in the same
        request apply before documents are validated. The same endpoint copies
        (`copy_from_namespace`) or branches (`branch_from_namespace`) another namespace into
        this empty one.

        The official SDK sends `?stainless_overload=copyFrom|branchFrom` for its copy and branch
        helpers; the server ignores that query parameter and dispatches on the body.

        Args:
            upsert_rows: Documents to create or replace whole.
            upsert_columns: Documents in column form: every key is an attribute mapped to one value per
                document, `id` holding the IDs. All arrays have the same length;
                `null` means no value.
            patch_rows: Partial updates of existing documents (missing IDs are ignored; vectors cannot be
                patched).
            patch_columns: Documents in column form: every key is an attribute mapped to one value per
                document, `id` holding the IDs. All arrays have the same length;
                `null` means no value.
            deletes: IDs of documents to delete (missing IDs are not an error).
            upsert_condition: Upsert an existing document only when this filter matches its current value
                (`$ref_new` = the new value). Missing documents are upserted
                unconditionally.
            patch_condition: Patch a document only when this filter matches its current value. Not applied to
                `patch_by_filter`.
            delete_condition: Delete a document only when this filter matches its current value (`$ref_new` is
                null). Not applied to `delete_by_filter`.
            delete_by_filter: Delete every document matching this filter (at most 5,000,000 per request). Runs
                before all other operations.
            delete_by_filter_allow_partial: When more documents match than the limit, delete up to the limit and report
                `rows_remaining` instead of failing.
            patch_by_filter: Set the attributes in `patch` on every document matching `filters` (at most 50,000
                per request; vector attributes cannot be patched).
            patch_by_filter_allow_partial: When more documents match than the limit, patch up to the limit and report
                `rows_remaining` instead of failing.
            return_affected_ids: Return `upserted_ids`, `patched_ids` and `deleted_ids` (only writes that happened).
            distance_metric: The dense-vector distance: `cosine_distance` = 1 − cos(x, y) in [0, 2];
                `euclidean_squared` = Σ (x_i − y_i)². Lower is closer.
            schema: Attribute name to schema (a type string, a configuration, or a drop).
            copy_from_namespace: The namespace to copy every document from into this empty one: a name (same
                organisation and region) or an object for cross-organisation /
                cross-region copies.
            branch_from_namespace: The namespace to create an instant copy-on-write clone of (not for sharded
                namespaces).
            encryption: How the namespace's data is encrypted at rest.
            sharding: Partition the namespace over several shards. Only on its first write (or with
                `copy_from_namespace`); cannot change later.
            disable_backpressure: Skip the 429 backpressure on upserts and deletes by ID while too much data is
                unindexed (strong queries may then fail with 429).
            create_namespace: `true` creates the namespace even when nothing is written (the schema must then
                declare the `id` type); `false` never creates it (404 if missing);
                absent creates it on the first write of documents.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "upsert_rows": upsert_rows,
                "upsert_columns": upsert_columns,
                "patch_rows": patch_rows,
                "patch_columns": patch_columns,
                "deletes": deletes,
                "upsert_condition": upsert_condition,
                "patch_condition": patch_condition,
                "delete_condition": delete_condition,
                "delete_by_filter": delete_by_filter,
                "delete_by_filter_allow_partial": delete_by_filter_allow_partial,
                "patch_by_filter": patch_by_filter,
                "patch_by_filter_allow_partial": patch_by_filter_allow_partial,
                "return_affected_ids": return_affected_ids,
                "distance_metric": distance_metric,
                "schema": schema,
                "copy_from_namespace": copy_from_namespace,
                "branch_from_namespace": branch_from_namespace,
                "encryption": encryption,
                "sharding": sharding,
                "disable_backpressure": disable_backpressure,
                "create_namespace": create_namespace,
            },
            extra_body,
        )
        body = prepare_write_body(body)
        response = await self._send(
            "POST",
            f"/v2/namespaces/{self._quoted}",
            body,
        )
        result = _write.parse_response(client=self._client, response=response)
        if not isinstance(result, WriteResult):  # a 202 answers only `Prefer: respond-async`
            raise errors.invalid_response(
                response, TypeError(f"expected WriteResult, got {type(result).__name__}")
            )
        return result

    async def write_async_start(
        self,
        *,
        upsert_rows: Sequence[Mapping[str, Any]] | None = None,
        upsert_columns: Mapping[str, Any] | None = None,
        patch_rows: Sequence[Mapping[str, Any]] | None = None,
        patch_columns: Mapping[str, Any] | None = None,
        deletes: Sequence[int | str] | None = None,
        upsert_condition: lang_types.Filter | None = None,
        patch_condition: lang_types.Filter | None = None,
        delete_condition: lang_types.Filter | None = None,
        delete_by_filter: lang_types.Filter | None = None,
        delete_by_filter_allow_partial: bool | None = None,
        patch_by_filter: PatchByFilterParam | None = None,
        patch_by_filter_allow_partial: bool | None = None,
        return_affected_ids: bool | None = None,
        distance_metric: Literal["cosine_distance", "euclidean_squared"] | None = None,
        schema: SchemaUpdateParam | None = None,
        copy_from_namespace: CopyFromNamespaceParam | None = None,
        branch_from_namespace: BranchFromNamespaceParam | None = None,
        encryption: EncryptionParam | None = None,
        sharding: ShardingConfigParam | None = None,
        disable_backpressure: bool | None = None,
        create_namespace: bool | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> _write.ResponseType:
        """Write documents.

        Asks to run it in the background (``Prefer: respond-async``): returns :class:`AsyncAccepted`
        (poll ``operations/{token}``) when the server honours that, otherwise the synchronous result
        (a hint the server may ignore). Same arguments as the synchronous method.

        Creates, updates or deletes documents in one atomic request, creating the namespace on its
        first write. Inside a request, `delete_by_filter` runs first, then
        `patch_by_filter`, then the ID-addressed upserts, patches and deletes; a document ID
        may appear only once across all ID-addressed operations. Schema changes in the same
        request apply before documents are validated. The same endpoint copies
        (`copy_from_namespace`) or branches (`branch_from_namespace`) another namespace into
        this empty one.

        The official SDK sends `?stainless_overload=copyFrom|branchFrom` for its copy and branch
        helpers; the server ignores that query parameter and dispatches on the body.

        Args:
            upsert_rows: Documents to create or replace whole.
            upsert_columns: Documents in column form: every key is an attribute mapped to one value per
                document, `id` holding the IDs. All arrays have the same length;
                `null` means no value.
            patch_rows: Partial updates of existing documents (missing IDs are ignored; vectors cannot be
                patched).
            patch_columns: Documents in column form: every key is an attribute mapped to one value per
                document, `id` holding the IDs. All arrays have the same length;
                `null` means no value.
            deletes: IDs of documents to delete (missing IDs are not an error).
            upsert_condition: Upsert an existing document only when this filter matches its current value
                (`$ref_new` = the new value). Missing documents are upserted
                unconditionally.
            patch_condition: Patch a document only when this filter matches its current value. Not applied to
                `patch_by_filter`.
            delete_condition: Delete a document only when this filter matches its current value (`$ref_new` is
                null). Not applied to `delete_by_filter`.
            delete_by_filter: Delete every document matching this filter (at most 5,000,000 per request). Runs
                before all other operations.
            delete_by_filter_allow_partial: When more documents match than the limit, delete up to the limit and report
                `rows_remaining` instead of failing.
            patch_by_filter: Set the attributes in `patch` on every document matching `filters` (at most 50,000
                per request; vector attributes cannot be patched).
            patch_by_filter_allow_partial: When more documents match than the limit, patch up to the limit and report
                `rows_remaining` instead of failing.
            return_affected_ids: Return `upserted_ids`, `patched_ids` and `deleted_ids` (only writes that happened).
            distance_metric: The dense-vector distance: `cosine_distance` = 1 − cos(x, y) in [0, 2];
                `euclidean_squared` = Σ (x_i − y_i)². Lower is closer.
            schema: Attribute name to schema (a type string, a configuration, or a drop).
            copy_from_namespace: The namespace to copy every document from into this empty one: a name (same
                organisation and region) or an object for cross-organisation /
                cross-region copies.
            branch_from_namespace: The namespace to create an instant copy-on-write clone of (not for sharded
                namespaces).
            encryption: How the namespace's data is encrypted at rest.
            sharding: Partition the namespace over several shards. Only on its first write (or with
                `copy_from_namespace`); cannot change later.
            disable_backpressure: Skip the 429 backpressure on upserts and deletes by ID while too much data is
                unindexed (strong queries may then fail with 429).
            create_namespace: `true` creates the namespace even when nothing is written (the schema must then
                declare the `id` type); `false` never creates it (404 if missing);
                absent creates it on the first write of documents.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "upsert_rows": upsert_rows,
                "upsert_columns": upsert_columns,
                "patch_rows": patch_rows,
                "patch_columns": patch_columns,
                "deletes": deletes,
                "upsert_condition": upsert_condition,
                "patch_condition": patch_condition,
                "delete_condition": delete_condition,
                "delete_by_filter": delete_by_filter,
                "delete_by_filter_allow_partial": delete_by_filter_allow_partial,
                "patch_by_filter": patch_by_filter,
                "patch_by_filter_allow_partial": patch_by_filter_allow_partial,
                "return_affected_ids": return_affected_ids,
                "distance_metric": distance_metric,
                "schema": schema,
                "copy_from_namespace": copy_from_namespace,
                "branch_from_namespace": branch_from_namespace,
                "encryption": encryption,
                "sharding": sharding,
                "disable_backpressure": disable_backpressure,
                "create_namespace": create_namespace,
            },
            extra_body,
        )
        body = prepare_write_body(body)
        response = await self._send(
            "POST",
            f"/v2/namespaces/{self._quoted}",
            body,
            _RESPOND_ASYNC,
        )
        return _write.parse_response(client=self._client, response=response)

    async def query(
        self,
        *,
        rank_by: lang_types.RankBy | None = None,
        filters: lang_types.Filter | None = None,
        limit: QueryLimitParam | None = None,
        top_k: int | None = None,
        offset: int | None = None,
        include_attributes: bool | Sequence[str] | None = None,
        exclude_attributes: Sequence[str] | None = None,
        compute_attributes: Mapping[str, lang_types.Expr] | None = None,
        aggregate_by: Mapping[str, lang_types.AggregateBy] | None = None,
        group_by: Sequence[lang_types.GroupBy] | None = None,
        distance_metric: Literal["cosine_distance", "euclidean_squared"] | None = None,
        vector_encoding: Literal["float", "base64"] | None = None,
        consistency: ConsistencyParam | None = None,
        rerank_by: RerankByModelParam | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> QueryResult:
        """Query documents.

        Runs one query (`QueryRequest`) or several queries on one consistent snapshot
        (`MultiQueryRequest`, told apart by the `queries` field) and returns the matching
        rows, aggregations or aggregation groups.

        A single query ranks with `rank_by` (vector ANN/kNN, sparse kNN, BM25 and score expressions,
        attribute order), filters with `filters`, limits with `limit`/`top_k` and `offset`,
        selects attributes with `include_attributes`/`exclude_attributes` and adds
        `compute_attributes`; or it aggregates (`aggregate_by`, optionally `group_by`). A
        multi-query may fuse its sub-queries' rows with `rerank_by: ["RRF"]`.

        The official SDK sends `?stainless_overload=multiQuery` for multi-queries; the server
        ignores that query parameter and dispatches on the body. Multi-queries may also be
        sent to `POST /v2/namespaces/{namespace}/multi-query`, which takes only them.

        Args:
            rank_by: How to rank documents: vector search (`ANN`, `kNN`, `SparseKNN`), a score expression
                (BM25 and friends; higher is better), or attribute order.
            filters: A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical combination.
                Used by `filters`, `delete_by_filter`, `patch_by_filter.filters`,
                the `*_condition` write fields, recall, and as a 0/1 term inside
                score expressions. `attribute` may be `id`. Operands must have the
                attribute's type; in write conditions they may be `{"$ref_new":
                attr}`.
            limit: The maximum number of results: an integer, or `{total, per?}` with per-value
                diversification. Required with `rank_by` (or send `top_k`). For
                grouped aggregations, the maximum number of groups.
            top_k: The number of results to return (an alias of `limit.total`).
            offset: Skip this many ranked results (`limit + offset` must be below 10,000; not with
                aggregations).
            include_attributes: `true` returns every attribute (vectors included), `false` only `id`, a list exactly
                those attributes (each one only in rows of documents that have a
                value for it: nulls are omitted). Not with `aggregate_by`.
            exclude_attributes: Return every attribute except these (unknown names are ignored). Not together with
                `include_attributes`.
            compute_attributes: Extra values computed per returned row, by output name (at most 256). They never
                affect matching or ranking.
            aggregate_by: Aggregations over every document matching `filters`, by output label (at most 8).
                Not with `rank_by`, `include_attributes` or `offset`.
            group_by: Group keys for `aggregate_by`; one result object per distinct key, sorted by key.
            distance_metric: The dense-vector distance: `cosine_distance` = 1 − cos(x, y) in [0, 2];
                `euclidean_squared` = Σ (x_i − y_i)². Lower is closer.
            vector_encoding: How vectors are encoded in responses.
            consistency: Read consistency: `strong` (default) sees every acknowledged write; `eventual` may
                be slightly stale but avoids a round-trip to object storage. `level`
                is optional: `{}` is the default, strong.
            rerank_by: Re-rank the retrieved rows with a re-ranking model that scores a string attribute
                against a query text.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "rank_by": rank_by,
                "filters": filters,
                "limit": limit,
                "top_k": top_k,
                "offset": offset,
                "include_attributes": include_attributes,
                "exclude_attributes": exclude_attributes,
                "compute_attributes": compute_attributes,
                "aggregate_by": aggregate_by,
                "group_by": group_by,
                "distance_metric": distance_metric,
                "vector_encoding": vector_encoding,
                "consistency": consistency,
                "rerank_by": rerank_by,
            },
            extra_body,
        )
        response = await self._send(
            "POST",
            f"/v2/namespaces/{self._quoted}/query",
            body,
        )
        return _parsed(response, QueryResult.from_json)

    async def multi_query(
        self,
        *,
        queries: Sequence[SubQueryParam],
        rerank_by: lang_types.RerankBy | None = None,
        limit: RerankLimitParam | None = None,
        offset: int | None = None,
        consistency: ConsistencyParam | None = None,
        vector_encoding: Literal["float", "base64"] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> MultiQueryResult:
        """Query documents.

        Runs one query (`QueryRequest`) or several queries on one consistent snapshot
        (`MultiQueryRequest`, told apart by the `queries` field) and returns the matching
        rows, aggregations or aggregation groups.

        A single query ranks with `rank_by` (vector ANN/kNN, sparse kNN, BM25 and score expressions,
        attribute order), filters with `filters`, limits with `limit`/`top_k` and `offset`,
        selects attributes with `include_attributes`/`exclude_attributes` and adds
        `compute_attributes`; or it aggregates (`aggregate_by`, optionally `group_by`). A
        multi-query may fuse its sub-queries' rows with `rerank_by: ["RRF"]`.

        The official SDK sends `?stainless_overload=multiQuery` for multi-queries; the server
        ignores that query parameter and dispatches on the body. Multi-queries may also be
        sent to `POST /v2/namespaces/{namespace}/multi-query`, which takes only them.

        Args:
            queries: The sub-queries; `results[i]` answers `queries[i]`.
            rerank_by: How a multi-query combines its sub-queries' rows into one ranked list.
            limit: The maximum number of fused (re-ranked) rows of a multi-query.
            offset: Skip this many fused rows (requires `rerank_by` and `limit`).
            consistency: Read consistency: `strong` (default) sees every acknowledged write; `eventual` may
                be slightly stale but avoids a round-trip to object storage. `level`
                is optional: `{}` is the default, strong.
            vector_encoding: How vectors are encoded in responses.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "queries": queries,
                "rerank_by": rerank_by,
                "limit": limit,
                "offset": offset,
                "consistency": consistency,
                "vector_encoding": vector_encoding,
            },
            extra_body,
        )
        response = await self._send(
            "POST",
            f"/v2/namespaces/{self._quoted}/query",
            body,
        )
        return _parsed(response, MultiQueryResult.from_json)

    async def explain_query(
        self,
        *,
        rank_by: lang_types.RankBy | None = None,
        filters: lang_types.Filter | None = None,
        limit: QueryLimitParam | None = None,
        top_k: int | None = None,
        offset: int | None = None,
        include_attributes: bool | Sequence[str] | None = None,
        exclude_attributes: Sequence[str] | None = None,
        compute_attributes: Mapping[str, lang_types.Expr] | None = None,
        aggregate_by: Mapping[str, lang_types.AggregateBy] | None = None,
        group_by: Sequence[lang_types.GroupBy] | None = None,
        distance_metric: Literal["cosine_distance", "euclidean_squared"] | None = None,
        vector_encoding: Literal["float", "base64"] | None = None,
        consistency: ConsistencyParam | None = None,
        rerank_by: RerankByModelParam | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> _explain_query.ResponseType:
        """Explain a query plan.

        Returns a textual plan of how a single query would run, without running it. The body is the
        same as a single query's. The plan text's format is descriptive and may change.

        Args:
            rank_by: How to rank documents: vector search (`ANN`, `kNN`, `SparseKNN`), a score expression
                (BM25 and friends; higher is better), or attribute order.
            filters: A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical combination.
                Used by `filters`, `delete_by_filter`, `patch_by_filter.filters`,
                the `*_condition` write fields, recall, and as a 0/1 term inside
                score expressions. `attribute` may be `id`. Operands must have the
                attribute's type; in write conditions they may be `{"$ref_new":
                attr}`.
            limit: The maximum number of results: an integer, or `{total, per?}` with per-value
                diversification. Required with `rank_by` (or send `top_k`). For
                grouped aggregations, the maximum number of groups.
            top_k: The number of results to return (an alias of `limit.total`).
            offset: Skip this many ranked results (`limit + offset` must be below 10,000; not with
                aggregations).
            include_attributes: `true` returns every attribute (vectors included), `false` only `id`, a list exactly
                those attributes (each one only in rows of documents that have a
                value for it: nulls are omitted). Not with `aggregate_by`.
            exclude_attributes: Return every attribute except these (unknown names are ignored). Not together with
                `include_attributes`.
            compute_attributes: Extra values computed per returned row, by output name (at most 256). They never
                affect matching or ranking.
            aggregate_by: Aggregations over every document matching `filters`, by output label (at most 8).
                Not with `rank_by`, `include_attributes` or `offset`.
            group_by: Group keys for `aggregate_by`; one result object per distinct key, sorted by key.
            distance_metric: The dense-vector distance: `cosine_distance` = 1 − cos(x, y) in [0, 2];
                `euclidean_squared` = Σ (x_i − y_i)². Lower is closer.
            vector_encoding: How vectors are encoded in responses.
            consistency: Read consistency: `strong` (default) sees every acknowledged write; `eventual` may
                be slightly stale but avoids a round-trip to object storage. `level`
                is optional: `{}` is the default, strong.
            rerank_by: Re-rank the retrieved rows with a re-ranking model that scores a string attribute
                against a query text.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "rank_by": rank_by,
                "filters": filters,
                "limit": limit,
                "top_k": top_k,
                "offset": offset,
                "include_attributes": include_attributes,
                "exclude_attributes": exclude_attributes,
                "compute_attributes": compute_attributes,
                "aggregate_by": aggregate_by,
                "group_by": group_by,
                "distance_metric": distance_metric,
                "vector_encoding": vector_encoding,
                "consistency": consistency,
                "rerank_by": rerank_by,
            },
            extra_body,
        )
        response = await self._send(
            "POST",
            f"/v2/namespaces/{self._quoted}/explain_query",
            body,
        )
        return _explain_query.parse_response(client=self._client, response=response)

    async def delete_all(
        self,
    ) -> _delete_namespace.ResponseType:
        """Delete a namespace.

        Permanently deletes the namespace and all its documents. The name can be reused by writing
        to it again. Branches of this namespace, or the namespace it was branched from, are
        not affected.

        """
        response = await self._send(
            "DELETE",
            f"/v2/namespaces/{self._quoted}",
            None,
        )
        return _delete_namespace.parse_response(client=self._client, response=response)

    async def schema(
        self,
    ) -> _get_schema.ResponseType:
        """Get the namespace schema.

        Returns every attribute with its type and effective options (defaults written out). A 404
        means the namespace does not exist; the official SDK's `exists()` relies on that.

        """
        response = await self._send(
            "GET",
            f"/v1/namespaces/{self._quoted}/schema",
            None,
        )
        return _get_schema.parse_response(client=self._client, response=response)

    async def update_schema(
        self,
        schema: Mapping[str, AttributeSchemaParam],
    ) -> _update_schema.ResponseType:
        """Update the namespace schema.

        Adds attributes or changes index options of existing ones without writing documents. The
        body is the bare attribute map (not wrapped in `{"schema": ...}`). The namespace
        must exist (404 otherwise). Allowed changes: toggling `filterable`,
        `full_text_search` (and its parameters), `regex`, `glob`, `fuzzy`; adding or
        removing `embed`; adding attributes; dropping an attribute with `{"drop": true}`.
        Changing a type or vector settings is rejected. Returns the full schema.

        Args:
            schema: the request body.

        """
        body = dict(schema)
        response = await self._send(
            "POST",
            f"/v1/namespaces/{self._quoted}/schema",
            body,
        )
        return _update_schema.parse_response(client=self._client, response=response)

    async def metadata(
        self,
    ) -> _get_metadata.ResponseType:
        """Get namespace metadata.

        Returns the namespace's schema, approximate size, timestamps, encryption, index state and,
        when set, pinning, sharding, branching and read-only state. Billed as a zero-row
        query.

        """
        response = await self._send(
            "GET",
            f"/v2/namespaces/{self._quoted}/metadata",
            None,
        )
        return _get_metadata.parse_response(client=self._client, response=response)

    async def update_metadata(
        self,
        *,
        pinning: bool | PinningConfigParam | None | None = None,
        read_only: bool | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> _update_metadata.ResponseType:
        """Update namespace metadata.

        Pins or unpins the namespace and makes it read-only or writable again. Absent fields keep
        their value. Returns the updated metadata. Billed as a zero-row query.

        Args:
            pinning: `true` pins with defaults, an object pins with that configuration, `false` or `null`
                unpins.
            read_only: `true` rejects document and schema writes (writes in flight may still commit);
                `false` allows them again.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "pinning": pinning,
                "read_only": read_only,
            },
            extra_body,
        )
        response = await self._send(
            "PATCH",
            f"/v1/namespaces/{self._quoted}/metadata",
            body,
        )
        return _update_metadata.parse_response(client=self._client, response=response)

    async def hint_cache_warm(
        self,
    ) -> _hint_cache_warm.ResponseType:
        """Warm the namespace cache.

        Asks the server to load the namespace into cache for upcoming low-latency queries. Free when
        the namespace is already warm or warming; otherwise billed as a zero-row query. The
        202 answer carries no `Preference-Applied` header: it is the final result.

        """
        response = await self._send(
            "GET",
            f"/v1/namespaces/{self._quoted}/hint_cache_warm",
            None,
        )
        return _hint_cache_warm.parse_response(client=self._client, response=response)

    async def recall(
        self,
        *,
        num: int | None | None = None,
        top_k: int | None = None,
        filters: lang_types.Filter | None = None,
        rank_by: lang_types.RankBy | None = None,
        include_ground_truth: bool | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> _recall.ResponseType:
        """Evaluate ANN recall.

        Samples `num` stored vectors (or uses `rank_by`), runs each as an approximate (ANN) and an
        exhaustive search, and reports recall@`top_k` = |ANN ∩ exact| / |exact|, averaged.
        May run asynchronously when the request sends `Prefer: respond-async`.

        Args:
            num: The number of sampled searches; must be `null` or 1 with `rank_by`.
            top_k: Neighbours per search (recall@top_k).
            filters: A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical combination.
                Used by `filters`, `delete_by_filter`, `patch_by_filter.filters`,
                the `*_condition` write fields, recall, and as a 0/1 term inside
                score expressions. `attribute` may be `id`. Operands must have the
                attribute's type; in write conditions they may be `{"$ref_new":
                attr}`.
            rank_by: How to rank documents: vector search (`ANN`, `kNN`, `SparseKNN`), a score expression
                (BM25 and friends; higher is better), or attribute order.
            include_ground_truth: Add the query vectors and their exact nearest neighbours to the response.
            extra_body: fields to send that this client version does not know yet.

        """
        body = _body(
            {
                "num": num,
                "top_k": top_k,
                "filters": filters,
                "rank_by": rank_by,
                "include_ground_truth": include_ground_truth,
            },
            extra_body,
        )
        response = await self._send(
            "POST",
            f"/v1/namespaces/{self._quoted}/_debug/recall",
            body,
        )
        return _recall.parse_response(client=self._client, response=response)

    async def exists(self) -> bool:
        """Whether the namespace exists (``GET /v1/namespaces/{namespace}/schema``: 404 means no)."""
        try:
            await self._send("GET", f"/v1/namespaces/{self._quoted}/schema")
        except errors.NotFoundError:
            return False
        return True


__all__ = ["AsyncNamespace", "Namespace", "NAMESPACE_NAME_PATTERN"]
