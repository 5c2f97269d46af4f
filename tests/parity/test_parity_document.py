"""``docs/parity.md`` is current: rebuilt from the spec, ``ledger.yaml`` and the ``parity`` markers
(collected, not run: see ``generator.py``), it equals the committed file. Fix: ``make parity``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.parity.catalogue import REPO_ROOT, Status, catalogue
from tests.parity.generator import DOC_PATH, build_document, unknown_keys

FIX = "run `make parity` and commit docs/parity.md"


def _collected_holders(tmp_path: Path) -> dict[str, list[str]]:
    out = tmp_path / "holders.json"
    command = [sys.executable, "-m", "pytest", "tests", "--collect-only", "-q", "-p", "no:cacheprovider"]
    command += ["-p", "tests.parity.plugin", f"--parity-holders={out}"]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=240)
    if done.returncode != 0 or not out.exists():
        pytest.fail(f"collecting the parity markers failed ({done.returncode}):\n{done.stdout[-4000:]}")
    holders: dict[str, list[str]] = json.loads(out.read_text(encoding="utf-8"))
    return holders


def test_docs_parity_md_is_current(tmp_path: Path) -> None:
    holders = _collected_holders(tmp_path)
    problems = unknown_keys(holders)
    assert not problems, "\n".join(problems) + "\n(the keys are in the first column of docs/parity.md)"
    expected = build_document(holders)
    committed = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
    assert committed == expected, f"docs/parity.md is out of date: {FIX}"


def test_every_row_that_is_not_same_as_hosted_says_why() -> None:
    rows = catalogue()
    assert rows, "the ledger has rows"
    assert all(row.why for row in rows if row.status is not Status.SAME)


def test_every_family_and_operation_of_the_spec_has_rows() -> None:
    sections = {(row.section.name, row.group) for row in catalogue()}
    for family in ("Filter", "RankBy", "ScoreExpression", "Expr", "AggregateBy", "GroupBy", "RerankBy"):
        assert ("OPERATORS", f"`{family}`") in sections, family
    keys = {row.key for row in catalogue()}
    for key in ("POST /v2/namespaces/{namespace}/query", "query.rank_by", "write.upsert_rows", "Filter.In"):
        assert key in keys, key
