"""Client contract: schemathesis cases pushed THROUGH the generated client, for every operation.

For each positive case of an operation (hypothesis, fixed seed and budget; half of the cases aim
at seeded namespaces so answers carry real documents), against a real emulator process:

(a) the client sends exactly the case's path, query string and JSON body (captured with httpx
    event hooks; absent optional parameters are passed as UNSET, so the client may add nothing);
(b) the raw response passes schemathesis' response checks (``case.validate_response``);
(c) on 2xx the parsed model's ``to_dict()`` is exactly the response JSON;
(d) on an error status the client raises the exception documented for that status, carrying the
    server's own ``error`` message.
"""

from __future__ import annotations

import pytest
import schemathesis
from contract_harness import case_counts
from contract_harness.generated_client import (
    call_through_generated_client,
    new_client,
    strict_json_equal,
)
from contract_harness.paths import SPEC_PATH
from contract_harness.seed_data import http_client, seed_all, seed_namespaces, write_seed
from contract_harness.spec_operations import SpecOperation, operation, spec_operations
from hypothesis import given, note
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from schemathesis.checks import not_a_server_error
from schemathesis.core import NOT_SET
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

SEED_PREFIX = "client-seed-"
SUITE = "client contract (generated client)"
RESPONSE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# The exception the generated client documents for each error status (as the official client).
EXPECTED_ERRORS = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    413: "PayloadTooLargeError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
}

SCHEMA = schemathesis.openapi.from_path(SPEC_PATH)


@pytest.fixture(scope="module")
def seeded_server(contract_emulator):
    seed_all(contract_emulator.base_url, contract_emulator.api_key, seed_namespaces(SEED_PREFIX))
    return contract_emulator


def _expected_error(status: int) -> str:
    return "InternalServerError" if status >= 500 else EXPECTED_ERRORS.get(status, "APIStatusError")


def _cases(operation: SpecOperation):
    api_operation = SCHEMA[operation.path][operation.method]
    seeded = [s.name for s in seed_namespaces(SEED_PREFIX)]
    if "{namespace}" not in operation.path:
        return api_operation.as_strategy()
    return st.one_of(st.sampled_from(seeded), st.none()).flatmap(
        lambda name: api_operation.as_strategy(path_parameters={"namespace": name} if name else None)
    )


@pytest.mark.timeout(600)
@pytest.mark.parametrize("operation", spec_operations(), ids=lambda op: op.operation_id)
def test_cases_through_generated_client(operation: SpecOperation, seeded_server, contract_budget):
    sink: list = []
    client = new_client(seeded_server.base_url, seeded_server.api_key, sink)

    @contract_budget.hypothesis(contract_budget.client_examples)
    @given(case=_cases(operation))
    def check(case):
        assert_client_contract(case, operation, client, sink, seeded_server)

    check()


def assert_client_contract(case, operation: SpecOperation, client, sink: list, server) -> None:
    """(a)-(d) of the module docstring for one case."""
    seeds = {s.name: s for s in seed_namespaces(SEED_PREFIX)}
    _note(f"{case.method} {case.formatted_path} query={case.query!r} headers={dict(case.headers or {})!r}")
    _note(f"body={case.body!r}")
    exchange = call_through_generated_client(client, sink, case, operation.operation_id)
    request, response = exchange.request, exchange.response
    assert request is not None and response is not None, "the client sent nothing"
    case_counts.record(SUITE, operation.label, f"HTTP {response.status_code}")

    # (a) exactly the case's path, query and body
    expected_path = operation.path.format(**{k: str(v) for k, v in case.path_parameters.items()})
    assert request.url.path == expected_path, f"path {request.url.path!r} != {expected_path!r}"
    sent_query = dict(request.url.params.multi_items())
    expected_query = {k: _query_text(v) for k, v in (case.query or {}).items()}
    assert sent_query == expected_query, f"query {sent_query!r} != {expected_query!r}"
    if case.body is not NOT_SET:
        assert strict_json_equal(exchange.sent_json(), case.body), (
            f"the client sent {exchange.sent_json()!r}, the case body is {case.body!r}"
        )
    for name, value in exchange.sent_headers.items():
        assert request.headers.get(name) == value, f"header {name}: sent {request.headers.get(name)!r}"

    # (b) schemathesis' response checks on the raw response
    case.validate_response(response, checks=RESPONSE_CHECKS)

    # (c) / (d)
    if 200 <= response.status_code < 300:
        assert exchange.error is None
        to_dict = exchange.parsed.to_dict() if hasattr(exchange.parsed, "to_dict") else exchange.parsed
        assert strict_json_equal(to_dict, response.json()), (
            f"parsed model {type(exchange.parsed).__name__}.to_dict() = {to_dict!r}\n"
            f"differs from the response JSON {response.json()!r}"
        )
    else:
        error = exchange.error
        assert error is not None, f"status {response.status_code} did not raise"
        assert type(error).__name__ == _expected_error(response.status_code), (
            f"status {response.status_code} raised {type(error).__name__}"
        )
        assert error.status_code == response.status_code
        assert error.message == response.json()["error"], f"{error.message!r} != server message"

    if case.method.upper() == "DELETE" and case.path_parameters.get("namespace") in seeds:
        with http_client(server.base_url, server.api_key) as raw:
            write_seed(raw, seeds[case.path_parameters["namespace"]])


def _note(text: str) -> None:
    """Hypothesis' note() inside a hypothesis test, nothing for the explicit cases."""
    try:
        note(text)
    except InvalidArgument:
        pass


PRODUCTS = f"{SEED_PREFIX}products"
ARTICLES = f"{SEED_PREFIX}articles"
# Realistic requests every release must get right, whatever hypothesis happens to draw: reads of
# seeded documents with every attribute kind (strings, numbers, arrays, vectors), aggregations,
# multi-queries, a write with affected ids.
REALISTIC = [
    ("query", PRODUCTS, {"rank_by": ["id", "asc"], "limit": 5, "include_attributes": True}),
    (
        "query",
        PRODUCTS,
        {"rank_by": ["vector", "ANN", [0.1, 0.2, 0.3, 0.4]], "limit": 3, "include_attributes": ["title"]},
    ),
    (
        "query",
        ARTICLES,
        {"rank_by": ["body", "BM25", "fox city"], "limit": 3, "include_attributes": ["author", "views"]},
    ),
    ("query", PRODUCTS, {"aggregate_by": {"n": ["Count"]}, "group_by": ["category"]}),
    (
        "query",
        PRODUCTS,
        {"queries": [{"rank_by": ["id", "asc"], "limit": 2}, {"rank_by": ["price", "desc"], "limit": 2}]},
    ),
    (
        "multiQuery",
        PRODUCTS,
        {
            "queries": [{"rank_by": ["id", "asc"], "limit": 2}, {"aggregate_by": {"n": ["Count"]}}],
            "consistency": {},
        },
    ),
    ("explainQuery", PRODUCTS, {"rank_by": ["price", "asc"], "limit": 3}),
    ("getSchema", ARTICLES, NOT_SET),
    ("getMetadata", PRODUCTS, NOT_SET),
    (
        "write",
        ARTICLES,
        {
            "upsert_rows": [{"id": "article-99", "vector": [1.0, 0.5, 1.0], "body": "a new fox", "views": 3}],
            "distance_metric": "euclidean_squared",
            "return_affected_ids": True,
        },
    ),
]


@pytest.mark.parametrize(
    ("operation_id", "namespace", "body"), REALISTIC, ids=lambda v: v if isinstance(v, str) else ""
)
def test_realistic_requests_through_generated_client(operation_id, namespace, body, seeded_server):
    seeds = {s.name: s for s in seed_namespaces(SEED_PREFIX)}
    with http_client(seeded_server.base_url, seeded_server.api_key) as raw:
        write_seed(raw, seeds[namespace])  # fresh: generated cases may have made it read-only, or changed it
    sink: list = []
    client = new_client(seeded_server.base_url, seeded_server.api_key, sink)
    spec_op = operation(operation_id)
    case = SCHEMA[spec_op.path][spec_op.method].Case(path_parameters={"namespace": namespace}, body=body)
    assert_client_contract(case, spec_op, client, sink, seeded_server)
    assert 200 <= sink[-1].response.status_code < 300, sink[-1].response.text


def _query_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
