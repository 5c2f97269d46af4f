# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from http import HTTPStatus
from typing import Any, TypeAlias
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.multi_query_request import MultiQueryRequest
from ...models.multi_query_result_model import MultiQueryResultModel
from ...types import UNSET, Response, Unset

#: The parsed type of this operation's documented 2xx answers.
ResponseType: TypeAlias = MultiQueryResultModel


def _get_kwargs(
    namespace: str,
    *,
    body: MultiQueryRequest,
    accept_encoding: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_encoding, Unset):
        headers["Accept-Encoding"] = accept_encoding

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/namespaces/{namespace}/multi-query".format(
            namespace=quote(str(namespace), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MultiQueryResultModel:
    """Parse a documented 2xx body; raise the typed exception for anything else."""
    errors.raise_for_status(response)
    try:
        if response.status_code == 200:
            response_200 = MultiQueryResultModel.from_dict(response.json())

            return response_200

    except errors.RESPONSE_PARSE_ERRORS as exc:  # a 2xx body that is not the documented JSON
        raise errors.invalid_response(response, exc) from exc
    raise errors.UnexpectedStatus(response.status_code, response.content, response=response)


#: Public name of the parser, used by the namespace handle (which sends its own fast-encoded body).
parse_response = _parse_response


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[MultiQueryResultModel]:
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
    body: MultiQueryRequest,
    accept_encoding: str | Unset = UNSET,
) -> Response[MultiQueryResultModel]:
    """Run several queries at once

     Runs up to 16 queries on one consistent snapshot of the namespace and returns one result
    per query, or, with `rerank_by: ["RRF"]`, their rows fused into one ranked list. Body and
    answer are those of a multi-query sent to `POST /v2/namespaces/{namespace}/query` (a body
    with `queries`); this path takes only multi-queries, so a body without `queries` is a 422.
    The official SDK sends its multi-queries to the `query` path.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        body (MultiQueryRequest): Up to 16 queries run on one consistent snapshot, optionally
            fused into one list with `rerank_by`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[MultiQueryResultModel]
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
    body: MultiQueryRequest,
    accept_encoding: str | Unset = UNSET,
) -> MultiQueryResultModel:
    """Run several queries at once

     Runs up to 16 queries on one consistent snapshot of the namespace and returns one result
    per query, or, with `rerank_by: ["RRF"]`, their rows fused into one ranked list. Body and
    answer are those of a multi-query sent to `POST /v2/namespaces/{namespace}/query` (a body
    with `queries`); this path takes only multi-queries, so a body without `queries` is a 422.
    The official SDK sends its multi-queries to the `query` path.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        body (MultiQueryRequest): Up to 16 queries run on one consistent snapshot, optionally
            fused into one list with `rerank_by`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        MultiQueryResultModel
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
    body: MultiQueryRequest,
    accept_encoding: str | Unset = UNSET,
) -> Response[MultiQueryResultModel]:
    """Run several queries at once

     Runs up to 16 queries on one consistent snapshot of the namespace and returns one result
    per query, or, with `rerank_by: ["RRF"]`, their rows fused into one ranked list. Body and
    answer are those of a multi-query sent to `POST /v2/namespaces/{namespace}/query` (a body
    with `queries`); this path takes only multi-queries, so a body without `queries` is a 422.
    The official SDK sends its multi-queries to the `query` path.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        body (MultiQueryRequest): Up to 16 queries run on one consistent snapshot, optionally
            fused into one list with `rerank_by`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[MultiQueryResultModel]
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
    body: MultiQueryRequest,
    accept_encoding: str | Unset = UNSET,
) -> MultiQueryResultModel:
    """Run several queries at once

     Runs up to 16 queries on one consistent snapshot of the namespace and returns one result
    per query, or, with `rerank_by: ["RRF"]`, their rows fused into one ranked list. Body and
    answer are those of a multi-query sent to `POST /v2/namespaces/{namespace}/query` (a body
    with `queries`); this path takes only multi-queries, so a body without `queries` is a 422.
    The official SDK sends its multi-queries to the `query` path.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        body (MultiQueryRequest): Up to 16 queries run on one consistent snapshot, optionally
            fused into one list with `rerank_by`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        MultiQueryResultModel
    """

    response = await client.get_async_httpx_client().request(
        **_get_kwargs(
            namespace=namespace,
            body=body,
            accept_encoding=accept_encoding,
        )
    )
    return _parse_response(client=client, response=response)
