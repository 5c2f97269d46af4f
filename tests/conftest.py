"""Fixtures shared by every suite: ``emulator``, one in-memory emulator process per test session.

Tests that share it must use their own namespace names (``unique_ns`` gives one), because
the process and its data live for the whole session.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # make ``tests.support`` importable from every suite
    sys.path.insert(0, str(ROOT))

from tests.support.server import RunningEmulator, start_emulator  # noqa: E402


@pytest.fixture(scope="session")
def emulator() -> Iterator[RunningEmulator]:
    with start_emulator() as server:
        yield server


@pytest.fixture
def unique_ns(request: pytest.FixtureRequest) -> str:
    """A namespace name no other test uses, readable in server logs."""
    base = "".join(c if c.isalnum() else "-" for c in request.node.name)[:80]
    return f"{base}-{uuid.uuid4().hex[:8]}"
