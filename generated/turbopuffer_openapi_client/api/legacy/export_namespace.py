# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from http import HTTPStatus
from typing import Any, TypeAlias
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_not_ready import ExportNotReady
from ...models.export_page import ExportPage
from ...types import UNSET, Response, Unset

#: The parsed type of this operation's documented 2xx answers.
ResponseType: TypeAlias = ExportNotReady | ExportPage


def _get_kwargs(
    namespace: str,
    *,
    cursor: str | Unset = UNSET,
    accept_encoding: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_encoding, Unset):
        headers["Accept-Encoding"] = accept_encoding

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/namespaces/{namespace}".format(
            namespace=quote(str(namespace), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExportNotReady | ExportPage:
    """Parse a documented 2xx body; raise the typed exception for anything else."""
    errors.raise_for_status(response)
    try:
        if response.status_code == 200:
            response_200 = ExportPage.from_dict(response.json())

            return response_200

        if response.status_code == 202:
            response_202 = ExportNotReady.from_dict(response.json())

            return response_202

    except errors.RESPONSE_PARSE_ERRORS as exc:  # a 2xx body that is not the documented JSON
        raise errors.invalid_response(response, exc) from exc
    raise errors.UnexpectedStatus(response.status_code, response.content, response=response)


#: Public name of the parser, used by the namespace handle (which sends its own fast-encoded body).
parse_response = _parse_response


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ExportNotReady | ExportPage]:
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
    cursor: str | Unset = UNSET,
    accept_encoding: str | Unset = UNSET,
) -> Response[ExportNotReady | ExportPage]:
    """Export documents (legacy)

     Pages through every document in insertion order, column-oriented, up to 10,000 documents
    per page. The last page has `next_cursor: null`. May answer `202` while data is not ready:
    retry after a few seconds. Each page is billed as a query. Replaced by paging the query
    API: `rank_by: ["id", "asc"]`, `limit: N`, `filters: ["id", "Gt", <last id>]`.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        cursor (str | Unset):
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[ExportNotReady | ExportPage]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        cursor=cursor,
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
    cursor: str | Unset = UNSET,
    accept_encoding: str | Unset = UNSET,
) -> ExportNotReady | ExportPage:
    """Export documents (legacy)

     Pages through every document in insertion order, column-oriented, up to 10,000 documents
    per page. The last page has `next_cursor: null`. May answer `202` while data is not ready:
    retry after a few seconds. Each page is billed as a query. Replaced by paging the query
    API: `rank_by: ["id", "asc"]`, `limit: N`, `filters: ["id", "Gt", <last id>]`.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        cursor (str | Unset):
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        ExportNotReady | ExportPage
    """

    return _parse_response(
        client=client,
        response=client.get_httpx_client().request(
            **_get_kwargs(
                namespace=namespace,
                cursor=cursor,
                accept_encoding=accept_encoding,
            )
        ),
    )


async def asyncio_detailed(
    namespace: str,
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    accept_encoding: str | Unset = UNSET,
) -> Response[ExportNotReady | ExportPage]:
    """Export documents (legacy)

     Pages through every document in insertion order, column-oriented, up to 10,000 documents
    per page. The last page has `next_cursor: null`. May answer `202` while data is not ready:
    retry after a few seconds. Each page is billed as a query. Replaced by paging the query
    API: `rank_by: ["id", "asc"]`, `limit: N`, `filters: ["id", "Gt", <last id>]`.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        cursor (str | Unset):
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[ExportNotReady | ExportPage]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        cursor=cursor,
        accept_encoding=accept_encoding,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    namespace: str,
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    accept_encoding: str | Unset = UNSET,
) -> ExportNotReady | ExportPage:
    """Export documents (legacy)

     Pages through every document in insertion order, column-oriented, up to 10,000 documents
    per page. The last page has `next_cursor: null`. May answer `202` while data is not ready:
    retry after a few seconds. Each page is billed as a query. Replaced by paging the query
    API: `rank_by: ["id", "asc"]`, `limit: N`, `filters: ["id", "Gt", <last id>]`.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        cursor (str | Unset):
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        ExportNotReady | ExportPage
    """

    response = await client.get_async_httpx_client().request(
        **_get_kwargs(
            namespace=namespace,
            cursor=cursor,
            accept_encoding=accept_encoding,
        )
    )
    return _parse_response(client=client, response=response)
