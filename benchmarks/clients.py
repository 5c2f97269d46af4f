"""The clients compared by the client benchmarks, behind one small adapter interface.

* ``floor``: raw httpx + orjson + numpy base64, the least work any client can do (the baseline).
* ``official``: the official ``turbopuffer`` package.
* ``generated``: our client generated from the spec (``generated/``), when it is installed.

Each adapter does what a user of that client would do with the same input (a float32 numpy
matrix): the fastest documented path. Vectors come back as numpy arrays in every case, so the
decode figures compare equal work. ``transport`` is ``None`` for a real server, or a request
handler for an in-process mock (client cost alone).
"""

from __future__ import annotations

import asyncio
import base64
import gzip
from collections.abc import Callable
from typing import Any

import httpx
import numpy as np
import orjson

from benchmarks.measure import NotMeasured
from benchmarks.workload import b64_per_row as b64_rows


async def fan_out(items: list[int], concurrency: int, call: Callable[[int], Any]) -> None:
    """Await ``call(item)`` for every item, at most ``concurrency`` at a time: scenario (c), async."""
    sem = asyncio.Semaphore(concurrency)

    async def one(item: int) -> None:
        async with sem:
            await call(item)

    await asyncio.gather(*(one(i) for i in items))


Handler = Callable[[str, str, bytes, dict[str, str]], tuple[int, bytes, dict[str, str]]]
"""(method, path, body bytes as sent, request headers) -> (status, body, response headers)."""


def to_numpy(value: Any) -> np.ndarray:
    if isinstance(value, np.ndarray):
        return value
    if isinstance(value, str):
        return np.frombuffer(base64.b64decode(value), dtype="<f4")
    return np.asarray(value, dtype=np.float32)


def _httpx_mock(handler: Handler, module: Any = httpx) -> Any:
    def respond(request: Any) -> Any:
        headers = {k.lower(): v for k, v in request.headers.items()}
        status, body, out_headers = handler(request.method, request.url.path, request.read(), headers)
        return module.Response(status, content=body, headers=out_headers)

    return module.MockTransport(respond)


def _official_mock(handler: Handler) -> Any:
    """The official client's own transport (it gzips requests) with the mock in place of the network."""
    import httpx2
    from turbopuffer.lib.transport_httpx import HttpxTransport

    mock = _httpx_mock(handler, httpx2)

    class _Network(httpx2.HTTPTransport):
        def handle_request(self, request: Any) -> Any:
            return mock.handle_request(request)

    class _Mocked(HttpxTransport, _Network):
        pass

    return _Mocked()


class Floor:
    name = "floor (httpx + orjson)"

    def __init__(self, base_url: str, api_key: str, compression: bool, handler: Handler | None) -> None:
        self.compression = compression
        headers = {
            "Authorization": f"Bearer {api_key}",
            "Accept-Encoding": "gzip" if compression else "identity",
        }
        transport = _httpx_mock(handler) if handler else None
        self.client = httpx.Client(base_url=base_url, headers=headers, timeout=600, transport=transport)
        atransport = _httpx_mock(handler) if handler else None
        self._async_args = {"base_url": base_url, "headers": headers, "timeout": 600, "transport": atransport}

    def _post(self, path: str, body: dict) -> dict:
        content = orjson.dumps(body)
        headers = {"Content-Type": "application/json"}
        if self.compression and len(content) > 1024:
            content = gzip.compress(content, compresslevel=1)
            headers["Content-Encoding"] = "gzip"
        response = self.client.post(path, content=content, headers=headers)
        response.raise_for_status()
        return orjson.loads(response.content)

    def write(self, ns: str, ids: list, matrix: np.ndarray, attrs: dict[str, list]) -> Any:
        columns = {"id": ids, "vector": b64_rows(matrix), **attrs}
        return self._post(
            f"/v2/namespaces/{ns}", {"upsert_columns": columns, "distance_metric": "cosine_distance"}
        )

    def query_vectors(self, ns: str, limit: int) -> list[np.ndarray]:
        body = {
            "rank_by": ["id", "asc"],
            "limit": limit,
            "include_attributes": True,
            "vector_encoding": "base64",
        }
        rows = self._post(f"/v2/namespaces/{ns}/query", body)["rows"]
        return [to_numpy(row["vector"]) for row in rows]

    def small_query(self, ns: str, category: int) -> list:
        body = {"rank_by": ["id", "asc"], "limit": 10, "filters": ["category", "Eq", category]}
        return [row["id"] for row in self._post(f"/v2/namespaces/{ns}/query", body)["rows"]]

    def async_runner(self) -> Callable[[str, list[int]], Any]:
        async def run(ns: str, categories: list[int], concurrency: int) -> None:
            async with httpx.AsyncClient(**self._async_args) as client:

                async def one(category: int) -> None:
                    body = orjson.dumps(
                        {"rank_by": ["id", "asc"], "limit": 10, "filters": ["category", "Eq", category]}
                    )
                    r = await client.post(
                        f"/v2/namespaces/{ns}/query",
                        content=body,
                        headers={"Content-Type": "application/json"},
                    )
                    r.raise_for_status()
                    orjson.loads(r.content)

                await fan_out(categories, concurrency, one)

        return run

    def close(self) -> None:
        self.client.close()


class Official:
    name = "official turbopuffer"

    def __init__(self, base_url: str, api_key: str, compression: bool, handler: Handler | None) -> None:
        try:
            import httpx2
            import turbopuffer
        except ImportError as exc:
            raise NotMeasured(f"official client not installed ({exc})") from exc
        kwargs: dict[str, Any] = {"api_key": api_key, "base_url": base_url, "compression": compression}
        kwargs["telemetry"] = False
        self._akwargs = dict(kwargs)
        self._handler = handler
        if handler:
            kwargs["http_client"] = httpx2.Client(transport=_official_mock(handler))
        self.client = turbopuffer.Turbopuffer(**kwargs)
        self._turbopuffer = turbopuffer

    def write(self, ns: str, ids: list, matrix: np.ndarray, attrs: dict[str, list]) -> Any:
        columns = {"id": ids, "vector": b64_rows(matrix), **attrs}
        return self.client.namespace(ns).write(upsert_columns=columns, distance_metric="cosine_distance")

    def query_vectors(self, ns: str, limit: int) -> list[np.ndarray]:
        result = self.client.namespace(ns).query(
            rank_by=["id", "asc"], limit=limit, include_attributes=True, vector_encoding="base64"
        )
        return [to_numpy(row.vector) for row in result.rows or []]

    def small_query(self, ns: str, category: int) -> list:
        result = self.client.namespace(ns).query(
            rank_by=["id", "asc"], limit=10, filters=["category", "Eq", category]
        )
        return [row.id for row in result.rows or []]

    def async_runner(self) -> Callable[..., Any]:
        async def run(ns: str, categories: list[int], concurrency: int) -> None:
            import httpx2

            akwargs = dict(self._akwargs)
            if self._handler:  # a fresh one per run: the client closes it on exit
                akwargs["http_client"] = httpx2.AsyncClient(transport=_httpx_mock(self._handler, httpx2))
            async with self._turbopuffer.AsyncTurbopuffer(**akwargs) as client:
                handle = client.namespace(ns)

                async def one(category: int) -> None:
                    await handle.query(rank_by=["id", "asc"], limit=10, filters=["category", "Eq", category])

                await fan_out(categories, concurrency, one)

        return run

    def close(self) -> None:
        self.client.close()


class Generated:
    name = "generated (turbopuffer_openapi_client)"

    def __init__(self, base_url: str, api_key: str, compression: bool, handler: Handler | None) -> None:
        try:
            import turbopuffer_openapi_client as generated
        except ImportError as exc:
            raise NotMeasured(f"generated client not installed yet ({exc.msg})") from exc
        self._generated = generated
        self._kwargs = {"api_key": api_key, "base_url": base_url, "compression": compression}
        try:
            self.client = generated.Turbopuffer(**self._kwargs)
            self._handler = handler
            if handler:
                self._install_mock(self.client, handler, compression, sync=True)
        except Exception as exc:  # an API shape this adapter does not know yet
            raise NotMeasured(f"generated client API not as expected: {exc!r}") from exc

    @staticmethod
    def _install_mock(client: Any, handler: Handler, compression: bool, *, sync: bool) -> None:
        """Put the mock under the client's own transport stack, so its gzip/retry layer still runs."""
        from turbopuffer_openapi_client import _transport

        config = client.config
        if sync:
            inner = _transport.RetryingTransport(
                _httpx_mock(handler), policy=client._retry_policy(), compression=compression
            )
            client.set_httpx_client(
                httpx.Client(base_url=config.base_url, headers=config.headers(), transport=inner)
            )
        else:
            inner = _transport.AsyncRetryingTransport(
                _httpx_mock(handler), policy=client._retry_policy(), compression=compression
            )
            client.set_async_httpx_client(
                httpx.AsyncClient(base_url=config.base_url, headers=config.headers(), transport=inner)
            )

    def write(self, ns: str, ids: list, matrix: np.ndarray, attrs: dict[str, list]) -> Any:
        columns = {"id": ids, "vector": matrix, **attrs}  # the generated client encodes numpy itself
        return self.client.namespace(ns).write(upsert_columns=columns, distance_metric="cosine_distance")

    def query_vectors(self, ns: str, limit: int) -> list[np.ndarray]:
        result = self.client.namespace(ns).query(
            rank_by=["id", "asc"], limit=limit, include_attributes=True, vector_encoding="base64"
        )
        rows = result.rows if hasattr(result, "rows") else result["rows"]
        return [to_numpy(row["vector"] if isinstance(row, dict) else row.vector) for row in rows]

    def small_query(self, ns: str, category: int) -> list:
        result = self.client.namespace(ns).query(
            rank_by=["id", "asc"], limit=10, filters=["category", "Eq", category]
        )
        rows = result.rows if hasattr(result, "rows") else result["rows"]
        return [row["id"] if isinstance(row, dict) else row.id for row in rows]

    def async_runner(self) -> Callable[..., Any]:
        async def run(ns: str, categories: list[int], concurrency: int) -> None:
            client = self._generated.AsyncTurbopuffer(**self._kwargs)
            if self._handler:
                self._install_mock(client, self._handler, self._kwargs["compression"], sync=False)
            async with client:
                handle = client.namespace(ns)

                async def one(category: int) -> None:
                    await handle.query(rank_by=["id", "asc"], limit=10, filters=["category", "Eq", category])

                await fan_out(categories, concurrency, one)

        return run

    def close(self) -> None:
        self.client.close()


CLIENTS = (Floor, Official, Generated)
