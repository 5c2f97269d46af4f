"""Fixtures of the contract suites and the per-operation case counts in the terminal summary."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import tpuf_emulator
from contract_harness import case_counts
from contract_harness.budgets import Budget, current_budget
from contract_harness.paths import REPORTS_DIR
from tpuf_emulator.launcher import EmulatorProcess


@contextlib.contextmanager
def emulator_process(data_dir: Path, *extra_args: str) -> Iterator[EmulatorProcess]:
    """A real ``tpuf-emulator`` process on 127.0.0.1, a free port and ``data_dir`` (durable storage)."""
    with tpuf_emulator.run(mode="process", data_dir=data_dir, extra_args=extra_args) as server:
        yield server


@pytest.fixture(scope="session")
def contract_budget() -> Budget:
    budget = current_budget()
    case_counts.note(budget.describe())
    return budget


@pytest.fixture(scope="session")
def contract_reports_dir() -> Path:
    path = REPORTS_DIR / "contract"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def contract_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorProcess]:
    """One emulator process per test module, on its own temporary data directory."""
    with emulator_process(tmp_path_factory.mktemp("contract-emulator")) as server:
        yield server


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    lines = case_counts.render()
    if lines:
        terminalreporter.section("contract suites: generated cases per operation")
        for line in lines:
            terminalreporter.write_line(line)
