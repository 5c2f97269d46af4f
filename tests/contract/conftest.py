"""Fixtures of the contract suites and the per-operation case counts in the terminal summary."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from contract_harness import case_counts
from contract_harness.budgets import Budget, current_budget
from contract_harness.paths import REPORTS_DIR


def _start_emulator_function():
    """``start_emulator`` of tests/support/server.py, however pytest put ``tests`` on sys.path."""
    for module in ("support.server", "tests.support.server"):
        with contextlib.suppress(ModuleNotFoundError):
            return importlib.import_module(module).start_emulator
    pytest.skip("waits on tests/support/server.py (start_emulator) from the emulator-core engineer")


@contextlib.contextmanager
def emulator_process(data_dir: Path, *extra_args: str) -> Iterator:
    """A real ``tpuf-emulator`` process on 127.0.0.1, a free port and ``data_dir`` (durable storage)."""
    with _start_emulator_function()(data_dir=data_dir, extra_args=tuple(extra_args)) as server:
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
def contract_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """One emulator process per test module, on its own temporary data directory."""
    with emulator_process(tmp_path_factory.mktemp("contract-emulator")) as server:
        yield server


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    lines = case_counts.render()
    if lines:
        terminalreporter.section("contract suites: generated cases per operation")
        for line in lines:
            terminalreporter.write_line(line)
