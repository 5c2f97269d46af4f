"""`make drift`: what does the NEWEST official `turbopuffer` client know that spec/ lacks?

The fidelity test (tests/spec/test_client_fidelity.py) holds the spec to the client pinned in
.venv. This command points the same checks (scripts/fidelity/) at the newest release on PyPI:

1. create (or reuse) a throwaway venv, build/drift-venv by default, and
   `pip install --upgrade turbopuffer` into it (plus PyYAML to read the spec);
2. run this script again inside that venv with ``--compare``, which introspects the client
   there and prints every operation, field (per client type), enum value, query-language form
   and other difference the spec lacks.

Exit status: 0 when the spec covers the client, 1 when it is behind (the report says what to add),
2 when the client's code shape defeated the introspection or the install failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import venv
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
REPO_ROOT = SCRIPTS.parent
DEFAULT_VENV = REPO_ROOT / "build" / "drift-venv"
# Only what the comparison imports besides the client itself (pinned like the project's own).
SUPPORT_PACKAGES = ("pyyaml==6.0.3",)


def _venv_python(venv_dir: Path) -> Path:
    return venv_dir / ("Scripts" if os.name == "nt" else "bin") / "python"


def install_newest_client(venv_dir: Path, package: str) -> Path:
    """The throwaway venv's interpreter, with the newest `package` from PyPI installed."""
    python = _venv_python(venv_dir)
    if not python.exists():
        print(f"creating {venv_dir}", file=sys.stderr)
        venv.create(venv_dir, with_pip=True, clear=True)
    command = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade"]
    subprocess.run([*command, package, *SUPPORT_PACKAGES], check=True)
    return python


def compare_here() -> int:
    """Inside the drift venv: compare the `turbopuffer` importable here with spec/."""
    from fidelity.compare import ClientSurface, Comparison, render

    surface = ClientSurface.installed()
    comparison = Comparison(surface)
    problems = comparison.introspection_problems()
    if problems:
        print(f"turbopuffer {surface.version}: the introspection found nothing reliable to compare:")
        print("\n".join(f"  - {problem}" for problem in problems))
        print("extend scripts/fidelity/client_surface.py for this client's code shape")
        return 2
    print(f"turbopuffer {surface.version} ({len(surface.operations)} operations) vs spec/turbopuffer.yaml")
    gaps = comparison.all_gaps()
    print(render(gaps, surface.version))
    return 1 if gaps else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--venv", type=Path, default=DEFAULT_VENV, help="the throwaway venv (default: %(default)s)"
    )
    parser.add_argument(
        "--package",
        default="turbopuffer",
        help="pip requirement to install (default: the newest turbopuffer)",
    )
    parser.add_argument("--compare", action="store_true", help=argparse.SUPPRESS)  # the in-venv step
    args = parser.parse_args(argv)
    if args.compare:
        return compare_here()
    try:
        python = install_newest_client(args.venv, args.package)
    except subprocess.CalledProcessError as exc:
        print(f"drift: installing {args.package} failed ({exc})", file=sys.stderr)
        return 2
    # Only scripts/ on the path: the venv's client, not the project's pinned one, is compared.
    env = {**os.environ, "PYTHONPATH": str(SCRIPTS), "PYTHONNOUSERSITE": "1"}
    return subprocess.run([str(python), str(Path(__file__).resolve()), "--compare"], env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
