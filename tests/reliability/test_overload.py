"""The 429 admission control, in process against a stand-in app whose handlers we can hold open.

(Over real HTTP the emulator answers queries too fast to pile up 17 of them; holding handlers open
here is the only deterministic way to prove the 17th query waits and then gets 429.)
"""

from __future__ import annotations

import asyncio
import gzip

import httpx
import orjson
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from tpuf_emulator.http.auth import AuthMiddleware
from tpuf_emulator.http.overload import OverloadMiddleware, OverloadSettings, Slots

KEYS = {"key-a": "org-a", "key-b": "org-b"}

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Backend:
    """Stand-in for the real routes: counts running handlers, can hold them until released."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.gate.set()
        self.running = 0
        self.bodies: list[bytes] = []

    def app(self, settings: OverloadSettings) -> Starlette:
        async def handler(request: Request) -> JSONResponse:
            self.running += 1
            try:
                body = await request.body()
                self.bodies.append(body)
                await self.gate.wait()
                return JSONResponse({"ok": True})
            finally:
                self.running -= 1

        routes = [
            Route("/v2/namespaces/{ns}/query", handler, methods=["POST"]),
            Route("/v2/namespaces/{ns}", handler, methods=["POST"]),
            Route("/v1/namespaces", handler, methods=["GET"]),
        ]
        return Starlette(
            routes=routes,
            middleware=[
                Middleware(AuthMiddleware, keys=KEYS),
                Middleware(OverloadMiddleware, settings=settings),
            ],
        )


def client(app: Starlette, key: str = "key-a") -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://emulator",
        headers={"Authorization": f"Bearer {key}"},
    )


def assert_429(response: httpx.Response, match: str) -> None:
    assert response.status_code == 429, response.text
    body = response.json()
    assert body["status"] == "error" and match in body["error"]
    assert int(response.headers["retry-after"]) >= 1
    assert int(response.headers["retry-after-ms"]) >= 1


async def wait_until(condition) -> None:
    for _ in range(2000):
        if condition():
            return
        await asyncio.sleep(0.001)
    raise AssertionError("condition never became true")


async def test_the_17th_concurrent_query_on_a_namespace_waits_then_gets_429():
    backend = Backend()
    app = backend.app(OverloadSettings(query_queue_ms=50))
    backend.gate.clear()
    async with client(app) as c:
        held = [asyncio.create_task(c.post("/v2/namespaces/ns/query", json={})) for _ in range(16)]
        await wait_until(lambda: backend.running == 16)
        assert_429(await c.post("/v2/namespaces/ns/query", json={}), "16 concurrent queries")
        # another namespace, and another organisation's namespace of the same name, are unaffected
        other = asyncio.create_task(c.post("/v2/namespaces/other/query", json={}))
        async with client(app, "key-b") as cb:
            same_name = asyncio.create_task(cb.post("/v2/namespaces/ns/query", json={}))
            await wait_until(lambda: backend.running == 18)
            backend.gate.set()
            assert (await same_name).status_code == 200
        assert (await other).status_code == 200
        assert [r.status_code for r in await asyncio.gather(*held)] == [200] * 16
        assert (await c.post("/v2/namespaces/ns/query", json={})).status_code == 200


async def test_a_waiting_query_gets_the_slot_freed_within_the_wait():
    backend = Backend()
    app = backend.app(OverloadSettings(query_concurrency=1, query_queue_ms=10_000))
    backend.gate.clear()
    async with client(app) as c:
        first = asyncio.create_task(c.post("/v2/namespaces/ns/query", json={}))
        await wait_until(lambda: backend.running == 1)
        second = asyncio.create_task(c.post("/v2/namespaces/ns/query", json={}))
        await asyncio.sleep(0.05)
        assert backend.running == 1  # queued, not running
        backend.gate.set()
        assert (await first).status_code == 200
        assert (await second).status_code == 200


async def test_slots_hand_over_in_arrival_order_and_never_exceed_capacity():
    slots = Slots(2)
    assert await slots.acquire(0.01) and await slots.acquire(0.01)
    assert not await slots.acquire(0.01)
    waiters = [asyncio.create_task(slots.acquire(5)) for _ in range(3)]
    await asyncio.sleep(0)
    slots.release()
    assert await waiters[0] is True
    assert not waiters[1].done()
    slots.release()
    slots.release()
    assert await waiters[1] and await waiters[2]
    assert slots.used == 2
    for _ in range(2):
        slots.release()
    assert slots.idle


async def test_rate_limit_per_organisation():
    backend = Backend()
    app = backend.app(OverloadSettings(rate_limit=2))
    async with client(app) as a, client(app, "key-b") as b:
        assert [(await a.get("/v1/namespaces")).status_code for _ in range(2)] == [200, 200]
        limited = await a.get("/v1/namespaces")
        assert_429(limited, "rate limit of 2 requests per second")
        assert 1 <= int(limited.headers["retry-after-ms"]) <= 500
        assert (await b.get("/v1/namespaces")).status_code == 200
        await asyncio.sleep(int(limited.headers["retry-after-ms"]) / 1000 + 0.01)
        assert (await a.get("/v1/namespaces")).status_code == 200


async def test_no_rate_limit_by_default():
    backend = Backend()
    async with client(backend.app(OverloadSettings())) as c:
        statuses = {(await c.get("/v1/namespaces")).status_code for _ in range(50)}
    assert statuses == {200}


def big_upsert(**extra) -> dict:
    return {"upsert_rows": [{"id": i, "text": "x" * 20} for i in range(10)], **extra}


async def test_write_backpressure_over_the_threshold_unless_disabled():
    backend = Backend()
    app = backend.app(OverloadSettings(backpressure_bytes=100))
    async with client(app) as c:
        assert_429(await c.post("/v2/namespaces/ns", json=big_upsert()), "write backpressure")
        assert_429(await c.post("/v2/namespaces/ns", json={"deletes": list(range(100))}), "backpressure")
        assert backend.bodies == []  # refused before the app saw it
        allowed = big_upsert(disable_backpressure=True)
        assert (await c.post("/v2/namespaces/ns", json=allowed)).status_code == 200
        assert orjson.loads(backend.bodies[-1]) == allowed  # the peeked body reaches the app intact
        # patches, by-filter and conditional writes are never backpressured (as hosted)
        patch = {"patch_rows": [{"id": i, "text": "y" * 20} for i in range(10)]}
        assert (await c.post("/v2/namespaces/ns", json=patch)).status_code == 200
        conditional = big_upsert(upsert_condition=["text", "Eq", "x"])
        assert (await c.post("/v2/namespaces/ns", json=conditional)).status_code == 200
        small = {"upsert_rows": [{"id": 1}]}
        assert (await c.post("/v2/namespaces/ns", json=small)).status_code == 200


async def test_backpressure_reads_gzip_bodies_and_passes_undecodable_ones_on():
    backend = Backend()
    app = backend.app(OverloadSettings(backpressure_bytes=10))
    async with client(app) as c:
        zipped = gzip.compress(orjson.dumps(big_upsert(disable_backpressure=True)))
        headers = {"content-encoding": "gzip", "content-type": "application/json"}
        assert (await c.post("/v2/namespaces/ns", content=zipped, headers=headers)).status_code == 200
        assert backend.bodies[-1] == zipped
        zipped = gzip.compress(orjson.dumps(big_upsert()))
        assert_429(await c.post("/v2/namespaces/ns", content=zipped, headers=headers), "backpressure")
        garbage = b"{not json at all" * 3
        assert (await c.post("/v2/namespaces/ns", content=garbage)).status_code == 200
        assert backend.bodies[-1] == garbage  # the endpoint, not the middleware, reports the 400


async def test_backlog_of_writes_in_flight_counts_against_the_threshold():
    backend = Backend()
    app = backend.app(OverloadSettings(backpressure_bytes=300))
    middleware = app.build_middleware_stack()
    backend.gate.clear()
    body = {"upsert_rows": [{"id": i} for i in range(20)]}  # ~200 bytes: fits alone, not twice
    async with client(app) as c:
        first = asyncio.create_task(c.post("/v2/namespaces/ns", json=body))
        await wait_until(lambda: backend.running == 1)
        assert_429(await c.post("/v2/namespaces/ns", json=body), "bytes of unapplied writes")
        other_ns = asyncio.create_task(c.post("/v2/namespaces/other", json=body))
        await wait_until(lambda: backend.running == 2)
        backend.gate.set()
        assert (await first).status_code == 200 and (await other_ns).status_code == 200
        assert (await c.post("/v2/namespaces/ns", json=body)).status_code == 200
    del middleware


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
def test_settings_come_from_the_emulator_config(anyio_backend):
    class Config:
        rate_limit = 5.0
        query_queue_ms = 100
        max_body_bytes = 1234

    settings = OverloadSettings.from_config(Config())
    assert settings.rate_limit == 5.0 and settings.query_queue_ms == 100 and settings.max_body_bytes == 1234
    assert settings.query_concurrency == 16 and settings.backpressure_bytes == 2 * 1000**3
