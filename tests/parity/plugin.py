"""The pytest plugin behind ``make parity`` (``-p tests.parity.plugin``); design in ``generator.py``.

``--parity-out PATH``: after a run, write the ledger to PATH if every test with a ``parity`` mark was
collected, run and passed; otherwise exit 1 naming what did not pass. Under ``--collect-only`` it
writes from collection alone.
``--parity-holders PATH``: write the collected row key -> test names map as JSON (the staleness
test's input; collection only).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .catalogue import REPO_ROOT
from .generator import MARKER, build_document, function_id, holders_from_marks, unknown_keys, write_document


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("parity", "parity ledger (docs/parity.md)")
    group.addoption("--parity-out", metavar="PATH", help="write the parity ledger after a passing run")
    group.addoption("--parity-holders", metavar="PATH", help="write the collected row -> tests map (JSON)")


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(ParityRecorder(config), "parity-recorder")


def _keys(item: pytest.Item) -> list[str]:
    keys: list[str] = []
    for mark in item.iter_markers(MARKER):
        if not mark.args or not all(isinstance(arg, str) for arg in mark.args):
            raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.parity takes row keys (strings)")
        keys.extend(mark.args)
    return keys


class ParityRecorder:
    """Marks seen at collection, and the outcome of every marked test."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.marked: dict[str, list[str]] = {}  # node id -> row keys
        self.left_out: list[str] = []
        self.passed: set[str] = set()
        self.not_passed: dict[str, str] = {}  # node id -> what happened

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            keys = _keys(item)
            if keys:
                self.marked[item.nodeid] = keys

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.left_out += [item.nodeid for item in items if _keys(item)]

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.nodeid not in self.marked:
            return
        if report.failed or report.skipped:
            self.not_passed.setdefault(report.nodeid, f"{report.outcome} in {report.when}")
        elif report.when == "call":
            self.passed.add(report.nodeid)

    def _holders(self) -> dict[str, list[str]]:
        return holders_from_marks(self.marked.items())

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        target = self.config.getoption("parity_holders")
        if target:
            Path(target).write_text(json.dumps(self._holders(), indent=1, sort_keys=True), encoding="utf-8")

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        target = self.config.getoption("parity_out")
        if not target:
            return
        problems = unknown_keys(self._holders())
        if [Path(arg.split("::")[0]).resolve() for arg in self.config.args] != [REPO_ROOT / "tests"]:
            problems.append("the ledger is written from the whole suite: pytest tests ... (make parity)")
        if not self.config.getoption("collectonly"):
            left_out = sorted({function_id(nodeid) for nodeid in self.left_out})
            problems += [f"{name}: marked for the ledger but deselected" for name in left_out]
            for nodeid, keys in self.marked.items():
                if nodeid not in self.passed:
                    what = self.not_passed.get(nodeid, "did not run")
                    problems.append(f"{nodeid} ({what}) holds {', '.join(keys)}")
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.line("")
        if problems:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
            if reporter is not None:
                reporter.write_sep("=", "parity ledger NOT written", red=True)
                for line in problems:
                    reporter.write_line(line)
            return
        changed = write_document(build_document(self._holders()), Path(target))
        if reporter is not None:
            tests = len({function_id(n) for n in self.marked})
            how = "collected" if self.config.getoption("collectonly") else "passed"
            verb = "written" if changed else "unchanged"
            reporter.write_sep(
                "=", f"parity ledger {verb}: {target} ({tests} marked tests {how})", green=True
            )
