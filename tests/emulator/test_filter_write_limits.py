"""The per-request limits of by-filter writes (5M deletes, 50k patches), checked in process with
the limits lowered, since reaching the real numbers would only test patience."""

from __future__ import annotations

import pytest
from tpuf_emulator.errors import ApiError
from tpuf_emulator.namespaces import Registry, write_effects


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(write_effects, "MAX_DELETE_BY_FILTER", 3)
    monkeypatch.setattr(write_effects, "MAX_PATCH_BY_FILTER", 2)
    registry = Registry()
    registry.write("org", "ns", {"upsert_rows": [{"id": i, "n": i} for i in range(5)]})
    return registry


def _ids(registry):
    return sorted(registry._get("org", "ns").docs)


@pytest.mark.parity("write-filter-limits")
def test_over_the_limit_without_allow_partial_fails_and_changes_nothing(registry):
    with pytest.raises(ApiError) as failure:
        registry.write("org", "ns", {"delete_by_filter": ["n", "Gte", 0], "upsert_rows": [{"id": 9}]})
    assert failure.value.status == 400
    assert "allow_partial" in failure.value.message and "5 documents" in failure.value.message
    assert _ids(registry) == [0, 1, 2, 3, 4]


@pytest.mark.parity("write.delete_by_filter_allow_partial", "write-filter-limits")
def test_allow_partial_processes_up_to_the_limit_and_reports_rows_remaining(registry):
    result = registry.write(
        "org", "ns", {"delete_by_filter": ["n", "Gte", 0], "delete_by_filter_allow_partial": True}
    )
    assert result["rows_deleted"] == 3 and result["rows_remaining"] is True
    assert len(_ids(registry)) == 2
    result = registry.write(
        "org", "ns", {"delete_by_filter": ["n", "Gte", 0], "delete_by_filter_allow_partial": True}
    )
    assert result["rows_deleted"] == 2 and result["rows_remaining"] is False


@pytest.mark.parity("write.patch_by_filter_allow_partial", "write-filter-limits")
def test_patch_by_filter_limit(registry):
    body = {"patch_by_filter": {"filters": ["n", "Lt", 10], "patch": {"m": 1}}}
    with pytest.raises(ApiError, match="patch_by_filter_allow_partial"):
        registry.write("org", "ns", body)
    result = registry.write("org", "ns", {**body, "patch_by_filter_allow_partial": True})
    assert result["rows_patched"] == 2 and result["rows_remaining"] is True
