"""Fixtures of the emulator suite: an httpx client (``api``) and the official client (``tpuf``) on the
session emulator."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import turbopuffer


@pytest.fixture
def api(emulator) -> Iterator[httpx.Client]:
    with emulator.client() as client:
        yield client


@pytest.fixture
def tpuf(emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[turbopuffer.Turbopuffer]:
    """The official client on the session emulator, without retries (errors surface at once)."""
    monkeypatch.delenv("TURBOPUFFER_REGION", raising=False)
    with turbopuffer.Turbopuffer(
        api_key=emulator.api_key, base_url=emulator.base_url, max_retries=0
    ) as client:
        yield client
