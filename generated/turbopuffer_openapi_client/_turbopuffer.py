# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""The clients you start from: :class:`Turbopuffer` (sync) and :class:`AsyncTurbopuffer` (async).

Both have the same surface: ``namespace(name)`` returns a handle; ``namespaces(...)`` iterates over
every namespace, following ``next_cursor`` page after page (``GET /v1/namespaces``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from . import errors
from ._codec import loads
from ._namespace import AsyncNamespace, Namespace
from .client import Client
from .models import NamespaceSummary


@dataclass(frozen=True, slots=True)
class NamespacePage:
    """One page of a listing; ``next_cursor`` is ``None`` on the last page.

    Each entry is the generated :class:`~.models.NamespaceSummary` (``.id``; fields the server adds
    later are kept in ``additional_properties``), the one class of that name in the package.
    """

    namespaces: list[NamespaceSummary]
    next_cursor: str | None

    @classmethod
    def from_response(cls, response: httpx.Response) -> NamespacePage:
        """The page in a success answer (:class:`errors.APIResponseValidationError` if it is not one)."""
        try:
            data = loads(response.content)
            cursor = data.get("next_cursor")
            return cls(
                namespaces=[NamespaceSummary.from_dict(item) for item in data.get("namespaces") or ()],
                next_cursor=cursor if isinstance(cursor, str) and cursor else None,
            )
        except errors.RESPONSE_PARSE_ERRORS as exc:
            raise errors.invalid_response(response, exc) from exc


def _list_params(prefix: str | None, page_size: int | None, cursor: str | None) -> dict[str, Any]:
    params: dict[str, Any] = {
        "prefix": prefix,
        "page_size": page_size,
        "cursor": cursor,
    }
    return {key: value for key, value in params.items() if value is not None}


def _checked(response: httpx.Response) -> httpx.Response:
    if not 200 <= response.status_code < 300:
        raise errors.error_for_response(response)
    return response


class Turbopuffer(Client):
    """The synchronous client.

    >>> tpuf = Turbopuffer(api_key="...", region="gcp-us-central1")  # doctest: +SKIP
    >>> ns = tpuf.namespace("products")  # doctest: +SKIP
    """

    def namespace(self, name: str) -> Namespace:
        """A handle on the namespace ``name`` (nothing is sent until you call one of its methods)."""
        return Namespace(self, name)

    def namespace_pages(
        self, prefix: str | None = None, page_size: int | None = None
    ) -> Iterator[NamespacePage]:
        """Every page of the listing, requested one at a time as you iterate."""
        cursor: str | None = None
        while True:
            params = _list_params(prefix, page_size, cursor)
            page = NamespacePage.from_response(
                _checked(self.get_httpx_client().get("/v1/namespaces", params=params))
            )
            yield page
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def namespaces(
        self, prefix: str | None = None, page_size: int | None = None
    ) -> Iterator[NamespaceSummary]:
        """Every namespace (optionally only those starting with ``prefix``), across all pages.

        ``prefix``: Only namespaces whose name starts with this prefix (`foo` matches `foo` and `foo-bar`).
        ``page_size``: How many namespaces per page.
        """
        for page in self.namespace_pages(prefix=prefix, page_size=page_size):
            yield from page.namespaces


class AsyncTurbopuffer(Client):
    """The asynchronous client: the same surface as :class:`Turbopuffer`, with ``await`` / ``async for``."""

    def namespace(self, name: str) -> AsyncNamespace:
        """A handle on the namespace ``name`` (nothing is sent until you call one of its methods)."""
        return AsyncNamespace(self, name)

    async def namespace_pages(
        self, prefix: str | None = None, page_size: int | None = None
    ) -> AsyncIterator[NamespacePage]:
        """Every page of the listing, requested one at a time as you iterate."""
        cursor: str | None = None
        while True:
            params = _list_params(prefix, page_size, cursor)
            response = await self.get_async_httpx_client().get("/v1/namespaces", params=params)
            page = NamespacePage.from_response(_checked(response))
            yield page
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    async def namespaces(
        self, prefix: str | None = None, page_size: int | None = None
    ) -> AsyncIterator[NamespaceSummary]:
        """Every namespace (optionally only those starting with ``prefix``), across all pages."""
        async for page in self.namespace_pages(prefix=prefix, page_size=page_size):
            for summary in page.namespaces:
                yield summary


__all__ = ["AsyncTurbopuffer", "NamespacePage", "NamespaceSummary", "Turbopuffer"]
