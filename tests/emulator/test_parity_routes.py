"""Routes and response shapes that must match the hosted service (issue 14, parity items 4-7).

Each test runs over real HTTP against the session emulator: through the official ``turbopuffer``
client where it can express the call, with httpx where it cannot (it never sends to
``/multi-query`` and hides the ``Location`` header of a start-copy answer). The spec side of each
item is checked against spec/turbopuffer.yaml's own schemas, so the document users generate
clients from says the same thing the emulator does.
"""

from __future__ import annotations

import pytest

from tests.spec.openapi_document import load_spec, validation_errors

ROWS = [
    {"id": 1, "vector": [1.0, 0.0], "color": "red"},
    {"id": 2, "vector": [0.0, 1.0], "color": "blue"},
    {"id": 3, "vector": [0.9, 0.1], "color": "red"},
]


@pytest.fixture
def seeded(tpuf, unique_ns) -> str:
    tpuf.namespace(unique_ns).write(upsert_rows=ROWS, distance_metric="euclidean_squared")
    return unique_ns


def _schema(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _operation(method: str, path: str) -> dict:
    return load_spec()["paths"][path][method]


# ---- Parity #4: start copy answers 202 with a Location to poll ------------------------------------


@pytest.mark.parity("POST /v2/namespaces/{namespace}/async")
def test_start_copy_answers_202_with_the_operation_location(api, seeded):
    """Parity #4: `POST /v2/namespaces/{ns}/async` is 202 Accepted with
    `Location: /v1/namespaces/{ns}/operations/{token}`, and that URL reports the finished copy."""
    target = f"{seeded}-copy"
    answer = api.post(f"/v2/namespaces/{target}/async", json={"copy_from_namespace": seeded})
    assert answer.status_code == 202, answer.text
    token = answer.json()["token"]
    assert answer.headers["location"] == f"/v1/namespaces/{target}/operations/{token}"
    # Not a respond-async answer: clients must take this 202 as the final answer to the request.
    assert "preference-applied" not in answer.headers

    polled = api.get(answer.headers["location"])
    assert polled.status_code == 200, polled.text
    state = polled.json()
    assert state["status"] == "finished" and state["result"]["success"]["rows_affected"] == len(ROWS)


@pytest.mark.parity("POST /v2/namespaces/{namespace}/async")
def test_start_copy_through_the_official_client(tpuf, seeded):
    """Parity #4: the official client takes the 202 as success and can poll the token it returns."""
    target = tpuf.namespace(f"{seeded}-copy")
    started = target.start_copy_from(source_namespace=seeded)
    state = target.poll_copy_from(started.token)
    assert state.status == "finished" and state.result.success.rows_affected == len(ROWS)
    rows = target.query(rank_by=("id", "asc"), top_k=10).rows
    assert [row.id for row in rows] == [1, 2, 3]


def test_the_spec_documents_the_202_and_its_location():
    """Parity #4, spec side: the only success status is 202, and it declares a required Location."""
    responses = _operation("post", "/v2/namespaces/{namespace}/async")["responses"]
    assert [status for status in responses if status.startswith("2")] == ["202"]
    location = responses["202"]["headers"]["Location"]
    assert location == {"$ref": "#/components/headers/Location"}
    assert load_spec()["components"]["headers"]["Location"]["required"] is True


# ---- Parity #5: /multi-query is a route --------------------------------------------------------------

MULTI = {
    "queries": [
        {"rank_by": ["vector", "ANN", [1.0, 0.0]], "limit": 2, "include_attributes": ["color"]},
        {"aggregate_by": {"n": ["Count"]}, "filters": ["color", "Eq", "red"]},
    ]
}


@pytest.mark.parity("POST /v2/namespaces/{namespace}/multi-query")
def test_multi_query_route_answers_like_a_multi_query_via_query(api, tpuf, seeded):
    """Parity #5: `POST /v2/namespaces/{ns}/multi-query` serves a multi-query, with the same results
    as the official client's multi-query (which it sends to `/query`)."""
    answer = api.post(f"/v2/namespaces/{seeded}/multi-query", json=MULTI)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert validation_errors(_schema("MultiQueryResult"), body) == []
    official = tpuf.namespace(seeded).multi_query(
        queries=[
            {"rank_by": ("vector", "ANN", [1.0, 0.0]), "top_k": 2, "include_attributes": ["color"]},
            {"aggregate_by": {"n": ("Count",)}, "filters": ("color", "Eq", "red")},
        ]
    )
    assert [[row.id for row in result.rows] for result in official.results[:1]] == [[1, 3]]
    assert [row["id"] for row in body["results"][0]["rows"]] == [1, 3]
    assert body["results"][0]["rows"][1]["color"] == "red"
    assert body["results"][1]["aggregations"] == {"n": 2} == official.results[1].aggregations


@pytest.mark.parity("POST /v2/namespaces/{namespace}/multi-query", "rrf-fusion")
def test_multi_query_route_fuses_with_rrf(api, seeded):
    """Parity #5: the route takes the whole multi-query body, `rerank_by` included."""
    body = {
        "queries": [
            {"rank_by": ["vector", "ANN", [1.0, 0.0]], "limit": 3},
            {"rank_by": ["id", "desc"], "limit": 3},
        ],
        "rerank_by": ["RRF"],
        "limit": 2,
    }
    answer = api.post(f"/v2/namespaces/{seeded}/multi-query", json=body)
    assert answer.status_code == 200, answer.text
    (fused,) = answer.json()["results"]
    assert len(fused["rows"]) == 2


def test_multi_query_route_takes_only_multi_queries(api, seeded):
    """Parity #5: a single query sent to `/multi-query` is a wrong JSON shape (serde's wording)."""
    answer = api.post(f"/v2/namespaces/{seeded}/multi-query", json={"rank_by": ["id", "asc"], "limit": 1})
    assert answer.status_code == 422, answer.text
    assert answer.json() == {"status": "error", "error": "missing field `queries`"}


def test_multi_query_route_on_an_unknown_namespace_is_404(api, unique_ns):
    """Parity #5: the route reads a namespace like `/query` does: the same 404 and message."""
    answer = api.post(f"/v2/namespaces/{unique_ns}/multi-query", json=MULTI)
    via_query = api.post(f"/v2/namespaces/{unique_ns}/query", json=MULTI)
    assert (answer.status_code, answer.json()) == (404, via_query.json()), answer.text


def test_the_spec_describes_both_multi_query_paths():
    """Parity #5, spec side: `/multi-query` takes a MultiQueryRequest and answers MultiQueryResult;
    `/query` still takes multi-queries too."""
    operation = _operation("post", "/v2/namespaces/{namespace}/multi-query")
    request = operation["requestBody"]["content"]["application/json"]["schema"]
    assert request == _schema("MultiQueryRequest")
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == _schema(
        "MultiQueryResult"
    )
    query_request = _operation("post", "/v2/namespaces/{namespace}/query")["requestBody"]
    assert validation_errors(query_request["content"]["application/json"]["schema"], MULTI) == []
    assert validation_errors(request, {"rank_by": ["id", "asc"], "limit": 1}) != []


# ---- Parity #6: consistency.level is optional --------------------------------------------------------


@pytest.mark.parity("query.consistency")
def test_consistency_without_level_is_valid(tpuf, seeded):
    """Parity #6: `consistency: {}` is a valid query (strong, the default), in the spec and the
    emulator. The official client's types require `level`, but it sends what it is given."""
    for schema in ("QueryRequest", "MultiQueryRequest"):
        body = {"consistency": {}} | (
            {"queries": [{"rank_by": ["id", "asc"], "limit": 1}]}
            if schema == "MultiQueryRequest"
            else {"rank_by": ["id", "asc"], "limit": 1}
        )
        assert validation_errors(_schema(schema), body) == [], schema
    assert validation_errors(_schema("Consistency"), {"level": "sometimes"}) != []
    ns = tpuf.namespace(seeded)
    rows = ns.query(rank_by=("id", "asc"), top_k=3, consistency={}).rows  # type: ignore[typeddict-item]
    assert [row.id for row in rows] == [1, 2, 3]
    multi = ns.multi_query(queries=[{"rank_by": ("id", "desc"), "top_k": 1}], consistency={})  # type: ignore[typeddict-item]
    assert [row.id for row in multi.results[0].rows] == [3]


# ---- Parity #7: Row.vector and next_cursor are omitted, never null -----------------------------------


def test_a_row_without_a_vector_omits_the_key(api, unique_ns):
    """Parity #7: a document with no `vector` value has no `vector` key in its row, also when
    `include_attributes` names it (the only way the emulator can store one: `vector` declared as a
    plain array attribute, which documents may leave out)."""
    written = api.post(
        f"/v2/namespaces/{unique_ns}",
        json={
            "upsert_rows": [{"id": 1, "vector": [1, 2]}, {"id": 2}],
            "schema": {"vector": {"type": "[]int"}},
        },
    )
    assert written.status_code == 200, written.text
    for include in (["vector"], True):
        answer = api.post(
            f"/v2/namespaces/{unique_ns}/query",
            json={"rank_by": ["id", "asc"], "limit": 5, "include_attributes": include},
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["rows"] == [{"id": 1, "vector": [1, 2]}, {"id": 2}], include
        assert validation_errors(_schema("QueryResult"), answer.json()) == []


def test_the_last_namespace_page_omits_next_cursor(tpuf, api, unique_ns):
    """Parity #7: `next_cursor` is present while more pages exist and absent (not null) on the last."""
    for suffix in ("a", "b"):
        tpuf.namespace(f"{unique_ns}-{suffix}").write(upsert_rows=[{"id": 1}])
    first = api.get("/v1/namespaces", params={"prefix": unique_ns, "page_size": 1}).json()
    assert [ns["id"] for ns in first["namespaces"]] == [f"{unique_ns}-a"] and first["next_cursor"]
    last = api.get(
        "/v1/namespaces", params={"prefix": unique_ns, "page_size": 1, "cursor": first["next_cursor"]}
    ).json()
    assert last == {"namespaces": [{"id": f"{unique_ns}-b"}]}
    listed = [ns.id for ns in tpuf.namespaces(prefix=unique_ns, page_size=1)]
    assert listed == [f"{unique_ns}-a", f"{unique_ns}-b"]


def test_the_spec_does_not_allow_null_vector_or_next_cursor():
    """Parity #7, spec side: `null` is not a valid `Row.vector` nor a valid listing `next_cursor`."""
    assert validation_errors(_schema("Row"), {"id": 1, "vector": None}) != []
    assert validation_errors(_schema("Row"), {"id": 1, "vector": [0.5, 1.0]}) == []
    assert validation_errors(_schema("ListNamespacesResult"), {"namespaces": [], "next_cursor": None}) != []
    assert validation_errors(_schema("ListNamespacesResult"), {"namespaces": []}) == []
