"""Every failure raises a typed exception carrying status, the server's message and the response;
malformed bodies and odd statuses never crash the client with a raw exception."""

from __future__ import annotations

import pytest
from turbopuffer_openapi_client import (
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    Turbopuffer,
    UnprocessableEntityError,
)
from turbopuffer_openapi_client.api.namespaces import get_metadata
from turbopuffer_openapi_client.errors import UnexpectedStatus

from .conftest import Reply

EXPECTED = [
    (400, BadRequestError),
    (401, AuthenticationError),
    (403, PermissionDeniedError),
    (404, NotFoundError),
    (409, ConflictError),
    (413, PayloadTooLargeError),
    (422, UnprocessableEntityError),
    (429, RateLimitError),
    (500, InternalServerError),
    (503, InternalServerError),
    (418, APIStatusError),
]


def _client(base_url: str) -> Turbopuffer:
    return Turbopuffer(api_key="k", base_url=base_url, max_retries=0)


@pytest.mark.parametrize(("status", "error_type"), EXPECTED)
def test_each_status_raises_its_exception_from_the_handle_and_the_low_level_api(
    scripted_server, status: int, error_type: type[APIStatusError]
) -> None:
    body = b'{"status": "error", "error": "namespace \'x\': something specific"}'
    server = scripted_server(Reply(status, body))
    client = _client(server.base_url)
    with pytest.raises(error_type) as caught:
        client.namespace("x").metadata()
    error = caught.value
    assert type(error) is error_type
    assert error.status_code == status
    assert error.message == "namespace 'x': something specific"
    assert error.body == {"status": "error", "error": "namespace 'x': something specific"}
    assert error.response.status_code == status
    assert f"Error code: {status}" in str(error)
    with pytest.raises(error_type):
        get_metadata.sync(namespace="x", client=client)


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (500, b"<html>Bad Gateway</html>", "<html>Bad Gateway</html>"),
        (400, b"", "Bad Request"),
        (400, b'{"status": "error"}', '{"status": "error"}'),
        (400, b"[1, 2]", "[1, 2]"),
        (404, b'{"error": 42}', '{"error": 42}'),
        (520, b"cloudflare says no", "cloudflare says no"),
        (499, b"\xff\xfe not utf-8", "\ufffd\ufffd not utf-8"),
    ],
)
def test_malformed_error_bodies_and_odd_statuses_still_give_typed_errors(
    scripted_server, status: int, body: bytes, message: str
) -> None:
    server = scripted_server(Reply(status, body, {"Content-Type": "text/plain"}))
    client = _client(server.base_url)
    with pytest.raises(APIStatusError) as caught:
        client.namespace("x").query(rank_by=("id", "asc"))
    assert caught.value.status_code == status
    assert caught.value.message == message
    with pytest.raises(APIStatusError):
        get_metadata.sync_detailed(namespace="x", client=client)


def test_an_undocumented_success_status_is_an_unexpected_status(scripted_server) -> None:
    server = scripted_server(Reply(299, b"{}"))
    with pytest.raises(UnexpectedStatus) as caught:
        get_metadata.sync(namespace="x", client=_client(server.base_url))
    assert caught.value.status_code == 299


def test_errors_from_the_emulator(emulator, unique_ns: str) -> None:
    client = Turbopuffer(api_key=emulator.api_key, base_url=emulator.base_url)
    with pytest.raises(NotFoundError, match="not found"):
        client.namespace(unique_ns).metadata()
    ns = client.namespace(unique_ns)
    ns.write(upsert_rows=[{"id": 1, "n": 1}])
    with pytest.raises(BadRequestError) as bad:
        ns.query(rank_by=("n", "asc"), filters=("n", "Eq", "not a number"))
    assert bad.value.message and "n" in bad.value.message
    with pytest.raises(UnprocessableEntityError):
        ns.query(rank_by=("n", "asc"), top_k="ten")  # type: ignore[arg-type]
    wrong_key = Turbopuffer(api_key="not-a-key", base_url=emulator.base_url)
    with pytest.raises(AuthenticationError):
        wrong_key.namespace(unique_ns).metadata()


@pytest.mark.parametrize(
    "body",
    [b"<html>proxy login</html>", b"", b'{"rows": [{"id": 1}]', b"[1, 2]"],
)
def test_a_success_status_with_a_body_that_is_not_the_documented_json_raises_a_typed_error(
    scripted_server, body: bytes
) -> None:
    """A proxy page or a truncated body on a 200 never escapes as a bare JSON or KeyError."""
    server = scripted_server(Reply(200, body, {"Content-Type": "text/html"}))
    client = _client(server.base_url)
    calls = [
        lambda: client.namespace("x").query(rank_by=("id", "asc")),
        lambda: client.namespace("x").multi_query(queries=[{"rank_by": ("id", "asc")}]),
        lambda: client.namespace("x").metadata(),
        lambda: client.namespace("x").write(upsert_rows=[{"id": 1}]),
        lambda: list(client.namespaces()),
        lambda: get_metadata.sync(namespace="x", client=client),
    ]
    for call in calls:
        with pytest.raises(APIResponseValidationError) as caught:
            call()
        assert caught.value.status_code == 200
        assert caught.value.response.content == body
        assert "not the documented JSON" in caught.value.message
    wrong_shape = scripted_server(Reply(200, b'{"namespaces": 7}'))
    with pytest.raises(APIResponseValidationError):
        list(_client(wrong_shape.base_url).namespaces())
    with pytest.raises(APIResponseValidationError):
        _client(wrong_shape.base_url).namespace("x").metadata()  # required fields missing
