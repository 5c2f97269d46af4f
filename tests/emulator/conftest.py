"""Helpers for the emulator suite: an httpx client on the session emulator and small request helpers."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest


@pytest.fixture
def api(emulator) -> Iterator[httpx.Client]:
    with emulator.client() as client:
        yield client
