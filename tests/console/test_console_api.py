"""The console's JSON endpoints over real HTTP: the key is required, and each organisation sees only
its own namespaces (another organisation's namespace is a 404, as on the public API)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.console.seed import NS_A, NS_B, ORG_ARGS, seed
from tests.support.server import RunningEmulator, start_emulator


@pytest.fixture(scope="module")
def server() -> Iterator[RunningEmulator]:
    with start_emulator(extra_args=ORG_ARGS, api_key="keyA") as running:
        seed(running)
        yield running


def test_static_page_needs_no_key_but_api_does(server: RunningEmulator) -> None:
    with server.client("not-a-key") as anon:
        page = anon.get("/console/")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert anon.get("/console", follow_redirects=False).headers["location"] == "/console/"
        for path in (f"/console/api/namespaces/{NS_A}/projection", "/console/api/counters"):
            reply = anon.get(path)
            assert reply.status_code == 401, path
            assert reply.json()["status"] == "error"
        assert anon.get("/v1/namespaces").status_code == 401  # the public API is unchanged


def test_projection_is_pca_of_the_sample(server: RunningEmulator) -> None:
    with server.client("keyA") as a:
        body = a.get(f"/console/api/namespaces/{NS_A}/projection", params={"color_by": "colour"}).json()
        assert body["total"] == body["sampled"] == 60 == len(body["points"])
        # Two clusters along the first principal axis: x splits warm from cool.
        warm = [p["x"] for p in body["points"] if p["color"] == "warm"]
        cool = [p["x"] for p in body["points"] if p["color"] == "cool"]
        assert len(warm) == len(cool) == 30
        assert max(warm) < min(cool) or max(cool) < min(warm)
        assert body["explained_variance_ratio"][0] > 0.9
        small = a.get(f"/console/api/namespaces/{NS_A}/projection", params={"sample": "10"}).json()
        assert small["sampled"] == 10 and small["total"] == 60
        bad = a.get(f"/console/api/namespaces/{NS_A}/projection", params={"attribute": "title"})
        assert bad.status_code == 400 and "not a vector attribute" in bad.json()["error"]
        assert a.get(f"/console/api/namespaces/{NS_A}/projection", params={"sample": "0"}).status_code == 400
        assert a.get(f"/console/api/namespaces/{NS_A}/projection", params={"sample": "x"}).status_code == 400
        bad_name = a.get("/console/api/namespaces/bad%20name!/projection")
        assert bad_name.status_code == 400 and bad_name.json()["status"] == "error"
        assert a.get("/console/api/namespaces/missing/projection").status_code == 404


def test_projection_is_isolated_by_organisation(server: RunningEmulator) -> None:
    with server.client("keyA") as a, server.client("keyB") as b:
        assert a.get(f"/console/api/namespaces/{NS_B}/projection").status_code == 404
        assert b.get(f"/console/api/namespaces/{NS_A}/projection").status_code == 404
        assert b.get(f"/console/api/namespaces/{NS_B}/projection").json()["sampled"] == 1


def test_counters_per_organisation(server: RunningEmulator) -> None:
    with server.client("keyA") as a, server.client("keyB") as b:
        before_b = b.get("/console/api/counters").json()
        for _ in range(3):
            reply = a.post(
                f"/v2/namespaces/{NS_A}/query", json={"rank_by": ["vector", "ANN", [1, 0, 0]], "top_k": 3}
            )
            assert reply.status_code == 200
        counters = a.get("/console/api/counters", params={"namespace": NS_A}).json()
        query = counters["operations"]["query"]
        assert query["count"] >= 3 and 0 < query["p50_ms"] <= query["p99_ms"]
        assert counters["requests_per_second"] > 0 and counters["throttled_429"] == 0
        assert counters["index"]["ann"]["vector"]["rows"] == 60
        assert counters["index"]["bm25"]["title"]["documents"] == 60
        after_b = b.get("/console/api/counters").json()
        assert after_b["operations"].get("query") == before_b["operations"].get("query")  # orgA's not counted
        assert a.get("/console/api/counters", params={"namespace": NS_B}).status_code == 404


def test_counters_count_429s() -> None:
    with start_emulator(extra_args=[*ORG_ARGS, "--rate-limit", "1"], api_key="keyA") as server:
        with server.client("keyA") as a:
            statuses = [a.get("/v1/namespaces").status_code for _ in range(6)]
            assert 429 in statuses
            time.sleep(2.5)  # let the bucket refill so the counters request itself is admitted
            counters = a.get("/console/api/counters").json()
            assert counters["throttled_429"] == statuses.count(429)
