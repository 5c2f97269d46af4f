"""The TypeScript client (generated-ts/) against a real emulator, through Node's own test runner.

``tsc`` compiles generated-ts/src and tests/ts/*.test.ts (strict) into build/ts; ``node --test`` runs
them with the emulator's URL and key in the environment. A failing TypeScript test fails this test,
with node's report in the assertion message.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.support.server import start_emulator
from tests.support.typescript import ROOT, compile_typescript_tests


def test_typescript_contract_suite_passes_against_the_emulator(tmp_path: Path) -> None:
    out = compile_typescript_tests()
    files = sorted(str(p) for p in out.glob("*.test.js"))
    assert files, f"no compiled TypeScript tests in {out}"
    with start_emulator(tmp_path / "data") as server:
        env = {**os.environ, "TPUF_BASE_URL": server.base_url, "TPUF_API_KEY": server.api_key}
        run = subprocess.run(
            ["node", "--test", "--test-reporter=spec", *files],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert "# fail 0" in run.stdout or "fail 0" in run.stdout, run.stdout[-3000:]
