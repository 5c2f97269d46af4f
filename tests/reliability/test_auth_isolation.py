"""Authentication on every route and isolation between organisations, over real HTTP.

The server runs with two organisations; organisation B must not be able to tell that A's
namespaces exist (404 everywhere, the same answer as for a namespace that does not exist).
"""

from __future__ import annotations

import httpx
import pytest

KEY_A = "secret-key-of-org-a-123"
KEY_B = "secret-key-of-org-b-456"
WRONG_KEY = "wrong-key-789-never-valid"

# Every route of the API (method, path) with a body that would be valid for it.
ROUTES = [
    ("POST", "/v2/namespaces/{ns}", {"upsert_rows": [{"id": 99, "owner": "intruder"}]}),
    ("DELETE", "/v2/namespaces/{ns}", None),
    ("POST", "/v2/namespaces/{ns}/query", {"rank_by": ["id", "asc"], "top_k": 10}),
    ("POST", "/v2/namespaces/{ns}/explain_query", {"rank_by": ["id", "asc"], "top_k": 10}),
    ("GET", "/v2/namespaces/{ns}/metadata", None),
    ("GET", "/v1/namespaces/{ns}/metadata", None),
    ("PATCH", "/v1/namespaces/{ns}/metadata", {"pinning": None}),
    ("GET", "/v1/namespaces/{ns}/schema", None),
    ("POST", "/v1/namespaces/{ns}/schema", {"owner": {"type": "string"}}),
    ("GET", "/v1/namespaces/{ns}/hint_cache_warm", None),
    ("POST", "/v1/namespaces/{ns}/_debug/recall", {"num": 1, "top_k": 1}),
    ("GET", "/v1/namespaces/{ns}", None),
    ("GET", "/v1/namespaces/{ns}/operations/some-token", None),
    ("GET", "/v1/namespaces", None),
]
# Routes where B addressing A's namespace name must answer 404 (writes instead create B's own).
READ_OR_DELETE = [
    r for r in ROUTES if r[:2] not in {("POST", "/v2/namespaces/{ns}"), ("GET", "/v1/namespaces")}
]


ARGS = ("--api-key", f"orgA:{KEY_A}", "--api-key", f"orgB:{KEY_B}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from .conftest import ServerProcess

    log = tmp_path_factory.mktemp("auth") / "server.log"
    process = ServerProcess(log, None, ARGS, KEY_A).start()
    yield process
    process.kill()


def call(client: httpx.Client, method: str, path: str, body, namespace: str = "a-private") -> httpx.Response:
    return client.request(method, path.format(ns=namespace), json=body)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": f"Bearer {WRONG_KEY}"},
        {"Authorization": f"Basic {KEY_A}"},
        {"Authorization": KEY_A},
        {"Authorization": "Bearer"},
        {"Authorization": f"Bearer {KEY_A}x"},
    ],
    ids=["missing", "unknown", "wrong-scheme", "no-scheme", "empty", "prefix-of-valid"],
)
@pytest.mark.parity("auth-bearer-key")
def test_every_route_answers_401_without_a_valid_key(server, headers):
    routes = [*ROUTES, ("GET", "/no/such/route", None), ("PUT", "/v2/namespaces/{ns}", {})]
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=30) as client:
        for method, path, body in routes:
            response = call(client, method, path, body)
            assert response.status_code == 401, (method, path, response.status_code, response.text)
            error = response.json()
            assert error["status"] == "error" and "key" in error["error"].lower()
            assert KEY_A not in response.text and WRONG_KEY not in response.text


@pytest.mark.parity("organisation-isolation")
def test_organisations_cannot_see_or_touch_each_others_namespaces(server):
    with server.client(KEY_A) as a, server.client(KEY_B) as b:
        seed = {"upsert_rows": [{"id": i, "owner": "a"} for i in range(5)]}
        assert a.post("/v2/namespaces/a-private", json=seed).status_code == 200
        assert a.post("/v2/namespaces/shared-name", json=seed).status_code == 200

        listed = b.get("/v1/namespaces").json()
        assert listed["namespaces"] == [], listed
        assert b.get("/v1/namespaces", params={"prefix": "a-"}).json()["namespaces"] == []

        for method, path, body in READ_OR_DELETE:
            response = call(b, method, path, body)
            assert response.status_code == 404, (method, path, response.status_code, response.text)
            missing = call(b, method, path, body, namespace="does-not-exist-anywhere")
            assert missing.status_code == 404
            # existence does not leak through the message either
            assert response.json()["error"].replace("a-private", "X") == missing.json()["error"].replace(
                "does-not-exist-anywhere", "X"
            )

        # B writing to the same name creates B's own namespace; A's data is untouched
        intruder = {"upsert_rows": [{"id": 0, "owner": "b"}], "deletes": [1, 2]}
        assert b.post("/v2/namespaces/shared-name", json=intruder).status_code == 200
        assert b.delete("/v2/namespaces/shared-name").status_code == 200

        rows = a.post(
            "/v2/namespaces/shared-name/query",
            json={"rank_by": ["id", "asc"], "top_k": 10, "include_attributes": True},
        ).json()
        assert [(r["id"], r["owner"]) for r in rows["rows"]] == [(i, "a") for i in range(5)]
        assert [n["id"] for n in a.get("/v1/namespaces").json()["namespaces"]] == ["a-private", "shared-name"]
        assert a.get("/v1/namespaces/a-private/schema").status_code == 200


def test_api_keys_are_never_logged(launch):
    server = launch(*ARGS, "--log-level", "debug", api_key=KEY_A)
    with server.client(KEY_A) as a, server.client(WRONG_KEY) as wrong:
        a.post("/v2/namespaces/ns", json={"upsert_rows": [{"id": 1}]})
        a.post("/v2/namespaces/ns/query", json={"rank_by": ["nope", "Eq"]})  # an error response
        wrong.get("/v1/namespaces")
    server.stop()
    output = server.output()
    for secret in (KEY_A, KEY_B, WRONG_KEY):
        assert secret not in output
