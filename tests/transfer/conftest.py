"""Fixtures of the transfer suite: a second emulator (``target``, where imports go; the session
``emulator`` is the source) and ``write_rich``, which fills a namespace of the source with rows of
every attribute type through the official client."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import turbopuffer

from tests.support.server import RunningEmulator, start_emulator
from tests.transfer.helpers import SCHEMA, rich_rows


@pytest.fixture(scope="module")
def target() -> Iterator[RunningEmulator]:
    """A second emulator: where imports go (the session ``emulator`` is the source)."""
    with start_emulator() as server:
        yield server


@pytest.fixture
def write_rich(emulator: RunningEmulator) -> Callable[[str], None]:
    def write(name: str) -> None:
        with turbopuffer.Turbopuffer(
            api_key=emulator.api_key, base_url=emulator.base_url, max_retries=0
        ) as tpuf:
            tpuf.namespace(name).write(
                upsert_rows=rich_rows(), distance_metric="euclidean_squared", schema=SCHEMA
            )

    return write
