# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from http import HTTPStatus
from typing import Any, TypeAlias
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.async_accepted import AsyncAccepted
from ...models.write_request import WriteRequest
from ...models.write_result import WriteResult
from ...types import UNSET, Response, Unset

#: The parsed type of this operation's documented 2xx answers.
ResponseType: TypeAlias = AsyncAccepted | WriteResult


def _get_kwargs(
    namespace: str,
    *,
    body: WriteRequest,
    accept_encoding: str | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_encoding, Unset):
        headers["Accept-Encoding"] = accept_encoding

    if not isinstance(prefer, Unset):
        headers["Prefer"] = prefer

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/namespaces/{namespace}".format(
            namespace=quote(str(namespace), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AsyncAccepted | WriteResult:
    """Parse a documented 2xx body; raise the typed exception for anything else."""
    errors.raise_for_status(response)
    try:
        if response.status_code == 200:
            response_200 = WriteResult.from_dict(response.json())

            return response_200

        if response.status_code == 202:
            response_202 = AsyncAccepted.from_dict(response.json())

            return response_202

    except errors.RESPONSE_PARSE_ERRORS as exc:  # a 2xx body that is not the documented JSON
        raise errors.invalid_response(response, exc) from exc
    raise errors.UnexpectedStatus(response.status_code, response.content, response=response)


#: Public name of the parser, used by the namespace handle (which sends its own fast-encoded body).
parse_response = _parse_response


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AsyncAccepted | WriteResult]:
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
    body: WriteRequest,
    accept_encoding: str | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> Response[AsyncAccepted | WriteResult]:
    """Write documents

     Creates, updates or deletes documents in one atomic request, creating the namespace on its
    first write. Inside a request, `delete_by_filter` runs first, then `patch_by_filter`, then
    the ID-addressed upserts, patches and deletes; a document ID may appear only once across
    all ID-addressed operations. Schema changes in the same request apply before documents are
    validated. The same endpoint copies (`copy_from_namespace`) or branches
    (`branch_from_namespace`) another namespace into this empty one.

    The official SDK sends `?stainless_overload=copyFrom|branchFrom` for its copy and branch
    helpers; the server ignores that query parameter and dispatches on the body.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        prefer (str | Unset):
        body (WriteRequest): A write. Every field is optional, but the request must have something
            to do. A write
            carrying `schema` but no document operation (rows, columns, deletes, by-filter writes)
            changes an existing namespace only: to a namespace that does not exist it is a 404, as
            for the schema endpoint (unless `create_namespace: true`).

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[AsyncAccepted | WriteResult]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        body=body,
        accept_encoding=accept_encoding,
        prefer=prefer,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    namespace: str,
    *,
    client: AuthenticatedClient,
    body: WriteRequest,
    accept_encoding: str | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> AsyncAccepted | WriteResult:
    """Write documents

     Creates, updates or deletes documents in one atomic request, creating the namespace on its
    first write. Inside a request, `delete_by_filter` runs first, then `patch_by_filter`, then
    the ID-addressed upserts, patches and deletes; a document ID may appear only once across
    all ID-addressed operations. Schema changes in the same request apply before documents are
    validated. The same endpoint copies (`copy_from_namespace`) or branches
    (`branch_from_namespace`) another namespace into this empty one.

    The official SDK sends `?stainless_overload=copyFrom|branchFrom` for its copy and branch
    helpers; the server ignores that query parameter and dispatches on the body.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        prefer (str | Unset):
        body (WriteRequest): A write. Every field is optional, but the request must have something
            to do. A write
            carrying `schema` but no document operation (rows, columns, deletes, by-filter writes)
            changes an existing namespace only: to a namespace that does not exist it is a 404, as
            for the schema endpoint (unless `create_namespace: true`).

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        AsyncAccepted | WriteResult
    """

    return _parse_response(
        client=client,
        response=client.get_httpx_client().request(
            **_get_kwargs(
                namespace=namespace,
                body=body,
                accept_encoding=accept_encoding,
                prefer=prefer,
            )
        ),
    )


async def asyncio_detailed(
    namespace: str,
    *,
    client: AuthenticatedClient,
    body: WriteRequest,
    accept_encoding: str | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> Response[AsyncAccepted | WriteResult]:
    """Write documents

     Creates, updates or deletes documents in one atomic request, creating the namespace on its
    first write. Inside a request, `delete_by_filter` runs first, then `patch_by_filter`, then
    the ID-addressed upserts, patches and deletes; a document ID may appear only once across
    all ID-addressed operations. Schema changes in the same request apply before documents are
    validated. The same endpoint copies (`copy_from_namespace`) or branches
    (`branch_from_namespace`) another namespace into this empty one.

    The official SDK sends `?stainless_overload=copyFrom|branchFrom` for its copy and branch
    helpers; the server ignores that query parameter and dispatches on the body.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        prefer (str | Unset):
        body (WriteRequest): A write. Every field is optional, but the request must have something
            to do. A write
            carrying `schema` but no document operation (rows, columns, deletes, by-filter writes)
            changes an existing namespace only: to a namespace that does not exist it is a 404, as
            for the schema endpoint (unless `create_namespace: true`).

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[AsyncAccepted | WriteResult]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        body=body,
        accept_encoding=accept_encoding,
        prefer=prefer,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    namespace: str,
    *,
    client: AuthenticatedClient,
    body: WriteRequest,
    accept_encoding: str | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> AsyncAccepted | WriteResult:
    """Write documents

     Creates, updates or deletes documents in one atomic request, creating the namespace on its
    first write. Inside a request, `delete_by_filter` runs first, then `patch_by_filter`, then
    the ID-addressed upserts, patches and deletes; a document ID may appear only once across
    all ID-addressed operations. Schema changes in the same request apply before documents are
    validated. The same endpoint copies (`copy_from_namespace`) or branches
    (`branch_from_namespace`) another namespace into this empty one.

    The official SDK sends `?stainless_overload=copyFrom|branchFrom` for its copy and branch
    helpers; the server ignores that query parameter and dispatches on the body.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        prefer (str | Unset):
        body (WriteRequest): A write. Every field is optional, but the request must have something
            to do. A write
            carrying `schema` but no document operation (rows, columns, deletes, by-filter writes)
            changes an existing namespace only: to a namespace that does not exist it is a 404, as
            for the schema endpoint (unless `create_namespace: true`).

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        AsyncAccepted | WriteResult
    """

    response = await client.get_async_httpx_client().request(
        **_get_kwargs(
            namespace=namespace,
            body=body,
            accept_encoding=accept_encoding,
            prefer=prefer,
        )
    )
    return _parse_response(client=client, response=response)
