"""Writes over HTTP: rows and columns, patches, deletes, vectors, schema inference, atomicity, counts."""

from __future__ import annotations

import base64
import struct

import pytest

from tests.support.api import docs, write, write_error


def b64(*values: float) -> str:
    return base64.b64encode(struct.pack(f"<{len(values)}f", *values)).decode()


@pytest.mark.parity(
    "POST /v2/namespaces/{namespace}",
    "write.upsert_rows",
    "write.upsert_columns",
    "write.distance_metric",
    "vector-encodings",
)
def test_upsert_rows_and_columns_with_float_and_base64_vectors(api, unique_ns):
    result = write(api, unique_ns, {
        "upsert_rows": [
            {"id": 1, "vector": [0.5, 0.25], "title": "red shoe", "tags": ["a", "b"], "price": 9.5},
            {"id": 2, "vector": b64(1.0, 0.0), "title": "blue shoe", "tags": []},
        ],
        "upsert_columns": {"id": [3, 4], "vector": [[0.0, 1.0], b64(0.7, 0.1)], "title": ["green", None]},
        "distance_metric": "cosine_distance",
    })  # fmt: skip
    assert result["status"] == "OK"
    assert result["rows_upserted"] == 4 and result["rows_affected"] == 4
    assert "rows_patched" not in result and "rows_deleted" not in result
    assert result["billing"]["billable_logical_bytes_written"] > 0
    stored = docs(api, unique_ns)
    assert stored[1] == {
        "id": 1,
        "vector": [0.5, 0.25],
        "title": "red shoe",
        "tags": ["a", "b"],
        "price": 9.5,
    }
    assert stored[2]["vector"] == [1.0, 0.0] and stored[2]["tags"] == []
    assert stored[4]["vector"] == [0.7, 0.1]  # float32 printed in shortest form
    assert "title" not in stored[4]  # null means absent
    schema = api.get(f"/v1/namespaces/{unique_ns}/schema").json()
    assert schema["id"]["type"] == "uint"
    assert schema["vector"] == {"type": "[2]f32", "ann": {"distance_metric": "cosine_distance"}}
    assert schema["title"] == {"type": "string", "filterable": True}
    assert schema["tags"]["type"] == "[]string"
    assert schema["price"]["type"] == "float"


@pytest.mark.parity("write.patch_rows", "write.patch_columns", "write-upsert-replaces-patch-merges")
def test_upsert_replaces_the_whole_document_and_patch_keeps_other_attributes(api, unique_ns):
    write(
        api, unique_ns, {"upsert_rows": [{"id": "a", "x": 1, "y": "keep"}, {"id": "b", "x": 2, "y": "old"}]}
    )
    result = write(api, unique_ns, {
        "upsert_rows": [{"id": "a", "x": 10}],
        "patch_rows": [{"id": "b", "x": 20, "y": None}, {"id": "missing", "x": 5}],
        "patch_columns": {"id": ["c"], "x": [1]},
    })  # fmt: skip
    assert result["rows_upserted"] == 1
    assert result["rows_patched"] == 1  # patches never create documents
    assert result["rows_affected"] == 2
    assert docs(api, unique_ns) == {"a": {"id": "a", "x": 10}, "b": {"id": "b", "x": 20}}


@pytest.mark.parity("write.deletes")
def test_deletes_count_only_documents_that_existed(api, unique_ns):
    write(api, unique_ns, {"upsert_rows": [{"id": i, "n": i} for i in range(5)]})
    result = write(api, unique_ns, {"deletes": [1, 3, 99], "return_affected_ids": True})
    assert result["rows_deleted"] == 2
    assert result["deleted_ids"] == [1, 3]
    assert "upserted_ids" not in result
    assert sorted(docs(api, unique_ns)) == [0, 2, 4]


@pytest.mark.parity("write-duplicate-ids")
def test_duplicate_ids_in_one_request_are_rejected_and_nothing_is_written(api, unique_ns):
    message = write_error(api, unique_ns, {"upsert_rows": [{"id": 1}, {"id": 1}]})
    assert "duplicate id 1" in message
    message = write_error(api, unique_ns, {"upsert_rows": [{"id": 7}], "deletes": [7]})
    assert "duplicate id 7" in message
    assert api.get(f"/v1/namespaces/{unique_ns}/schema").status_code == 404  # never created


@pytest.mark.parity("write-atomic")
def test_a_failing_request_changes_nothing(api, unique_ns):
    write(api, unique_ns, {"upsert_rows": [{"id": 1, "n": 1}]})
    # The second row has a type error: the first row, the delete and the new attribute must not land.
    message = write_error(api, unique_ns, {
        "upsert_rows": [{"id": 2, "n": 2, "fresh": "x"}, {"id": 3, "n": "three"}],
        "deletes": [1],
    })  # fmt: skip
    assert "upsert_rows[1].n" in message and "int" in message
    assert docs(api, unique_ns) == {1: {"id": 1, "n": 1}}
    assert "fresh" not in api.get(f"/v1/namespaces/{unique_ns}/schema").json()


@pytest.mark.parity("write.schema", "schema-inference")
def test_explicit_schema_types_and_options(api, unique_ns):
    write(api, unique_ns, {
        "upsert_rows": [{
            "id": "6f1c2a9e-0000-4000-8000-00000000000A", "when": "2024-03-02T10:00:00Z", "u": 7,
            "body": "Hello world", "emb": [1, 2, 3], "weights": {"a": 0.5},
        }],
        "schema": {
            "id": "uuid", "when": "datetime", "u": {"type": "uint"},
            "body": {"type": "string", "full_text_search": {"stemming": True}, "regex": True},
            "emb": {"type": "[3]f16", "ann": True}, "weights": "{}f16",
        },
        "distance_metric": "euclidean_squared",
    })  # fmt: skip
    schema = api.get(f"/v1/namespaces/{unique_ns}/schema").json()
    assert schema["id"]["type"] == "uuid"
    assert schema["when"] == {"type": "datetime", "filterable": True}
    assert schema["body"]["filterable"] is False  # full-text/regex attributes default to not filterable
    assert schema["body"]["regex"] is True
    assert schema["body"]["full_text_search"]["stemming"] is True
    assert schema["body"]["full_text_search"]["tokenizer"] == "word_v4"
    assert schema["emb"] == {"type": "[3]f16", "ann": {"distance_metric": "euclidean_squared"}}
    assert schema["weights"]["type"] == "{}f16"
    (doc,) = docs(api, unique_ns).values()
    assert doc["id"] == "6f1c2a9e-0000-4000-8000-00000000000a"  # canonical lower-case uuid
    assert doc["when"].startswith("2024-03-02T10:00:00")


@pytest.mark.parity("schema-changes")
def test_incompatible_schema_changes_name_the_attribute(api, unique_ns):
    write(
        api,
        unique_ns,
        {"upsert_rows": [{"id": 1, "count": 3, "vector": [1.0, 2.0]}], "distance_metric": "cosine_distance"},
    )
    message = write_error(api, unique_ns, {"schema": {"count": "string"}})
    assert "'count'" in message and "int" in message and "string" in message
    message = write_error(api, unique_ns, {"upsert_rows": [{"id": 2, "count": "x", "vector": [1, 2]}]})
    assert "count" in message
    message = write_error(api, unique_ns, {"schema": {"vector": {"type": "[3]f32"}}})
    assert "vector" in message
    message = write_error(api, unique_ns, {"schema": {"other_vec": {"type": "[2]f32", "ann": True}}})
    assert "other_vec" in message
    # Toggling index options is allowed in place.
    write(api, unique_ns, {"schema": {"count": {"type": "int", "filterable": False}}})
    assert api.get(f"/v1/namespaces/{unique_ns}/schema").json()["count"]["filterable"] is False


def test_vector_rules(api, unique_ns):
    message = write_error(api, unique_ns, {"upsert_rows": [{"id": 1, "vector": [1.0, 0.0]}]})
    assert "distance_metric" in message
    write(
        api,
        unique_ns,
        {"upsert_rows": [{"id": 1, "vector": [1.0, 0.0]}], "distance_metric": "cosine_distance"},
    )
    assert "dimensions" in write_error(
        api, unique_ns, {"upsert_rows": [{"id": 2, "vector": [1.0, 0.0, 3.0]}]}
    )
    assert "missing vector" in write_error(api, unique_ns, {"upsert_rows": [{"id": 2, "n": 1}]})
    assert "cannot be patched" in write_error(
        api, unique_ns, {"patch_rows": [{"id": 1, "vector": [0.0, 1.0]}]}
    )
    message = write_error(
        api, unique_ns, {"upsert_rows": [{"id": 2, "vector": [0, 1]}], "distance_metric": "euclidean_squared"}
    )
    assert "cosine_distance" in message
    assert "base64" in write_error(api, unique_ns, {"upsert_rows": [{"id": 2, "vector": "not base64!"}]})


@pytest.mark.parity("limits")
def test_limits_of_ids_and_attribute_names(api, unique_ns):
    assert "64 bytes" in write_error(api, unique_ns, {"upsert_rows": [{"id": "x" * 65}]})
    assert "reserved" in write_error(api, unique_ns, {"upsert_rows": [{"id": 1, "$dist": 1}]})
    assert "128 bytes" in write_error(api, unique_ns, {"upsert_rows": [{"id": 1, "a" * 129: 1}]})
    assert "2^64" in write_error(api, unique_ns, {"upsert_rows": [{"id": 2**64}]})
    write(api, unique_ns, {"upsert_rows": [{"id": 1}]})
    # After the first write: a schema-only write to a missing namespace is a 404 (parity #10).
    assert "10752" in write_error(api, unique_ns, {"schema": {"v": {"type": "[10753]f32"}}})
    message = write_error(api, unique_ns, {"upsert_rows": [{"id": "one"}]})
    assert "uint" in message


def test_requests_with_nothing_to_do_or_unknown_fields_are_rejected(api, unique_ns):
    assert "nothing to do" in write_error(api, unique_ns, {"return_affected_ids": True})
    assert "upserts" in write_error(api, unique_ns, {"upserts": []}, status=422)
    assert "id" in write_error(api, unique_ns, {"upsert_rows": [{"title": "no id"}]}, status=422)
    message = write_error(api, unique_ns, {"upsert_columns": {"id": [1, 2], "x": [1]}})
    assert "upsert_columns.x" in message


def test_schema_only_write_changes_an_existing_namespace(api, unique_ns):
    # A missing namespace is not created by it (404, parity #10): write a document first.
    write(api, unique_ns, {"upsert_rows": [{"id": 1}]})
    result = write(api, unique_ns, {"schema": {"title": {"type": "string", "full_text_search": True}}})
    assert result["rows_affected"] == 0
    schema = api.get(f"/v1/namespaces/{unique_ns}/schema").json()
    assert schema["title"]["full_text_search"]["language"] == "english"


@pytest.mark.parity("write.disable_backpressure")
def test_disable_backpressure_is_accepted(api, unique_ns):
    result = write(api, unique_ns, {"upsert_rows": [{"id": 1}], "disable_backpressure": True})
    assert result["rows_upserted"] == 1


@pytest.mark.parity("write-read-only", "updateMetadata.read_only")
def test_read_only_namespace_rejects_writes_until_reenabled(api, unique_ns):
    write(api, unique_ns, {"upsert_rows": [{"id": 1}]})
    response = api.patch(f"/v1/namespaces/{unique_ns}/metadata", json={"read_only": True})
    assert response.status_code == 200 and response.json()["read_only"] is True
    assert "read-only" in write_error(api, unique_ns, {"upsert_rows": [{"id": 2}]}, status=403)
    response = api.post(f"/v1/namespaces/{unique_ns}/schema", json={"x": "int"})
    assert response.status_code == 403
    api.patch(f"/v1/namespaces/{unique_ns}/metadata", json={"read_only": False})
    write(api, unique_ns, {"upsert_rows": [{"id": 2}]})
