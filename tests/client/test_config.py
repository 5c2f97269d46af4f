"""Configuration like the official client: api_key / region / base_url arguments and environment."""

from __future__ import annotations

import httpx
import pytest
from turbopuffer_openapi_client import AsyncTurbopuffer, ConfigurationError, Turbopuffer


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TURBOPUFFER_API_KEY", "TURBOPUFFER_REGION", "TURBOPUFFER_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def test_missing_api_key_is_a_clear_error_before_any_request() -> None:
    with pytest.raises(ConfigurationError, match="TURBOPUFFER_API_KEY"):
        Turbopuffer(region="gcp-us-central1")
    with pytest.raises(ValueError, match="api_key"):  # ConfigurationError is a ValueError too
        AsyncTurbopuffer(base_url="http://127.0.0.1:1")


def test_region_fills_the_spec_server_url() -> None:
    client = Turbopuffer(api_key="k", region="aws-eu-west-1")
    assert client.base_url == "https://aws-eu-west-1.turbopuffer.com"


def test_environment_supplies_key_region_and_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TURBOPUFFER_API_KEY", "env-key")
    monkeypatch.setenv("TURBOPUFFER_REGION", "gcp-europe-west3")
    client = Turbopuffer()
    assert client.base_url == "https://gcp-europe-west3.turbopuffer.com"
    assert client.config.api_key == "env-key"
    assert client.get_httpx_client().headers["authorization"] == "Bearer env-key"

    monkeypatch.delenv("TURBOPUFFER_REGION")
    monkeypatch.setenv("TURBOPUFFER_BASE_URL", "http://127.0.0.1:8787/")
    assert Turbopuffer().base_url == "http://127.0.0.1:8787"


def test_a_region_without_placeholder_or_a_placeholder_without_region_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="No region"):
        Turbopuffer(api_key="k")
    with pytest.raises(ConfigurationError, match="placeholder"):
        Turbopuffer(api_key="k", base_url="http://localhost:8787", region="gcp-us-central1")
    custom = Turbopuffer(api_key="k", base_url="https://{region}.example.test", region="r1")
    assert custom.base_url == "https://r1.example.test"


def test_defaults_timeouts_retries_compression_and_the_key_never_printed() -> None:
    client = Turbopuffer(api_key="secret-key", base_url="http://127.0.0.1:1")
    config = client.config
    assert config.timeout == httpx.Timeout(60.0, connect=5.0)
    assert config.max_retries == 4
    assert config.compression is True
    assert "secret-key" not in repr(config) and "secret-key" not in repr(client)
    faster = client.with_options(timeout=2.0, max_retries=0, compression=False)
    assert faster.config.timeout == httpx.Timeout(2.0)
    assert faster.config.max_retries == 0
    assert faster.get_httpx_client().headers["accept-encoding"] == "identity"
    assert client.get_httpx_client().headers["accept-encoding"] == "gzip"


def test_namespace_names_are_checked_against_the_spec_pattern() -> None:
    client = Turbopuffer(api_key="k", base_url="http://127.0.0.1:1")
    assert client.namespace("ok-name_1.2").name == "ok-name_1.2"
    for bad in ("", "..", ".", "has space", "slash/inside", "x" * 129):
        with pytest.raises(ValueError, match="invalid namespace name"):
            client.namespace(bad)
