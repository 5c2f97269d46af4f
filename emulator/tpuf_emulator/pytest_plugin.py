"""pytest plugin: a turbopuffer emulator for the test session, and a fresh namespace per test.

Installed with the ``tpuf-emulator`` package and registered through the ``pytest11`` entry point,
so after ``pip install tpuf-emulator`` a test can write::

    import turbopuffer

    def test_search(tpuf_emulator, tpuf_namespace):
        ns = turbopuffer.Turbopuffer(**tpuf_emulator.client_kwargs).namespace(tpuf_namespace)
        ns.write(upsert_rows=[{"id": 1, "vector": [0.1, 0.2]}], distance_metric="cosine_distance")

Fixtures:

* ``tpuf_emulator`` (session): an ``Endpoint`` with ``base_url``, ``api_key``, ``client_kwargs``
  (for ``turbopuffer.Turbopuffer`` and ``turbopuffer_openapi_client.Turbopuffer``), ``env`` (the
  ``TURBOPUFFER_*`` variables) and ``headers``. Started on first use: one emulator process on
  127.0.0.1 and a free port, in memory unless ``--tpuf-data-dir`` is given, stopped at the end of
  the session. A child process rather than a thread of the test process (``launcher.py``): a session
  pays the start once (0.3-0.6 s), and what tests do to their own process (a frozen clock,
  monkeypatched modules, the GIL) does not reach the server.
* ``tpuf_namespace`` (per test): a namespace name no other test uses, ``tpuf-pytest-<test>-<random>``;
  the namespace is deleted after the test (already gone is fine).

Options:

* ``--tpuf-data-dir DIR``: durable storage for the session's emulator (kept afterwards).
* ``--tpuf-seed PATH``: data loaded into the emulator at start-up (``tpuf-emulator --seed``).
* ``--tpuf-url URL``: run the same tests against that turbopuffer service (e.g.
  ``https://gcp-us-central1.turbopuffer.com``) with the key in ``TURBOPUFFER_API_KEY``; no emulator
  is started. Test namespaces keep the ``tpuf-pytest-`` prefix there, so a cleanup by prefix can
  never touch other data.

Loading the plugin starts nothing and imports nothing heavy: the emulator is started by the first
test that asks for ``tpuf_emulator``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from .endpoint import Endpoint
from .launcher import run

NAMESPACE_PREFIX = "tpuf-pytest-"
_TEST_NAME_CHARS = 60  # of the 128 a namespace name may have
DELETE_TIMEOUT_S = 30.0


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tpuf-emulator", "turbopuffer emulator (fixtures tpuf_emulator, tpuf_namespace)")
    group.addoption(
        "--tpuf-url",
        metavar="URL",
        default=None,
        help="use this turbopuffer service with the key in TURBOPUFFER_API_KEY instead of starting an emulator",
    )
    group.addoption(
        "--tpuf-data-dir",
        metavar="DIR",
        default=None,
        help="durable data directory of the session's emulator (default: in memory)",
    )
    group.addoption(
        "--tpuf-seed",
        metavar="PATH",
        default=None,
        help="data loaded into the session's emulator at start-up (tpuf-emulator --seed)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("tpuf_url") is None:
        return
    if config.getoption("tpuf_data_dir") is not None or config.getoption("tpuf_seed") is not None:
        raise pytest.UsageError("--tpuf-data-dir and --tpuf-seed configure an emulator; --tpuf-url uses none")
    if not os.environ.get("TURBOPUFFER_API_KEY"):
        raise pytest.UsageError("--tpuf-url needs the service's API key in the TURBOPUFFER_API_KEY variable")


@pytest.fixture(scope="session")
def tpuf_emulator(pytestconfig: pytest.Config) -> Iterator[Endpoint]:
    """The turbopuffer endpoint of this session: an emulator started for it, or ``--tpuf-url``."""
    url: str | None = pytestconfig.getoption("tpuf_url")
    if url is not None:
        yield Endpoint(url, os.environ["TURBOPUFFER_API_KEY"])
        return
    with run(
        mode="process",
        data_dir=pytestconfig.getoption("tpuf_data_dir"),
        seed=pytestconfig.getoption("tpuf_seed"),
    ) as emulator:
        yield emulator


@pytest.fixture
def tpuf_namespace(tpuf_emulator: Endpoint, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh namespace name for this test; the namespace is deleted afterwards."""
    name = namespace_name(request.node.name)
    yield name
    delete_namespace(tpuf_emulator, name)


def namespace_name(test_name: str) -> str:
    """``tpuf-pytest-<test name, made a valid namespace name>-<8 random hex digits>``."""
    readable = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "-" for c in test_name)
    return f"{NAMESPACE_PREFIX}{readable[:_TEST_NAME_CHARS]}-{uuid.uuid4().hex[:8]}"


def delete_namespace(endpoint: Endpoint, name: str) -> None:
    """Delete ``name``; a namespace that does not exist (never written, or deleted by the test) is fine."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        f"{endpoint.base_url}/v2/namespaces/{quote(name, safe='')}", method="DELETE", headers=endpoint.headers
    )
    try:
        with urllib.request.urlopen(request, timeout=DELETE_TIMEOUT_S):
            return
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return
        detail = exc.read().decode(errors="replace")[:500]
        raise RuntimeError(f"deleting test namespace {name!r}: HTTP {exc.code} {detail}") from None
