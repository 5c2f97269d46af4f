"""Running openapi-python-client (pinned in pyproject.toml) on the generator view."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml


def run_openapi_python_client(
    view: dict[str, Any], *, templates: Path, config: Path, workdir: Path, project_dir_name: str
) -> Path:
    """Generate into ``workdir/<project_dir_name>`` (a fresh folder) and return that folder.

    ``--fail-on-warning`` matters: a warning means the generator silently dropped a model or an endpoint.
    Formatting is ours (step 5), so the config's ``post_hooks`` is empty.
    """
    view_path = workdir / "generator-view.json"
    view_path.write_text(json.dumps(view, indent=1, sort_keys=False), encoding="utf-8")
    output = workdir / project_dir_name
    command = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(view_path),
        "--custom-template-path",
        str(templates),
        "--config",
        str(config),
        "--meta",
        "uv",
        "--fail-on-warning",
        "--output-path",
        str(output),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=workdir)
    if result.returncode != 0 or not output.is_dir():
        raise SystemExit(
            "openapi-python-client failed:\n" + result.stdout[-6000:] + "\n" + result.stderr[-6000:]
        )
    return output


def configured_version(config: Path) -> str:
    """The client's own version: ``package_version_override`` in the generator config (one source)."""
    with config.open(encoding="utf-8") as handle:
        version = yaml.safe_load(handle).get("package_version_override")
    if not isinstance(version, str) or not version:
        raise SystemExit(f"{config}: package_version_override must be the client's version, as a string")
    return version
