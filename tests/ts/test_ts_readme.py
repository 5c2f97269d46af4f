"""generated-ts/README.md: every ``ts`` block compiles (strict) and runs as written against the emulator.

The package is compiled into a fresh folder's ``node_modules/turbopuffer-openapi-client`` (its own
package.json, ``dist/``), so a block imports it by name as a user's code would; each block is a module
of its own, type-checked by ``tsc`` against the package's declarations, then run by node with
``TURBOPUFFER_API_KEY`` / ``TURBOPUFFER_BASE_URL`` set as the Quickstart says.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.server import start_emulator
from tests.support.typescript import ROOT, TSC

README = ROOT / "generated-ts" / "README.md"
BLOCKS = re.findall(r"```ts\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
USER_TSCONFIG = {
    "compilerOptions": {
        "target": "ES2022",
        "module": "NodeNext",
        "moduleResolution": "NodeNext",
        "strict": True,
        "skipLibCheck": True,
        "types": ["node"],
        "typeRoots": [str(ROOT / "node_modules" / "@types")],
    },
    "include": ["*.ts"],
}


def _tsc(*args: str) -> None:
    run = subprocess.run([str(TSC), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.fixture(scope="module")
def user_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the package installed as compiled output, and each README block as a module."""
    project = tmp_path_factory.mktemp("ts-readme")
    package = project / "node_modules" / "turbopuffer-openapi-client"
    package.mkdir(parents=True)
    shutil.copy(ROOT / "generated-ts" / "package.json", package / "package.json")
    _tsc("-p", str(ROOT / "generated-ts" / "tsconfig.json"), "--outDir", str(package / "dist"))
    (project / "package.json").write_text('{"type": "module", "private": true}\n', encoding="utf-8")
    (project / "tsconfig.json").write_text(json.dumps(USER_TSCONFIG, indent=1), encoding="utf-8")
    for index, block in enumerate(BLOCKS):
        (project / f"example_{index}.ts").write_text(block, encoding="utf-8")
    _tsc("-p", str(project / "tsconfig.json"))
    return project


def test_the_readme_has_a_quickstart() -> None:
    assert len(BLOCKS) >= 2
    assert "new Turbopuffer()" in BLOCKS[0]


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_example_runs(user_project: Path, tmp_path: Path, index: int) -> None:
    with start_emulator(tmp_path / "data") as server:
        env = {
            "TURBOPUFFER_API_KEY": server.api_key,
            "TURBOPUFFER_BASE_URL": server.base_url,
            "PATH": "/usr/bin:/bin",
        }
        node = shutil.which("node")
        assert node is not None
        run = subprocess.run(
            [node, str(user_project / f"example_{index}.js")],
            cwd=user_project,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip(), "the example printed nothing"
