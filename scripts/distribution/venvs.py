"""Fresh virtualenvs, as a user's would be: no PYTHONPATH, none of this repository's sources."""

from __future__ import annotations

import os
import venv
from pathlib import Path

from .steps import run_step


def fresh_venv(where: Path) -> Path:
    """Create a virtualenv with pip at ``where``; return its python."""
    venv.create(where, with_pip=True, clear=True)
    return where / "bin" / "python"


def user_env(venv_python: Path) -> dict[str, str]:
    """The environment a user's shell would have with the venv activated (nothing of ours leaks in)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TURBOPUFFER_", "PYTHON", "VIRTUAL_ENV"))}
    env["VIRTUAL_ENV"] = str(venv_python.parent.parent)
    env["PATH"] = f"{venv_python.parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def pip_install(venv_python: Path, what: str, *args: str | Path, log: Path, isolated: bool = False) -> None:
    """``pip install`` into the venv. By default pip uses the machine's configured index, as a user's
    pip would; ``isolated`` ignores every configuration (used to install from one given index only)."""
    command: list[str | Path] = [venv_python, "-m", "pip"]
    if isolated:
        command.append("--isolated")
    command += ["install", "--disable-pip-version-check", *args]
    run_step(what, command, log=log, env=user_env(venv_python))


def installed_from(venv_python: Path, module: str, log: Path) -> Path:
    """Where ``module`` is imported from in the venv; it must be the venv, never this checkout."""
    output = run_step(
        f"import {module} in the fresh venv",
        [venv_python, "-c", f"import {module}; print({module}.__file__)"],
        log=log,
        env=user_env(venv_python),
        cwd=venv_python.parent.parent,
    )
    location = Path(output.strip().splitlines()[-1])
    if not location.is_relative_to(venv_python.parent.parent):
        raise SystemExit(f"{module} was imported from {location}, not from the fresh venv")
    print(f"  {module} from {location}", flush=True)
    return location
