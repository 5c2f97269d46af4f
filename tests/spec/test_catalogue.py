"""Every endpoint of the reference's catalogue (section 2) is in the spec, with every error response.

The reference lives in the shared folder next to the clone (`../shared/reference/...`, read-only
in CI). When it is absent we read the committed copy of its section 2.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.spec.openapi_document import REPO_ROOT, load_spec, operations, resolve

SHARED_REFERENCE = REPO_ROOT.parent / "shared" / "reference" / "turbopuffer-api.md"
COMMITTED_CATALOGUE = Path(__file__).with_name("reference_catalogue.md")
ERROR_STATUSES = ("400", "401", "403", "404", "409", "413", "422", "429", "5XX")
_ROW = re.compile(
    r"^\|\s*(GET|POST|PUT|PATCH|DELETE|HEAD)\s*\|\s*`([^`]+)`\s*\|.*\|\s*\**(\d{3})\**[^|]*\|\s*$"
)


def _catalogue_section(text: str) -> str:
    start = text.index("## 2. Endpoint catalogue")
    end = text.find("\n## 3.", start)
    return text[start : end if end != -1 else len(text)]


def catalogue_text() -> str:
    if SHARED_REFERENCE.exists():
        return _catalogue_section(SHARED_REFERENCE.read_text(encoding="utf-8"))
    return _catalogue_section(COMMITTED_CATALOGUE.read_text(encoding="utf-8"))


def catalogue() -> list[tuple[str, str, str]]:
    """(METHOD, path without query string, success status) of every catalogue row."""
    rows = []
    for line in catalogue_text().splitlines():
        match = _ROW.match(line.strip())
        if match:
            rows.append((match.group(1), match.group(2).split("?")[0], match.group(3)))
    return rows


def _spec_operation(method: str, path: str) -> dict:
    for spec_method, spec_path, operation in operations():
        if (spec_method, spec_path) == (method, path):
            return operation
    pytest.fail(f"{method} {path} is in the reference catalogue but not in the spec")


def test_catalogue_is_parsed() -> None:
    rows = catalogue()
    assert len(rows) >= 16, rows  # the table has 16 rows; fewer means the parser lost some
    assert ("POST", "/v2/namespaces/{namespace}/query", "200") in rows


@pytest.mark.skipif(not SHARED_REFERENCE.exists(), reason="shared reference not next to the clone")
def test_committed_catalogue_matches_the_reference() -> None:
    committed = _catalogue_section(COMMITTED_CATALOGUE.read_text(encoding="utf-8"))
    assert committed.strip() == catalogue_text().strip().rstrip("-").strip(), (
        "tests/spec/reference_catalogue.md is stale: copy section 2 of the reference again"
    )


@pytest.mark.parametrize(("method", "path", "status"), catalogue(), ids=lambda v: str(v))
def test_catalogue_endpoint_is_in_the_spec(method: str, path: str, status: str) -> None:
    operation = _spec_operation(method, path)
    assert status in operation["responses"], f"{method} {path}: success status {status} missing"


@pytest.mark.parametrize(("method", "path", "operation"), operations(), ids=lambda v: str(v)[:60])
def test_every_operation_declares_every_error_response(method: str, path: str, operation: dict) -> None:
    for status in ERROR_STATUSES:
        assert status in operation["responses"], f"{method} {path}: no {status} response"
        response = resolve(operation["responses"][status])
        schema = response["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, f"{method} {path} {status}"
    too_many = resolve(operation["responses"]["429"])
    assert {"Retry-After", "retry-after-ms"} <= set(too_many.get("headers", {}))


@pytest.mark.parametrize(("method", "path", "operation"), operations(), ids=lambda v: str(v)[:60])
def test_every_operation_is_authenticated_and_compressible(method: str, path: str, operation: dict) -> None:
    assert operation.get("security") == [{"bearerAuth": []}], f"{method} {path}: per-operation security"
    headers = {resolve(p)["name"] for p in operation.get("parameters", []) if resolve(p)["in"] == "header"}
    assert "Accept-Encoding" in headers, f"{method} {path}: Accept-Encoding parameter"
    if "requestBody" in operation:
        # Request compression is documented on the body, not declared as a header parameter: a
        # `Content-Encoding: gzip` parameter made "header set, body not compressed" a schema-valid
        # request (see the spec's info.description).
        assert "Content-Encoding: gzip" in resolve(operation["requestBody"])["description"], (
            f"{method} {path}: request compression is not documented"
        )


def test_global_security_and_servers() -> None:
    spec = load_spec()
    assert spec["security"] == [{"bearerAuth": []}]
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        **spec["components"]["securitySchemes"]["bearerAuth"],
        "type": "http",
        "scheme": "bearer",
    }
    urls = [server["url"] for server in spec["servers"]]
    assert urls == ["https://{region}.turbopuffer.com", "http://127.0.0.1:8787"]
    regions = spec["servers"][0]["variables"]["region"]["enum"]
    assert "gcp-us-central1" in regions and "aws-eu-central-1" in regions


def test_legacy_export_is_deprecated() -> None:
    assert _spec_operation("GET", "/v1/namespaces/{namespace}")["deprecated"] is True
