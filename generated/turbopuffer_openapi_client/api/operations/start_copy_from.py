# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from http import HTTPStatus
from typing import Any, TypeAlias
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.start_copy_request import StartCopyRequest
from ...models.start_copy_result import StartCopyResult
from ...types import UNSET, Response, Unset

#: The parsed type of this operation's documented 2xx answers.
ResponseType: TypeAlias = StartCopyResult


def _get_kwargs(
    namespace: str,
    *,
    body: StartCopyRequest,
    accept_encoding: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_encoding, Unset):
        headers["Accept-Encoding"] = accept_encoding

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/namespaces/{namespace}/async".format(
            namespace=quote(str(namespace), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> StartCopyResult:
    """Parse a documented 2xx body; raise the typed exception for anything else."""
    errors.raise_for_status(response)
    try:
        if response.status_code == 202:
            response_202 = StartCopyResult.from_dict(response.json())

            return response_202

    except errors.RESPONSE_PARSE_ERRORS as exc:  # a 2xx body that is not the documented JSON
        raise errors.invalid_response(response, exc) from exc
    raise errors.UnexpectedStatus(response.status_code, response.content, response=response)


#: Public name of the parser, used by the namespace handle (which sends its own fast-encoded body).
parse_response = _parse_response


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[StartCopyResult]:
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
    body: StartCopyRequest,
    accept_encoding: str | Unset = UNSET,
) -> Response[StartCopyResult]:
    """Start an asynchronous copy

     Starts copying every document of another namespace into this empty namespace and returns
    at once with an operation token. Poll
    `GET /v1/namespaces/{namespace}/operations/{token}` for progress and the result. The body
    is the copy part of a write request. The official SDK appends
    `?stainless_overload=startCopyFrom`; the server ignores it. The answer is `202 Accepted`
    with the token in the body and the poll URL in `Location`; it carries no
    `Preference-Applied` header, so clients treat it as the final answer to this request.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        body (StartCopyRequest): The copy to start.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[StartCopyResult]
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
    body: StartCopyRequest,
    accept_encoding: str | Unset = UNSET,
) -> StartCopyResult:
    """Start an asynchronous copy

     Starts copying every document of another namespace into this empty namespace and returns
    at once with an operation token. Poll
    `GET /v1/namespaces/{namespace}/operations/{token}` for progress and the result. The body
    is the copy part of a write request. The official SDK appends
    `?stainless_overload=startCopyFrom`; the server ignores it. The answer is `202 Accepted`
    with the token in the body and the poll URL in `Location`; it carries no
    `Preference-Applied` header, so clients treat it as the final answer to this request.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        body (StartCopyRequest): The copy to start.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        StartCopyResult
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
    body: StartCopyRequest,
    accept_encoding: str | Unset = UNSET,
) -> Response[StartCopyResult]:
    """Start an asynchronous copy

     Starts copying every document of another namespace into this empty namespace and returns
    at once with an operation token. Poll
    `GET /v1/namespaces/{namespace}/operations/{token}` for progress and the result. The body
    is the copy part of a write request. The official SDK appends
    `?stainless_overload=startCopyFrom`; the server ignores it. The answer is `202 Accepted`
    with the token in the body and the poll URL in `Location`; it carries no
    `Preference-Applied` header, so clients treat it as the final answer to this request.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        body (StartCopyRequest): The copy to start.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[StartCopyResult]
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
    body: StartCopyRequest,
    accept_encoding: str | Unset = UNSET,
) -> StartCopyResult:
    """Start an asynchronous copy

     Starts copying every document of another namespace into this empty namespace and returns
    at once with an operation token. Poll
    `GET /v1/namespaces/{namespace}/operations/{token}` for progress and the result. The body
    is the copy part of a write request. The official SDK appends
    `?stainless_overload=startCopyFrom`; the server ignores it. The answer is `202 Accepted`
    with the token in the body and the poll URL in `Location`; it carries no
    `Preference-Applied` header, so clients treat it as the final answer to this request.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.
        body (StartCopyRequest): The copy to start.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        StartCopyResult
    """

    response = await client.get_async_httpx_client().request(
        **_get_kwargs(
            namespace=namespace,
            body=body,
            accept_encoding=accept_encoding,
        )
    )
    return _parse_response(client=client, response=response)
