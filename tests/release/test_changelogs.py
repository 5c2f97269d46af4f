"""Each distribution's changelog documents the version it is built as (``make build`` refuses otherwise)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from distribution.changelog import check_changelog, released_versions  # noqa: E402
from distribution.packages import both  # noqa: E402


@pytest.mark.parametrize("dist", both(), ids=lambda d: d.name)
def test_the_newest_changelog_entry_is_the_version_built(dist) -> None:
    assert check_changelog(dist.changelog, dist.version) is None


def test_a_version_without_its_entry_is_refused(tmp_path: Path) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(
        "# Changelog\n\n## [0.2.0] - 2026-12-08\n\n- x\n\n## [0.1.0] - 2026-11-25\n", encoding="utf-8"
    )
    assert released_versions(changelog.read_text(encoding="utf-8")) == ["0.2.0", "0.1.0"]
    assert check_changelog(changelog, "0.2.0") is None
    assert "newest entry is 0.2.0" in (check_changelog(changelog, "0.3.0") or "")  # bumped, no entry
    assert "newest entry is 0.2.0" in (check_changelog(changelog, "0.1.0") or "")  # entry, no bump
    assert "semantic versioning" in (check_changelog(changelog, "2026.08") or "")
    assert "missing" in (check_changelog(tmp_path / "nope.md", "0.2.0") or "")
