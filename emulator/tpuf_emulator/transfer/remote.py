"""A namespace over the public HTTP API of any turbopuffer server: paged export, batched import.

Export pages through the namespace in id order (``rank_by ["id", "asc"]``, ``filters ["id", "Gt",
last]``, ``include_attributes: true``, base64 vectors), reading schema and row count from the
namespace metadata; import writes ``upsert_rows`` batches, the schema and distance metric with the
first. Requests answered 429 or 5xx, and connection failures, are retried with backoff.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import orjson

from .batches import batches
from .header import Header, Row, TransferError, clean_schema, distance_metric_of

DEFAULT_PAGE_SIZE = 10_000  # the API's largest limit: the fewest (billed) queries
RETRY_STATUSES = (429, 500, 502, 503, 504)
STATUS_ATTEMPTS = 6
CONNECT_ATTEMPTS = 3
IF_EXISTS = ("error", "skip", "replace")


class Remote:
    """An HTTP connection to one server with one API key."""

    def __init__(self, url: str, api_key: str, timeout_s: float = 120.0) -> None:
        self.url = url.rstrip("/")
        self._client = httpx.Client(
            base_url=self.url,
            headers={"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"},
            timeout=timeout_s,
        )

    def __enter__(self) -> Remote:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def request(self, method: str, path: str, body: bytes | None = None, *, missing_ok: bool = False) -> Any:
        """The decoded JSON answer; None for a 404 when ``missing_ok``."""
        failures = 0
        while True:
            try:
                response = self._client.request(method, path, content=body)
            except httpx.TransportError as exc:
                failures += 1
                if failures >= CONNECT_ATTEMPTS:
                    raise TransferError(f"cannot reach {self.url}: {exc or type(exc).__name__}") from None
                time.sleep(0.25 * 2**failures)
                continue
            if response.status_code in RETRY_STATUSES and failures + 1 < STATUS_ATTEMPTS:
                failures += 1
                time.sleep(_retry_delay(response, failures))
                continue
            if response.status_code == 404 and missing_ok:
                return None
            if response.is_success:
                try:
                    return orjson.loads(response.content)
                except orjson.JSONDecodeError:
                    raise TransferError(f"{self.url}{path}: the answer is not JSON") from None
            raise TransferError(
                f"{self.url}: {method} {path}: HTTP {response.status_code}: {_error_text(response)}"
            )

    def metadata(self, namespace: str) -> dict[str, Any] | None:
        answer = self.request("GET", f"/v2/namespaces/{quote(namespace)}/metadata", missing_ok=True)
        return answer if isinstance(answer, dict) else None

    def delete(self, namespace: str) -> None:
        self.request("DELETE", f"/v2/namespaces/{quote(namespace)}", missing_ok=True)

    def write(self, namespace: str, body: bytes) -> None:
        self.request("POST", f"/v2/namespaces/{quote(namespace)}", body)

    def query(self, namespace: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = self.request("POST", f"/v2/namespaces/{quote(namespace)}/query", orjson.dumps(body))
        if not isinstance(answer, dict) or not isinstance(answer.get("rows"), list):
            raise TransferError(f"{self.url}: the query answer for {namespace!r} has no rows")
        return answer

    def namespaces(self) -> list[str]:
        """Every namespace the key can see (following ``next_cursor``)."""
        names: list[str] = []
        cursor: str | None = None
        while True:
            path = "/v1/namespaces?page_size=1000" + (f"&cursor={quote(cursor)}" if cursor else "")
            page = self.request("GET", path)
            names.extend(str(entry["id"]) for entry in page.get("namespaces", []))
            cursor = page.get("next_cursor")
            if not cursor:
                return names


def _retry_delay(response: httpx.Response, failures: int) -> float:
    text: str = response.headers.get("retry-after", "")
    try:
        delay = float(text)
    except ValueError:
        delay = 0.25 * 2.0**failures
    return delay if delay < 30.0 else 30.0


def _error_text(response: httpx.Response) -> str:
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return response.text.strip().splitlines()[0][:300] if response.text.strip() else "(empty answer)"
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        return str(body["error"])
    return response.text[:300]


@dataclass(frozen=True)
class Export:
    header: Header
    approx_rows: int
    rows: Iterator[Row]


def export_namespace(remote: Remote, namespace: str, page_size: int = DEFAULT_PAGE_SIZE) -> Export:
    """The namespace's header and an iterator over all its rows, paged in id order."""
    meta = remote.metadata(namespace)
    if meta is None:
        raise TransferError(f"namespace {namespace!r} not found at {remote.url}")
    schema = clean_schema(meta.get("schema") or {})
    header = Header(namespace, schema, distance_metric_of(schema))
    return Export(header, int(meta.get("approx_row_count") or 0), _pages(remote, namespace, page_size))


def _pages(remote: Remote, namespace: str, page_size: int) -> Iterator[Row]:
    last: Any = None
    while True:
        body: dict[str, Any] = {
            "rank_by": ["id", "asc"],
            "limit": page_size,
            "include_attributes": True,
            "vector_encoding": "base64",
        }
        if last is not None:
            body["filters"] = ["id", "Gt", last]
        rows = remote.query(namespace, body)["rows"]
        for row in rows:
            yield {key: value for key, value in row.items() if not key.startswith("$")}
        if len(rows) < page_size:
            return
        last = rows[-1]["id"]


@dataclass(frozen=True)
class ImportResult:
    namespace: str
    rows: int
    skipped: bool = False


def import_namespace(
    remote: Remote,
    header: Header,
    rows: Iterable[Row],
    *,
    if_exists: str = "error",
    source: str = "",
    advance: Callable[[int], Any] = lambda n: None,
) -> ImportResult:
    """Write every row into ``header.namespace`` (created by the first batch, with the header's schema
    and distance metric). If the import fails part-way, the namespace it created is deleted again."""
    name = header.namespace
    if remote.metadata(name) is not None:
        if if_exists == "skip":
            return ImportResult(name, 0, skipped=True)
        if if_exists != "replace":
            raise TransferError(
                f"namespace {name!r} already exists at {remote.url} "
                "(--if-exists skip leaves it, --if-exists replace deletes it first)"
            )
        remote.delete(name)
    tail = b""
    if header.distance_metric:
        tail += b',"distance_metric":' + orjson.dumps(header.distance_metric)
    schema = b',"schema":' + orjson.dumps(header.schema) if header.schema else b""
    written = 0
    try:
        for group, encoded in batches(rows, source or name):
            body = b'{"upsert_rows":[' + b",".join(encoded) + b"]" + tail + schema + b"}"
            try:
                remote.write(name, body)
            except TransferError as exc:
                raise TransferError(
                    f"{source or name}: rows {written + 1}-{written + len(group)}: {exc}"
                ) from None
            schema = b""
            written += len(group)
            advance(len(group))
    except BaseException:
        if written:
            with contextlib.suppress(TransferError):
                remote.delete(name)
        raise
    return ImportResult(name, written)
