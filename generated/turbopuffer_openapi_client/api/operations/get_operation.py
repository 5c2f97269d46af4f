# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from http import HTTPStatus
from typing import Any, TypeAlias
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.async_operation_finished import AsyncOperationFinished
from ...models.async_operation_running import AsyncOperationRunning
from ...types import UNSET, Response, Unset

#: The parsed type of this operation's documented 2xx answers.
ResponseType: TypeAlias = AsyncOperationFinished | AsyncOperationRunning


def _get_kwargs(
    namespace: str,
    token: str,
    *,
    accept_encoding: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_encoding, Unset):
        headers["Accept-Encoding"] = accept_encoding

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/namespaces/{namespace}/operations/{token}".format(
            namespace=quote(str(namespace), safe=""),
            token=quote(str(token), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AsyncOperationFinished | AsyncOperationRunning:
    """Parse a documented 2xx body; raise the typed exception for anything else."""
    errors.raise_for_status(response)
    try:
        if response.status_code == 200:

            def _parse_response_200(data: object) -> AsyncOperationFinished | AsyncOperationRunning:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_async_operation_type_0 = AsyncOperationRunning.from_dict(data)

                    return componentsschemas_async_operation_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_async_operation_type_1 = AsyncOperationFinished.from_dict(data)

                return componentsschemas_async_operation_type_1

            response_200 = _parse_response_200(response.json())

            return response_200

    except errors.RESPONSE_PARSE_ERRORS as exc:  # a 2xx body that is not the documented JSON
        raise errors.invalid_response(response, exc) from exc
    raise errors.UnexpectedStatus(response.status_code, response.content, response=response)


#: Public name of the parser, used by the namespace handle (which sends its own fast-encoded body).
parse_response = _parse_response


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AsyncOperationFinished | AsyncOperationRunning]:
    parsed = _parse_response(client=client, response=response)
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    namespace: str,
    token: str,
    *,
    client: AuthenticatedClient,
    accept_encoding: str | Unset = UNSET,
) -> Response[AsyncOperationFinished | AsyncOperationRunning]:
    """Poll an asynchronous operation

     Returns the state of an operation started asynchronously (a `202` answer's `Location`, or
    the token of `startCopyFrom`): `running`, or `finished` with either the operation's normal
    success body or its error. Clients should treat `Location` as opaque and follow it. The
    official SDK appends `?stainless_overload=pollCopyFrom`; the server ignores it.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        token (str):
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[AsyncOperationFinished | AsyncOperationRunning]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        token=token,
        accept_encoding=accept_encoding,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    namespace: str,
    token: str,
    *,
    client: AuthenticatedClient,
    accept_encoding: str | Unset = UNSET,
) -> AsyncOperationFinished | AsyncOperationRunning:
    """Poll an asynchronous operation

     Returns the state of an operation started asynchronously (a `202` answer's `Location`, or
    the token of `startCopyFrom`): `running`, or `finished` with either the operation's normal
    success body or its error. Clients should treat `Location` as opaque and follow it. The
    official SDK appends `?stainless_overload=pollCopyFrom`; the server ignores it.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        token (str):
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        AsyncOperationFinished | AsyncOperationRunning
    """

    return _parse_response(
        client=client,
        response=client.get_httpx_client().request(
            **_get_kwargs(
                namespace=namespace,
                token=token,
                accept_encoding=accept_encoding,
            )
        ),
    )


async def asyncio_detailed(
    namespace: str,
    token: str,
    *,
    client: AuthenticatedClient,
    accept_encoding: str | Unset = UNSET,
) -> Response[AsyncOperationFinished | AsyncOperationRunning]:
    """Poll an asynchronous operation

     Returns the state of an operation started asynchronously (a `202` answer's `Location`, or
    the token of `startCopyFrom`): `running`, or `finished` with either the operation's normal
    success body or its error. Clients should treat `Location` as opaque and follow it. The
    official SDK appends `?stainless_overload=pollCopyFrom`; the server ignores it.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        token (str):
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        Response[AsyncOperationFinished | AsyncOperationRunning]
    """

    kwargs = _get_kwargs(
        namespace=namespace,
        token=token,
        accept_encoding=accept_encoding,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    namespace: str,
    token: str,
    *,
    client: AuthenticatedClient,
    accept_encoding: str | Unset = UNSET,
) -> AsyncOperationFinished | AsyncOperationRunning:
    """Poll an asynchronous operation

     Returns the state of an operation started asynchronously (a `202` answer's `Location`, or
    the token of `startCopyFrom`): `running`, or `finished` with either the operation's normal
    success body or its error. Clients should treat `Location` as opaque and follow it. The
    official SDK appends `?stainless_overload=pollCopyFrom`; the server ignores it.

    Args:
        namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        token (str):
        accept_encoding (str | Unset): Send `gzip` to receive a gzip-compressed response body
            (`Content-Encoding: gzip`); `identity` (or no header) gets an uncompressed body. The
            server's default: `identity`.

    Raises:
        errors.APIStatusError: a subclass per status (BadRequestError, NotFoundError, RateLimitError...)
            for any non-2xx answer, after the transport's retries.
        errors.APIConnectionError: the server could not be reached (errors.APITimeoutError on timeouts).
        errors.APIResponseValidationError: a 2xx answer whose body is not the documented JSON.

    Returns:
        AsyncOperationFinished | AsyncOperationRunning
    """

    response = await client.get_async_httpx_client().request(
        **_get_kwargs(
            namespace=namespace,
            token=token,
            accept_encoding=accept_encoding,
        )
    )
    return _parse_response(client=client, response=response)
