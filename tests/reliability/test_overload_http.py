"""The 429s over real HTTP, and the official client's retry path honouring them.

(The 17th-concurrent-query case needs handlers held open, so it is tested in process in
test_overload.py.)
"""

from __future__ import annotations

import pytest
import turbopuffer

KEY = "overload-key"


def assert_429(response, match: str) -> None:
    assert response.status_code == 429, response.text
    assert match in response.json()["error"]
    assert int(response.headers["retry-after"]) >= 1 and int(response.headers["retry-after-ms"]) >= 1


@pytest.mark.parity("overload-429")
def test_rate_limit_answers_429_and_the_official_client_retries_through_it(launch):
    server = launch("--api-key", f"org:{KEY}", "--rate-limit", "2", api_key=KEY)
    with server.client() as client:
        statuses = [client.get("/v1/namespaces") for _ in range(3)]
    assert [r.status_code for r in statuses[:2]] == [200, 200]
    assert_429(statuses[2], "rate limit")

    patient = turbopuffer.Turbopuffer(api_key=KEY, base_url=server.base_url, max_retries=6)
    ns = patient.namespace("retried")
    for i in range(5):  # 5 writes at 2/s: several 429s, each retried after retry-after-ms
        ns.write(upsert_rows=[{"id": i, "n": i}])
    assert [row.id for row in ns.query(rank_by=("id", "asc"), top_k=10).rows] == list(range(5))

    impatient = turbopuffer.Turbopuffer(api_key=KEY, base_url=server.base_url, max_retries=0)
    with pytest.raises(turbopuffer.RateLimitError):
        for _ in range(5):
            impatient.namespace("retried").query(rank_by=("id", "asc"), top_k=1)


@pytest.mark.parity("overload-429")
def test_write_backpressure_unless_disabled(launch):
    server = launch("--api-key", f"org:{KEY}", "--backpressure-bytes", "2000", api_key=KEY)
    rows = [{"id": i, "text": "x" * 100} for i in range(40)]  # ~5 KB
    with server.client() as client:
        assert_429(client.post("/v2/namespaces/bp", json={"upsert_rows": rows}), "backpressure")
        assert_429(client.post("/v2/namespaces/bp", json={"deletes": list(range(1000))}), "backpressure")
        assert client.get("/v1/namespaces/bp/schema").status_code == 404  # nothing was applied
        response = client.post("/v2/namespaces/bp", json={"upsert_rows": rows, "disable_backpressure": True})
        assert response.status_code == 200, response.text
        patch = {"patch_rows": [{"id": i, "text": "y" * 100} for i in range(40)]}
        assert client.post("/v2/namespaces/bp", json=patch).status_code == 200
        assert client.post("/v2/namespaces/bp", json={"upsert_rows": [{"id": 99}]}).status_code == 200
