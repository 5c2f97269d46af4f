"""Step 4b: copy the hand-written client modules (``clientlib/<package>/``) into the package verbatim.

These modules have no spec-driven content, so they are ordinary Python: linted with the project's ruff
config and type-checked with ``mypy --strict`` where they live (``make lint``), not rendered. They
replace whatever openapi-python-client wrote under the same name (its stock ``client.py``,
``errors.py`` and ``types.py``); the endpoint modules it generates import from them.

Type stubs (``*.pyi``) stand in for the few modules the generator renders from the spec (such as
``_spec_defaults``) so the folder type-checks on its own; they are not copied.
"""

from __future__ import annotations

import shutil
from pathlib import Path

COPIED_SUFFIXES = (".py",)


def handwritten_modules(source: Path) -> list[Path]:
    """The files to copy, relative to ``source`` (sorted, so the output does not depend on the disk)."""
    return sorted(
        path.relative_to(source)
        for path in source.rglob("*")
        if path.is_file() and path.suffix in COPIED_SUFFIXES and "__pycache__" not in path.parts
    )


def copy_handwritten(source: Path, package_dir: Path) -> list[Path]:
    """Copy every hand-written module into ``package_dir``; returns the copied paths (relative)."""
    if not source.is_dir():
        raise SystemExit(f"{source}: the hand-written client modules are missing")
    copied = handwritten_modules(source)
    for relative in copied:
        target = package_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / relative, target)
    return copied
