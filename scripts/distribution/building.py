"""sdist + wheel of one distribution, built from a clean copy of its sources, then ``twine check``."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from .changelog import check_changelog
from .packages import Distribution
from .steps import run_step

IGNORED = shutil.ignore_patterns(
    "__pycache__", "*.pyc", "*.egg-info", ".mypy_cache", ".ruff_cache", "build", "dist"
)


def check_version_and_changelog(dist: Distribution) -> None:
    problem = check_changelog(dist.changelog, dist.version)
    if problem is not None:
        raise SystemExit(f"{dist.name}: {problem}")
    print(f"{dist.name} {dist.version}: changelog entry present ({dist.changelog.name})", flush=True)


def build_distribution(dist: Distribution, logs: Path) -> list[Path]:
    """Build into ``dist.outdir`` (emptied first); the wheel is built from the sdist, so an sdist
    missing a file fails here, not on a user's machine."""
    shutil.rmtree(dist.outdir, ignore_errors=True)
    dist.outdir.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix=f"tpuf-build-{dist.short_name}-") as tmp:
        source = Path(tmp) / "source"
        root, *rest = dist.sources
        if root.is_dir():
            shutil.copytree(root, source, ignore=IGNORED)
        else:
            source.mkdir()
            shutil.copy2(root, source / root.name)
        for extra in rest:
            shutil.copytree(extra, source / extra.name, ignore=IGNORED)
        run_step(
            f"build the sdist and wheel of {dist.name} {dist.version}",
            [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", dist.outdir, source],
            log=logs / f"build-{dist.short_name}.log",
        )
    artifacts = dist.artifacts()
    run_step(
        f"twine check --strict {' '.join(p.name for p in artifacts)}",
        [sys.executable, "-m", "twine", "check", "--strict", *artifacts],
        log=logs / f"twine-check-{dist.short_name}.log",
    )
    return artifacts
