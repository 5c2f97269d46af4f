"""Server conformance: schemathesis against a real emulator process, every operation of the spec.

Positive and negative cases (examples, coverage and fuzzing phases), then stateful sequences, all
built-in checks plus ours (``contract_harness/custom_checks.py``), Bearer auth from the config and
a run that fails on the ``missing_auth`` warning. Half of the generated ``namespace`` parameters
are seeded namespaces, so queries reach real documents and not only 404s.
"""

from __future__ import annotations

import pytest
from conftest import emulator_process
from contract_harness import case_counts
from contract_harness.runner import RunResult, run_schemathesis
from contract_harness.seed_data import seed_all, seed_namespaces
from contract_harness.spec_operations import operation, spec_operations

SEED_PREFIX = "contract-seed-"
STATELESS_PHASES = ("examples", "coverage", "fuzzing")


@pytest.fixture(scope="module")
def seeded_emulator(contract_emulator):
    seed_all(contract_emulator.base_url, contract_emulator.api_key, seed_namespaces(SEED_PREFIX))
    return contract_emulator


def _run(server, budget, reports_dir, *, name: str, phases, **options) -> RunResult:
    seed_all(server.base_url, server.api_key, seed_namespaces(SEED_PREFIX))  # whatever ran before
    result = _run_schemathesis(server, budget, reports_dir, name=name, phases=phases, **options)
    for line in result.summary().splitlines():
        if "documented exclusions" in line:
            case_counts.note(f"schemathesis run '{name}':{line}")
    return result


def _run_schemathesis(server, budget, reports_dir, *, name: str, phases, **options) -> RunResult:
    return run_schemathesis(
        name=name,
        base_url=server.base_url,
        api_key=server.api_key,
        budget=budget,
        report_dir=reports_dir,
        phases=phases,
        seed_prefix=SEED_PREFIX,
        seeded_namespaces=[seed.name for seed in seed_namespaces(SEED_PREFIX)],
        **options,
    )


@pytest.mark.timeout(900)
def test_every_operation_conforms_in_positive_and_negative_mode(
    seeded_emulator, contract_budget, contract_reports_dir
):
    result = _run(
        seeded_emulator, contract_budget, contract_reports_dir, name="server", phases=STATELESS_PHASES
    )
    case_counts.record_run("server conformance (schemathesis, stateless)", result.case_counts)

    assert result.passed, result.explain()
    missing = [
        f"{op.label} ({mode})"
        for op in spec_operations()
        for mode in ("positive", "negative")
        if not any(key.endswith(f"/{mode}") for key in result.case_counts.get(op.label, {}))
    ]
    assert not missing, f"operations without generated cases: {missing}"
    # The custom checks must have verified real writes and deletes, not only skipped.
    for check in ("written_documents_readable", "query_after_delete_finds_nothing"):
        assert result.check_hits.get(check, 0) > 0, f"custom check {check} never applied: {result.check_hits}"
    query = operation("query").label
    assert result.statuses.get(query, {}).get("200", 0) > 0, (
        f"no query reached data: {result.statuses.get(query)}"
    )


@pytest.mark.timeout(900)
def test_stateful_sequences_conform(seeded_emulator, contract_budget, contract_reports_dir):
    result = _run(
        seeded_emulator, contract_budget, contract_reports_dir, name="server-stateful", phases=("stateful",)
    )
    case_counts.record_run("server conformance (schemathesis, stateful)", result.case_counts)

    assert result.passed, result.explain()
    stateful = (result.report.get("phases") or {}).get("stateful") or {}
    assert stateful.get("status") not in (None, "skip"), f"the stateful phase did not run: {stateful}"
    assert sum(sum(b.values()) for b in result.case_counts.values()) > 0


def test_a_wrong_api_key_fails_the_run(seeded_emulator, contract_budget, contract_reports_dir):
    """Without `fail-on = missing_auth` every call would be a 401 and the run would still pass."""
    result = run_schemathesis(
        name="server-wrong-key",
        base_url=seeded_emulator.base_url,
        api_key="not-the-emulator-key",
        budget=contract_budget,
        report_dir=contract_reports_dir,
        phases=("fuzzing",),
        mode="positive",
        include_operation_ids=["getSchema"],
    )
    assert not result.passed, result.explain()
    assert result.report["warnings"].get("missing_auth"), result.explain()


@pytest.mark.timeout(600)
def test_rate_limited_answers_conform_and_carry_retry_after(contract_budget, contract_reports_dir, tmp_path):
    """Against an emulator limited to 20 requests/s, the 429s must be documented answers with Retry-After."""
    with emulator_process(tmp_path / "data", "--rate-limit", "20") as server:
        result = _run(
            server,
            contract_budget,
            contract_reports_dir,
            name="server-rate-limited",
            phases=("fuzzing",),
            mode="positive",
            include_operation_ids=["query", "getSchema", "write"],
        )
    case_counts.record_run("server conformance (schemathesis, rate-limited emulator)", result.case_counts)
    assert result.passed, result.explain()
    assert result.check_hits.get("rate_limited_response_has_retry_after", 0) > 0, (
        f"no 429 was produced: {result.statuses}"
    )
