# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from http import HTTPStatus
from typing import Any, TypeAlias

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_namespaces_result import ListNamespacesResult
from ...types import UNSET, Response, Unset

#: The parsed type of this operation's documented 2xx answers.
ResponseType: TypeAlias = ListNamespacesResult


def _get_kwargs(
    *,
    cursor: str | Unset = UNSET,
    prefix: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    accept_encoding: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_encoding, Unset):
        headers["Accept-Encoding"] = accept_encoding

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    params["prefix"] = prefix

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/namespaces",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ListNamespacesResult:
    """Parse a documented 2xx body; raise the typed exception for anything else."""
    errors.raise_for_status(response)
    try:
        if response.status_code == 200:
            response_200 = ListNamespacesResult.from_dict(response.json())

            return response_200

    except errors.RESPONSE_PARSE_ERRORS as exc:  # a 2xx body that is not the documented JSON
        raise errors.invalid_response(response, exc) from exc
    raise errors.UnexpectedStatus(response.status_code, response.content, response=response)


#: Public name of the parser, used by the namespace handle (which sends its own fast-encoded body).
parse_response = _parse_response


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ListNamespacesResult]:
    parsed = _parse_response(client=client, response=response)
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    prefix: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    accept_encoding: str | Unset = UNSET,
) -> Response[ListNamespacesResult]:
    """List namespaces

     Lists the organisation's namespaces in lexicographic order, one page at a time. Pass the
    previous page's `next_cursor` as `cursor` for the next page; `next_cursor` is absent on
    the last page. Needs an API key with list or admin permission.

    Args:
        cursor (str | Unset):
        prefix (str | Unset):
        page_size (int | Unset): How many namespaces per page. The server's default: `100`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[ListNamespacesResult]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        prefix=prefix,
        page_size=page_size,
        accept_encoding=accept_encoding,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    prefix: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    accept_encoding: str | Unset = UNSET,
) -> ListNamespacesResult:
    """List namespaces

     Lists the organisation's namespaces in lexicographic order, one page at a time. Pass the
    previous page's `next_cursor` as `cursor` for the next page; `next_cursor` is absent on
    the last page. Needs an API key with list or admin permission.

    Args:
        cursor (str | Unset):
        prefix (str | Unset):
        page_size (int | Unset): How many namespaces per page. The server's default: `100`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        ListNamespacesResult
    """

    return _parse_response(
        client=client,
        response=client.get_httpx_client().request(
            **_get_kwargs(
                cursor=cursor,
                prefix=prefix,
                page_size=page_size,
                accept_encoding=accept_encoding,
            )
        ),
    )


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    prefix: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    accept_encoding: str | Unset = UNSET,
) -> Response[ListNamespacesResult]:
    """List namespaces

     Lists the organisation's namespaces in lexicographic order, one page at a time. Pass the
    previous page's `next_cursor` as `cursor` for the next page; `next_cursor` is absent on
    the last page. Needs an API key with list or admin permission.

    Args:
        cursor (str | Unset):
        prefix (str | Unset):
        page_size (int | Unset): How many namespaces per page. The server's default: `100`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[ListNamespacesResult]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        prefix=prefix,
        page_size=page_size,
        accept_encoding=accept_encoding,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    prefix: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    accept_encoding: str | Unset = UNSET,
) -> ListNamespacesResult:
    """List namespaces

     Lists the organisation's namespaces in lexicographic order, one page at a time. Pass the
    previous page's `next_cursor` as `cursor` for the next page; `next_cursor` is absent on
    the last page. Needs an API key with list or admin permission.

    Args:
        cursor (str | Unset):
        prefix (str | Unset):
        page_size (int | Unset): How many namespaces per page. The server's default: `100`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        ListNamespacesResult
    """

    response = await client.get_async_httpx_client().request(
        **_get_kwargs(
            cursor=cursor,
            prefix=prefix,
            page_size=page_size,
            accept_encoding=accept_encoding,
        )
    )
    return _parse_response(client=client, response=response)
