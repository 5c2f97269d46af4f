"""Cross-client: the official ``turbopuffer`` client and the generated client give the same results.

1. A scripted namespace life (write, every kind of query, patch/delete, conditional write, schema,
   metadata, listing, errors, delete) runs through each client in its own namespace; every step's
   result (or error status and server message) must be identical after removing what legitimately
   differs between two runs (timings, billing estimates, timestamps, the namespace prefix).
2. The same scripted life through the TypeScript client (generated-ts/, driven by a node script):
   all three clients give identical results, step by step.
3. Query bodies generated from the spec (hypothesis, fixed seed) run through both clients against
   one seeded namespace: same rows, aggregations or error.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from contract_harness import case_counts
from contract_harness.generated_handle import GeneratedClient
from contract_harness.official_client import OfficialClient
from contract_harness.paths import SPEC_PATH
from contract_harness.scenarios import CATALOGUE, CATALOGUE_STEPS, Outcome, Step
from contract_harness.seed_data import seed_all, seed_namespaces
from contract_harness.spec_operations import operation
from contract_harness.typescript_client import TypeScriptClient
from hypothesis import given, note

SUITE = "cross-client (official vs generated)"
SEED_PREFIX = "xc-seed-"


@pytest.fixture(scope="module")
def clients(contract_emulator):
    return (
        OfficialClient(contract_emulator.base_url, contract_emulator.api_key),
        GeneratedClient(contract_emulator.base_url, contract_emulator.api_key),
    )


def _show(outcome: dict) -> str:
    return json.dumps(outcome, indent=1, sort_keys=True, default=str)[:3000]


@pytest.mark.parity(
    "POST /v2/namespaces/{namespace}",
    "POST /v2/namespaces/{namespace}/query",
    "POST /v2/namespaces/{namespace}/explain_query",
    "GET /v1/namespaces/{namespace}/schema",
    "POST /v1/namespaces/{namespace}/schema",
    "GET /v2/namespaces/{namespace}/metadata",
    "GET /v1/namespaces/{namespace}/hint_cache_warm",
    "GET /v1/namespaces",
    "DELETE /v2/namespaces/{namespace}",
)
def test_scripted_namespace_life_gives_the_same_results(clients):
    prefixes = {client.name: f"xc-{index}-" for index, client in enumerate(clients)}
    outcomes: dict[str, list[Outcome]] = {client.name: [] for client in clients}
    for client in clients:
        prefix = prefixes[client.name]
        for step in CATALOGUE_STEPS:
            outcomes[client.name].append(client.run(f"{prefix}{CATALOGUE}", step, prefix))

    official, generated = (client.name for client in clients)
    for index, step in enumerate(CATALOGUE_STEPS):
        case_counts.record(SUITE, operation(step.operation).label, "scripted")
        left = outcomes[official][index].normalised(prefixes[official])
        right = outcomes[generated][index].normalised(prefixes[generated])
        is_error_step = step.label.startswith("error:")
        assert ("error_status" in left) == is_error_step, (
            f"official client, step {step.label!r}: {_show(left)}"
        )
        assert left == right, (
            f"step {index} {step.label!r} ({step.operation}) differs\n"
            f"official:  {_show(left)}\ngenerated: {_show(right)}"
        )


@pytest.mark.timeout(600)
def test_typescript_client_gives_the_same_results_as_both_python_clients(clients, contract_emulator):
    typescript = TypeScriptClient(contract_emulator.base_url, contract_emulator.api_key)
    prefixes = {client.name: f"xc3-{index}-" for index, client in enumerate((*clients, typescript))}
    outcomes: dict[str, list[Outcome]] = {
        client.name: [
            client.run(f"{prefixes[client.name]}{CATALOGUE}", step, prefixes[client.name])
            for step in CATALOGUE_STEPS
        ]
        for client in clients
    }
    ts_prefix = prefixes[typescript.name]
    outcomes[typescript.name] = typescript.run_all(f"{ts_prefix}{CATALOGUE}", CATALOGUE_STEPS, ts_prefix)

    for index, step in enumerate(CATALOGUE_STEPS):
        left, middle, right = (outcomes[name][index].normalised(prefix) for name, prefix in prefixes.items())
        assert ("error_status" in right) == step.label.startswith("error:"), (
            f"TypeScript client, step {step.label!r}: {_show(right)}"
        )
        assert left == middle == right, (
            f"step {index} {step.label!r} ({step.operation}) differs\n"
            f"official:   {_show(left)}\ngenerated:  {_show(middle)}\nTypeScript: {_show(right)}"
        )


QUERY = operation("query")
QUERY_SCHEMA = schemathesis.openapi.from_path(SPEC_PATH)[QUERY.path][QUERY.method]


@pytest.mark.timeout(600)
def test_generated_queries_give_the_same_results(clients, contract_emulator, contract_budget):
    seeds = seed_namespaces(SEED_PREFIX)
    seed_all(contract_emulator.base_url, contract_emulator.api_key, seeds)
    outcomes_seen = {"rows": 0, "errors": 0}

    @contract_budget.hypothesis(contract_budget.cross_client_examples)
    @given(case=QUERY_SCHEMA.as_strategy(path_parameters={"namespace": seeds[0].name}))
    def check(case):
        note(f"body={case.body!r}")
        case_counts.record(SUITE, QUERY.label, "generated")
        results = [client.run(seeds[0].name, _step(case.body), "") for client in clients]
        left, right = (result.normalised("") for result in results)
        outcomes_seen["errors" if "error_status" in left else "rows"] += 1
        assert left == right, f"official:  {_show(left)}\ngenerated: {_show(right)}"

    check()
    assert outcomes_seen["rows"] > 0, (
        f"no generated query succeeded, only errors were compared: {outcomes_seen}"
    )


def _step(body) -> Step:
    return Step("generated query", "query", body)
