# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from http import HTTPStatus
from typing import Any, TypeAlias
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.multi_query_request import MultiQueryRequest
from ...models.multi_query_result_model import MultiQueryResultModel
from ...models.query_request import QueryRequest
from ...models.query_result_model import QueryResultModel
from ...types import UNSET, Response, Unset

#: The parsed type of this operation's documented 2xx answers.
ResponseType: TypeAlias = MultiQueryResultModel | QueryResultModel


def _get_kwargs(
    namespace: str,
    *,
    body: MultiQueryRequest | QueryRequest,
    accept_encoding: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_encoding, Unset):
        headers["Accept-Encoding"] = accept_encoding

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/namespaces/{namespace}/query".format(
            namespace=quote(str(namespace), safe=""),
        ),
    }

    if isinstance(body, QueryRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MultiQueryResultModel | QueryResultModel:
    """Parse a documented 2xx body; raise the typed exception for anything else."""
    errors.raise_for_status(response)
    try:
        if response.status_code == 200:

            def _parse_response_200(data: object) -> MultiQueryResultModel | QueryResultModel:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_query_or_multi_query_result_type_0 = QueryResultModel.from_dict(data)

                    return componentsschemas_query_or_multi_query_result_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_query_or_multi_query_result_type_1 = MultiQueryResultModel.from_dict(data)

                return componentsschemas_query_or_multi_query_result_type_1

            response_200 = _parse_response_200(response.json())

            return response_200

    except errors.RESPONSE_PARSE_ERRORS as exc:  # a 2xx body that is not the documented JSON
        raise errors.invalid_response(response, exc) from exc
    raise errors.UnexpectedStatus(response.status_code, response.content, response=response)


#: Public name of the parser, used by the namespace handle (which sends its own fast-encoded body).
parse_response = _parse_response


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[MultiQueryResultModel | QueryResultModel]:
    parsed = _parse_response(client=client, response=response)
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    namespace: str,
    *,
    client: AuthenticatedClient,
    body: MultiQueryRequest | QueryRequest,
    accept_encoding: str | Unset = UNSET,
) -> Response[MultiQueryResultModel | QueryResultModel]:
    """Query documents

     Runs one query (`QueryRequest`) or several queries on one consistent snapshot
    (`MultiQueryRequest`, told apart by the `queries` field) and returns the matching rows,
    aggregations or aggregation groups.

    A single query ranks with `rank_by` (vector ANN/kNN, sparse kNN, BM25 and score
    expressions, attribute order), filters with `filters`, limits with `limit`/`top_k` and
    `offset`, selects attributes with `include_attributes`/`exclude_attributes` and adds
    `compute_attributes`; or it aggregates (`aggregate_by`, optionally `group_by`). A
    multi-query may fuse its sub-queries' rows with `rerank_by: ["RRF"]`.

    The official SDK sends `?stainless_overload=multiQuery` for multi-queries; the server
    ignores that query parameter and dispatches on the body. Multi-queries may also be sent to
    `POST /v2/namespaces/{namespace}/multi-query`, which takes only them.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        body (MultiQueryRequest | QueryRequest): A single query, or a multi-query (the body has
            `queries`).

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[MultiQueryResultModel | QueryResultModel]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        body=body,
        accept_encoding=accept_encoding,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    namespace: str,
    *,
    client: AuthenticatedClient,
    body: MultiQueryRequest | QueryRequest,
    accept_encoding: str | Unset = UNSET,
) -> MultiQueryResultModel | QueryResultModel:
    """Query documents

     Runs one query (`QueryRequest`) or several queries on one consistent snapshot
    (`MultiQueryRequest`, told apart by the `queries` field) and returns the matching rows,
    aggregations or aggregation groups.

    A single query ranks with `rank_by` (vector ANN/kNN, sparse kNN, BM25 and score
    expressions, attribute order), filters with `filters`, limits with `limit`/`top_k` and
    `offset`, selects attributes with `include_attributes`/`exclude_attributes` and adds
    `compute_attributes`; or it aggregates (`aggregate_by`, optionally `group_by`). A
    multi-query may fuse its sub-queries' rows with `rerank_by: ["RRF"]`.

    The official SDK sends `?stainless_overload=multiQuery` for multi-queries; the server
    ignores that query parameter and dispatches on the body. Multi-queries may also be sent to
    `POST /v2/namespaces/{namespace}/multi-query`, which takes only them.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        body (MultiQueryRequest | QueryRequest): A single query, or a multi-query (the body has
            `queries`).

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        MultiQueryResultModel | QueryResultModel
    """

    return _parse_response(
        client=client,
        response=client.get_httpx_client().request(
            **_get_kwargs(
                namespace=namespace,
                body=body,
                accept_encoding=accept_encoding,
            )
        ),
    )


async def asyncio_detailed(
    namespace: str,
    *,
    client: AuthenticatedClient,
    body: MultiQueryRequest | QueryRequest,
    accept_encoding: str | Unset = UNSET,
) -> Response[MultiQueryResultModel | QueryResultModel]:
    """Query documents

     Runs one query (`QueryRequest`) or several queries on one consistent snapshot
    (`MultiQueryRequest`, told apart by the `queries` field) and returns the matching rows,
    aggregations or aggregation groups.

    A single query ranks with `rank_by` (vector ANN/kNN, sparse kNN, BM25 and score
    expressions, attribute order), filters with `filters`, limits with `limit`/`top_k` and
    `offset`, selects attributes with `include_attributes`/`exclude_attributes` and adds
    `compute_attributes`; or it aggregates (`aggregate_by`, optionally `group_by`). A
    multi-query may fuse its sub-queries' rows with `rerank_by: ["RRF"]`.

    The official SDK sends `?stainless_overload=multiQuery` for multi-queries; the server
    ignores that query parameter and dispatches on the body. Multi-queries may also be sent to
    `POST /v2/namespaces/{namespace}/multi-query`, which takes only them.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        body (MultiQueryRequest | QueryRequest): A single query, or a multi-query (the body has
            `queries`).

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[MultiQueryResultModel | QueryResultModel]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        body=body,
        accept_encoding=accept_encoding,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    namespace: str,
    *,
    client: AuthenticatedClient,
    body: MultiQueryRequest | QueryRequest,
    accept_encoding: str | Unset = UNSET,
) -> MultiQueryResultModel | QueryResultModel:
    """Query documents

     Runs one query (`QueryRequest`) or several queries on one consistent snapshot
    (`MultiQueryRequest`, told apart by the `queries` field) and returns the matching rows,
    aggregations or aggregation groups.

    A single query ranks with `rank_by` (vector ANN/kNN, sparse kNN, BM25 and score
    expressions, attribute order), filters with `filters`, limits with `limit`/`top_k` and
    `offset`, selects attributes with `include_attributes`/`exclude_attributes` and adds
    `compute_attributes`; or it aggregates (`aggregate_by`, optionally `group_by`). A
    multi-query may fuse its sub-queries' rows with `rerank_by: ["RRF"]`.

    The official SDK sends `?stainless_overload=multiQuery` for multi-queries; the server
    ignores that query parameter and dispatches on the body. Multi-queries may also be sent to
    `POST /v2/namespaces/{namespace}/multi-query`, which takes only them.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        body (MultiQueryRequest | QueryRequest): A single query, or a multi-query (the body has
            `queries`).

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        MultiQueryResultModel | QueryResultModel
    """

    response = await client.get_async_httpx_client().request(
        **_get_kwargs(
            namespace=namespace,
            body=body,
            accept_encoding=accept_encoding,
        )
    )
    return _parse_response(client=client, response=response)
