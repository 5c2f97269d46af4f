"""The README's compatibility table: standard tools consume spec/turbopuffer.yaml cleanly.

Each row of the table is one test here; each runs the real tool on the real spec.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "turbopuffer.yaml"
BIN = ROOT / "node_modules" / ".bin"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_openapi_python_client_generates_the_committed_client() -> None:
    run = _run(sys.executable, "scripts/generate.py", "--check", "generated")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def test_hey_api_openapi_ts_generates_a_client_that_compiles_strict() -> None:
    run = _run(sys.executable, "scripts/generate_ts.py", "--check", "generated-ts")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    compiled = _run(str(BIN / "tsc"), "-p", "generated-ts/tsconfig.json", "--noEmit")
    assert compiled.returncode == 0, compiled.stdout[-3000:]


def test_redocly_lints_the_spec_without_problems() -> None:
    run = _run(str(BIN / "redocly"), "lint", "--config", "spec/redocly.yaml", str(SPEC))
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def test_spectral_lints_the_spec_without_problems() -> None:
    run = _run(
        str(BIN / "spectral"), "lint", "--ruleset", "spec/spectral.yaml", "--fail-severity", "hint", str(SPEC)
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def test_datamodel_code_generator_emits_pydantic_models_that_validate_a_real_query(tmp_path: Path) -> None:
    out = tmp_path / "tpuf_models.py"
    tool = Path(sys.executable).parent / "datamodel-codegen"
    run = _run(
        str(tool), "--input", str(SPEC), "--input-file-type", "openapi",
        "--output-model-type", "pydantic_v2.BaseModel", "--output", str(out),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    spec = importlib.util.spec_from_file_location("tpuf_models", out)
    assert spec is not None and spec.loader is not None
    models = importlib.util.module_from_spec(spec)
    sys.modules["tpuf_models"] = models
    try:
        spec.loader.exec_module(models)
        request = models.QueryRequest.model_validate(
            {"rank_by": ["vector", "ANN", [1.0, 2.0]], "top_k": 3, "filters": ["a", "Eq", 1]}
        )
        assert request.model_dump(mode="json", exclude_unset=True) == {
            "rank_by": ["vector", "ANN", [1.0, 2.0]],
            "top_k": 3,
            "filters": ["a", "Eq", 1],
        }
    finally:
        del sys.modules["tpuf_models"]
