"""Each distribution's CHANGELOG.md is hand-edited in the Keep a Changelog format; its newest
``## [X.Y.Z] - YYYY-MM-DD`` entry must be the version being built (a bump without an entry, or an
entry without the bump, stops the build)."""

from __future__ import annotations

import re
from pathlib import Path

ENTRY = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2})\s*$", re.MULTILINE)
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$")


def released_versions(text: str) -> list[str]:
    """The versions that have an entry, newest (topmost) first."""
    return [match["version"] for match in ENTRY.finditer(text)]


def check_changelog(path: Path, version: str) -> str | None:
    """Why ``path`` does not document ``version`` as its newest release, or None when it does."""
    if not SEMVER.match(version):
        return f"version {version!r} is not semantic versioning (MAJOR.MINOR.PATCH)"
    if not path.is_file():
        return f"{path} is missing"
    versions = released_versions(path.read_text(encoding="utf-8"))
    if not versions:
        return f"{path} has no `## [X.Y.Z] - YYYY-MM-DD` entry"
    if versions[0] != version:
        return f"{path}: the newest entry is {versions[0]}, but the version being built is {version}"
    if versions.count(version) > 1:
        return f"{path}: {version} has more than one entry"
    return None
