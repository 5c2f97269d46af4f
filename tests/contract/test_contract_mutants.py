"""The suite must FAIL against a deliberately broken emulator.

Each mutant is the real emulator app, served in a thread of this process (``tpuf_emulator.run``)
and wrapped in one ASGI middleware that breaks one promise (``contract_harness/mutants.py``): a
renamed required response field, renamed query rows, an undocumented status code, a delete that deletes nothing, values that do not read back,
a 429 without Retry-After, authentication that accepts anything. The same runner that checks the
real emulator runs against it and must report a failure of the expected kind.
"""

from __future__ import annotations

import dataclasses

import pytest
import tpuf_emulator
from contract_harness import mutants
from contract_harness.runner import run_schemathesis
from contract_harness.seed_data import seed_all, seed_namespaces

API_KEY = "contract-mutant-key"
SEED_PREFIX = "mutant-seed-"


@dataclasses.dataclass(frozen=True)
class Mutant:
    name: str
    wrap: object
    operation_ids: tuple[str, ...]
    expected_failure: str  # JSON report failure `type`, or the title of one of our custom checks
    mode: str = "all"


MUTANTS = [
    Mutant(
        "renamed-required-field",
        mutants.renamed_required_write_field,
        ("write",),
        "JsonSchemaError",
        mode="positive",
    ),
    Mutant(
        "renamed-rows-field",
        mutants.renamed_rows_field,
        ("write", "query"),
        "Custom check failed: `written_documents_readable`",
        mode="positive",
    ),
    Mutant("unknown-namespace-410", mutants.unknown_namespace_is_410, ("getSchema",), "UndefinedStatusCode"),
    Mutant(
        "delete-ignored",
        mutants.delete_is_ignored,
        ("deleteNamespace",),
        "Custom check failed: `query_after_delete_finds_nothing`",
        mode="positive",
    ),
    Mutant(
        "values-upper-cased",
        mutants.string_attributes_upper_cased,
        ("write",),
        "Custom check failed: `written_documents_readable`",
        mode="positive",
    ),
    Mutant(
        "429-without-retry-after",
        mutants.rate_limited_without_retry_after,
        ("query",),
        "Custom check failed: `rate_limited_response_has_retry_after`",
        mode="positive",
    ),
    Mutant(
        "any-token-accepted",
        lambda app: mutants.any_token_accepted(app, API_KEY),
        ("getSchema",),
        "IgnoredAuth",
        mode="positive",
    ),
]


@pytest.mark.timeout(600)
@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.name)
def test_suite_fails_against_mutant(mutant: Mutant, contract_budget, contract_reports_dir, tmp_path):
    seeds = seed_namespaces(SEED_PREFIX)
    budget = dataclasses.replace(contract_budget, server_examples=min(contract_budget.server_examples, 15))
    with tpuf_emulator.run(mode="thread", api_key=API_KEY, wrap_app=mutant.wrap) as server:
        base_url = server.base_url
        seed_all(base_url, API_KEY, seeds)
        result = run_schemathesis(
            name=f"mutant-{mutant.name}",
            base_url=base_url,
            api_key=API_KEY,
            budget=budget,
            report_dir=contract_reports_dir / "mutants",
            mode=mutant.mode,
            phases=("examples", "coverage", "fuzzing"),
            seed_prefix=SEED_PREFIX,
            seeded_namespaces=[seed.name for seed in seeds],
            include_operation_ids=mutant.operation_ids,
        )
    assert not result.passed, f"the suite PASSED against mutant {mutant.name}:\n{result.explain()}"
    found = {failure["type"] for failure in result.report["failures"]} | {
        failure["title"] for failure in result.report["failures"]
    }
    assert mutant.expected_failure in found, (
        f"expected {mutant.expected_failure!r} in {found}\n{result.explain()}"
    )
