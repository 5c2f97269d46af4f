"""Conditional writes (reference 3.3), delete_by_filter / patch_by_filter (3.4) and their order (3.7)."""

from __future__ import annotations

import pytest

from tests.support.api import docs, write, write_error


def _seed(api, ns):
    write(
        api, ns, {"upsert_rows": [{"id": 1, "version": 5, "tag": "a"}, {"id": 2, "version": 1, "tag": "b"}]}
    )


@pytest.mark.parity("write.upsert_condition", "write-conditions")
def test_upsert_condition_follows_the_table(api, unique_ns):
    _seed(api, unique_ns)
    result = write(api, unique_ns, {
        "upsert_rows": [
            {"id": 1, "version": 3, "tag": "stale"},   # exists, condition false -> skipped
            {"id": 2, "version": 2, "tag": "newer"},   # exists, condition true -> written
            {"id": 3, "version": 1, "tag": "new"},     # missing -> written unconditionally
        ],
        "upsert_condition": ["version", "Lt", {"$ref_new": "version"}],
        "return_affected_ids": True,
    })  # fmt: skip
    assert result["rows_upserted"] == 2 and result["rows_affected"] == 2
    assert result["upserted_ids"] == [2, 3]
    assert result["billing"]["query"]["billable_logical_bytes_queried"] > 0
    stored = docs(api, unique_ns)
    assert stored[1]["tag"] == "a" and stored[2]["tag"] == "newer" and stored[3]["tag"] == "new"


@pytest.mark.parity("write.upsert_condition")
def test_insert_if_absent_pattern(api, unique_ns):
    _seed(api, unique_ns)
    result = write(api, unique_ns, {
        "upsert_rows": [{"id": 1, "version": 0}, {"id": 9, "version": 0}],
        "upsert_condition": ["id", "Eq", None],
    })  # fmt: skip
    assert result["rows_upserted"] == 1
    assert docs(api, unique_ns)[1]["version"] == 5


@pytest.mark.parity("write.patch_condition", "write-conditions")
def test_patch_condition_never_creates_and_sees_the_patched_values(api, unique_ns):
    _seed(api, unique_ns)
    result = write(api, unique_ns, {
        "patch_rows": [{"id": 1, "version": 6}, {"id": 2, "version": 0}, {"id": 7, "version": 9}],
        "patch_condition": ["version", "Lt", {"$ref_new": "version"}],
        "return_affected_ids": True,
    })  # fmt: skip
    assert result["rows_patched"] == 1 and result["patched_ids"] == [1]
    stored = docs(api, unique_ns)
    assert stored[1] == {"id": 1, "version": 6, "tag": "a"} and stored[2]["version"] == 1 and 7 not in stored


@pytest.mark.parity("write.delete_condition", "RefNew.$ref_new", "write-conditions")
def test_delete_condition_sees_ref_new_as_null(api, unique_ns):
    _seed(api, unique_ns)
    result = write(api, unique_ns, {"deletes": [1, 2, 3], "delete_condition": ["tag", "Eq", "b"]})
    assert result["rows_deleted"] == 1
    assert sorted(docs(api, unique_ns)) == [1]
    # $ref_new resolves to null for deletes, so "version Eq $ref_new.version" only matches null versions.
    result = write(
        api, unique_ns, {"deletes": [1], "delete_condition": ["version", "Eq", {"$ref_new": "version"}]}
    )
    assert result["rows_deleted"] == 0


def test_invalid_conditions_are_400_naming_the_field(api, unique_ns):
    _seed(api, unique_ns)
    body = {"upsert_rows": [{"id": 1}], "upsert_condition": ["version", "Nope", 1]}
    assert "upsert_condition" in write_error(api, unique_ns, body, status=422)  # unknown operator
    body = {"upsert_rows": [{"id": 1}], "upsert_condition": ["version", "Eq", "five"]}
    assert "upsert_condition" in write_error(api, unique_ns, body)  # type mismatch
    message = write_error(api, unique_ns, {"delete_by_filter": ["version", "Eq", {"$ref_new": "version"}]})
    assert "delete_by_filter" in message
    assert "needs" in write_error(api, unique_ns, {"deletes": [], "upsert_condition": ["id", "Eq", 1]})


@pytest.mark.parity("write.delete_by_filter", "write.patch_by_filter", "write-order")
def test_delete_by_filter_then_patch_by_filter_then_id_writes(api, unique_ns):
    write(
        api,
        unique_ns,
        {"upsert_rows": [{"id": i, "group": "old" if i < 4 else "keep", "n": i} for i in range(8)]},
    )
    result = write(api, unique_ns, {
        "delete_by_filter": ["group", "Eq", "old"],
        "patch_by_filter": {"filters": ["n", "Gte", 0], "patch": {"seen": True}},
        "upsert_rows": [{"id": 0, "group": "fresh", "n": 0}],
        "patch_rows": [{"id": 1, "n": 100}],  # deleted by step 1: ignored
        "return_affected_ids": True,
    })  # fmt: skip
    assert result["rows_deleted"] == 4 and sorted(result["deleted_ids"]) == [0, 1, 2, 3]
    assert result["rows_patched"] == 4 and sorted(result["patched_ids"]) == [4, 5, 6, 7]
    assert result["rows_upserted"] == 1
    assert result["rows_remaining"] is False
    stored = docs(api, unique_ns)
    assert sorted(stored) == [0, 4, 5, 6, 7]
    assert stored[0] == {"id": 0, "group": "fresh", "n": 0}  # upserted after the filter steps
    assert all(stored[i]["seen"] is True for i in (4, 5, 6, 7))


def test_patch_by_filter_rejects_vectors_and_ids(api, unique_ns):
    write(
        api, unique_ns, {"upsert_rows": [{"id": 1, "vector": [1, 0]}], "distance_metric": "cosine_distance"}
    )
    patch = {"filters": ["id", "Eq", 1], "patch": {"vector": [0, 1]}}
    assert "cannot be patched" in write_error(api, unique_ns, {"patch_by_filter": patch})
    patch = {"filters": ["id", "Eq", 1], "patch": {"id": 2}}
    assert "id" in write_error(api, unique_ns, {"patch_by_filter": patch})
    assert "filters" in write_error(api, unique_ns, {"patch_by_filter": {"patch": {"a": 1}}}, status=422)


def test_filter_writes_on_a_namespace_introduce_new_attributes(api, unique_ns):
    write(api, unique_ns, {"upsert_rows": [{"id": "x", "n": 1}]})
    write(api, unique_ns, {"patch_by_filter": {"filters": ["n", "Eq", 1], "patch": {"label": "one"}}})
    assert docs(api, unique_ns)["x"]["label"] == "one"
    assert api.get(f"/v1/namespaces/{unique_ns}/schema").json()["label"]["type"] == "string"
