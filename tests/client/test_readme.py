"""The client examples of both READMEs run as written against the emulator.

* ``generated/README.md``: every ``python`` block, with ``TURBOPUFFER_API_KEY`` / ``TURBOPUFFER_BASE_URL``
  set as its Quickstart says.
* the root ``README.md``: every ``sh`` block that runs a client (``.venv/bin/python -c``), through bash
  from the repository root. The one change is the emulator's address: the README names the default
  ``http://127.0.0.1:8787`` of ``make serve``; the test's emulator has a free port of its own.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATED_README = ROOT / "generated" / "README.md"
ROOT_README = ROOT / "README.md"
README_EMULATOR_URL = "http://127.0.0.1:8787"


def _blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


BLOCKS = _blocks(GENERATED_README, "python")
ROOT_CLIENT_SNIPPETS = [block for block in _blocks(ROOT_README, "sh") if ".venv/bin/python -c" in block]


def test_the_readmes_have_examples() -> None:
    assert len(BLOCKS) >= 2
    assert any("turbopuffer_openapi_client" in block for block in ROOT_CLIENT_SNIPPETS)
    assert all(README_EMULATOR_URL in block for block in ROOT_CLIENT_SNIPPETS)


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_example_runs(emulator, index: int) -> None:
    env = {"TURBOPUFFER_API_KEY": emulator.api_key, "TURBOPUFFER_BASE_URL": emulator.base_url, "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-c", BLOCKS[index]], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("index", range(len(ROOT_CLIENT_SNIPPETS)))
def test_root_readme_client_snippet_runs(emulator, index: int) -> None:
    script = ROOT_CLIENT_SNIPPETS[index].replace(README_EMULATOR_URL, emulator.base_url)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},  # nothing else: the snippet sets what it needs itself
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "id=1" in result.stdout, result.stdout  # the row it wrote, read back
