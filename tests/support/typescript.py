"""Compiling the TypeScript client and its tests (tests/ts/) with the project's pinned ``tsc``.

``tsc -p tests/ts/tsconfig.json`` (strict) compiles generated-ts/src and every tests/ts/*.ts into
build/ts/, which is marked as an ES module folder for node.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TSC = ROOT / "node_modules" / ".bin" / "tsc"
BUILD = ROOT / "build" / "ts"
COMPILED_TESTS = BUILD / "tests" / "ts"


def compile_typescript_tests() -> Path:
    """Compile tests/ts (and the client it imports); return the folder of the compiled tests."""
    compiled = subprocess.run(
        [str(TSC), "-p", str(ROOT / "tests" / "ts" / "tsconfig.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    (BUILD / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    return COMPILED_TESTS
