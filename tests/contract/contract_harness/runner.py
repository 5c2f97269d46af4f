"""Run ``schemathesis run`` (the CLI, in its own process) against a server and collect the verdict.

The CLI rather than ``schema.parametrize()``: it is the one place where every phase (examples,
coverage, fuzzing, stateful), every check, the warning policy (``missing_auth`` fails the run)
and the JUnit/JSON reports come together exactly as a user running schemathesis gets them.
Its own process also keeps its hooks and hypothesis state out of the pytest session.

Settings shared by all runs live in the repository's ``schemathesis.toml``; a run copies it and
appends what is per-run: the Bearer key (as a ``${TPUF_CONTRACT_API_KEY}`` placeholder, never
the key itself), the stateful step budget, the dictionary of seeded namespace names and the parameter binding that
draws ``namespace`` from it part of the time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .budgets import Budget
from .paths import CONTRACT_TESTS_DIR, HOOKS_FILE, REPO_ROOT, SCHEMATHESIS_CONFIG, SPEC_PATH

ALL_PHASES = ("examples", "coverage", "fuzzing", "stateful")
# Probability that a generated `namespace` path parameter is one of the seeded names.
SEEDED_NAMESPACE_PROBABILITY = 0.5


@dataclass
class RunResult:
    """What one schemathesis run did: exit code, terminal output, JSON report and our counters."""

    name: str
    command: list[str]
    exit_code: int
    output: str
    report: dict[str, Any]
    junit_path: Path
    case_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    statuses: dict[str, dict[str, int]] = field(default_factory=dict)
    check_hits: dict[str, int] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.exit_code == 0

    @property
    def failure_titles(self) -> list[str]:
        return [
            f"{f['code']} {f['title']} ({', '.join(f['operations'])})"
            for f in self.report.get("failures", [])
        ]

    def cases_for(self, label: str) -> int:
        return sum(self.case_counts.get(label, {}).values())

    def summary(self) -> str:
        lines = [f"schemathesis run '{self.name}': exit code {self.exit_code}"]
        cases = self.report.get("test_cases") or {}
        lines.append(f"  generated {cases.get('generated')} cases, failures: {self.failure_titles or 'none'}")
        warnings = {name: labels for name, labels in (self.report.get("warnings") or {}).items() if labels}
        if warnings:
            lines.append(f"  warnings: {warnings}")
        excluded = {name: n for name, n in self.check_hits.items() if name.startswith("known_gap:")}
        if excluded or self.check_hits.get("null_as_absent_exclusion"):
            lines.append(
                f"  documented exclusions applied: {excluded} null-as-absent "
                f"{self.check_hits.get('null_as_absent_exclusion', 0)}"
            )
        return "\n".join(lines)

    def explain(self) -> str:
        """The verdict plus the CLI's own failure report (it carries curl reproductions)."""
        output = self.output
        if len(output) > 12_000:
            output = output[:4_000] + "\n[... output cut ...]\n" + output[-8_000:]
        return f"{self.summary()}\nJUnit: {self.junit_path}\n{output}"


def run_schemathesis(
    *,
    name: str,
    base_url: str,
    api_key: str,
    budget: Budget,
    report_dir: Path,
    mode: str = "all",
    phases: Sequence[str] = ALL_PHASES,
    seed_prefix: str | None = None,
    seeded_namespaces: Sequence[str] = (),
    live_prefix: str | None = None,
    include_operation_ids: Sequence[str] = (),
    exclude_operation_ids: Sequence[str] = (),
    exclude_checks: Sequence[str] = (),
    max_failures: int | None = None,
    timeout: float = 900,
    spec_path: Path = SPEC_PATH,
    sanitize_output: bool = False,
) -> RunResult:
    """Run the CLI once; never raises for test failures (inspect ``RunResult``).

    ``sanitize_output`` hides secrets (Authorization, api keys) in the printed reproductions: on for
    the hosted service; off against the emulator, whose development key is no secret.
    """
    report_dir.mkdir(parents=True, exist_ok=True)
    config_path = report_dir / f"schemathesis-{name}.toml"
    config_path.write_text(_config_text(seeded_namespaces, budget), encoding="utf-8")
    junit_path = report_dir / f"schemathesis-{name}.junit.xml"
    json_path = report_dir / f"schemathesis-{name}.json"
    stats_path = report_dir / f"schemathesis-{name}.stats.json"
    for stale in (junit_path, json_path, stats_path):
        stale.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config_path),
        "run",
        str(spec_path),
        "--url",
        base_url,
        "--mode",
        mode,
        "--phases",
        ",".join(phases),
        "--seed",
        str(budget.seed),
        "--max-examples",
        str(budget.server_examples),
        "--report",
        "junit,json",
        "--report-junit-path",
        str(junit_path),
        "--report-json-path",
        str(json_path),
        "--no-color",
        # Reproductions must show the exact values; only a run with a real key (live) hides them.
        "--output-sanitize",
        "true" if sanitize_output else "false",
        "--output-truncate",
        "false",
    ]
    for operation_id in include_operation_ids:
        command += ["--include-operation-id", operation_id]
    for operation_id in exclude_operation_ids:
        command += ["--exclude-operation-id", operation_id]
    if exclude_checks:
        command += ["--exclude-checks", ",".join(exclude_checks)]
    if max_failures is not None:
        command += ["--max-failures", str(max_failures)]
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": str(HOOKS_FILE),
        "TPUF_CONTRACT_BASE_URL": base_url,
        "TPUF_CONTRACT_API_KEY": api_key,
        "TPUF_CONTRACT_STATS": str(stats_path),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(CONTRACT_TESTS_DIR), os.environ.get("PYTHONPATH")])),
    }
    env.pop("TPUF_CONTRACT_SEED_PREFIX", None)
    env.pop("TPUF_CONTRACT_LIVE_PREFIX", None)
    if seed_prefix is not None:
        env["TPUF_CONTRACT_SEED_PREFIX"] = seed_prefix
    if live_prefix is not None:
        env["TPUF_CONTRACT_LIVE_PREFIX"] = live_prefix
    completed = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    report = json.loads(json_path.read_text()) if json_path.exists() else {}
    stats = json.loads(stats_path.read_text()) if stats_path.exists() else {}
    return RunResult(
        name=name,
        command=command,
        exit_code=completed.returncode,
        output=completed.stdout + completed.stderr,
        report=report,
        junit_path=junit_path,
        case_counts=stats.get("case_counts", {}),
        statuses=stats.get("statuses", {}),
        check_hits=stats.get("check_hits", {}),
    )


def _config_text(seeded_namespaces: Sequence[str], budget: Budget) -> str:
    """The repository's schemathesis.toml plus this run's tables (checked to parse as TOML)."""
    text = SCHEMATHESIS_CONFIG.read_text(encoding="utf-8")
    extra = [
        "",
        "# ---- appended per run by tests/contract/contract_harness/runner.py ----",
        "[auth.openapi.bearerAuth]",
        'bearer = "${TPUF_CONTRACT_API_KEY}"',
        "",
        "[phases.stateful]",
        f"max-steps = {budget.stateful_steps}",
    ]
    if seeded_namespaces:
        values = ", ".join(json.dumps(name) for name in seeded_namespaces)
        extra += [
            "",
            "[dictionaries.seeded_namespaces]",
            f"values = [{values}]",
            "",
            "[parameters]",
            f'"path.namespace" = {{ dictionary = "seeded_namespaces", probability = {SEEDED_NAMESPACE_PROBABILITY} }}',
        ]
    text = text + "\n".join(extra) + "\n"
    tomllib.loads(text)
    return text
