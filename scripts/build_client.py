"""`make build`: sdist + wheel of the generated client, `twine check`, then a smoke test of the wheel
installed in a fresh virtualenv against a started emulator.

Artifacts land in dist/client/ (what `make publish` uploads with
`twine upload dist/client/*`; set TWINE_USERNAME=__token__ and TWINE_PASSWORD=<PyPI token>; never run by CI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DIST = ROOT / "dist" / "client"

SMOKE = textwrap.dedent(
    """
    import numpy as np
    import turbopuffer_openapi_client as tp
    from turbopuffer_openapi_client.lang import filter as f

    print("installed from", tp.__file__)
    client = tp.Turbopuffer()
    ns = client.namespace("wheel-smoke")
    ns.write(upsert_rows=[{"id": 1, "vector": np.array([0.0, 1.0]), "kind": "a"},
                          {"id": 2, "vector": [1.0, 0.0], "kind": "b"}], distance_metric="cosine_distance")
    result = ns.query(rank_by=("vector", "ANN", [0.9, 0.1]), filters=f.Eq("kind", "b"), top_k=5)
    assert result.ids == [2], result
    try:
        client.namespace("wheel-smoke-missing").metadata()
    except tp.NotFoundError as error:
        assert error.status_code == 404
    else:
        raise AssertionError("expected NotFoundError")
    assert [s.id for s in client.namespaces(prefix="wheel-smoke")] == ["wheel-smoke"]
    ns.delete_all()
    print("wheel smoke test passed")
    """
)


def run(*command: str | Path, **kwargs) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], check=True, **kwargs)


def main() -> int:
    if not (ROOT / "generated" / "pyproject.toml").exists():
        raise SystemExit("generated/ is empty: run `make generate` first")
    shutil.rmtree(DIST, ignore_errors=True)
    DIST.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="tpuf-build-") as tmp:
        source = Path(tmp) / "source"
        shutil.copytree(ROOT / "generated", source, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        run(sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", DIST, source)
    artifacts = sorted(DIST.iterdir())
    run(sys.executable, "-m", "twine", "check", "--strict", *artifacts)
    wheel = next(p for p in artifacts if p.suffix == ".whl")

    import tpuf_emulator

    with tempfile.TemporaryDirectory(prefix="tpuf-wheel-venv-") as tmp:
        env_dir = Path(tmp) / "venv"
        venv.create(env_dir, with_pip=True)
        python = env_dir / "bin" / "python"
        run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel)
        with tpuf_emulator.run() as emulator:
            env = {
                **os.environ,
                "TURBOPUFFER_API_KEY": emulator.api_key,
                "TURBOPUFFER_BASE_URL": emulator.base_url,
            }
            env.pop("TURBOPUFFER_REGION", None)
            env.pop("PYTHONPATH", None)
            run(python, "-c", SMOKE, env=env, cwd=tmp)
    print(f"built and smoke-tested: {', '.join(p.name for p in artifacts)} in {DIST.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
