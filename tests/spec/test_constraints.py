"""The documented limits and shapes, checked on real request and response bodies."""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec.openapi_document import component_validator, load_spec, resolve


def valid(schema_name: str, value: Any) -> bool:
    return component_validator(schema_name).is_valid(value)


@pytest.mark.parametrize("name", ["products", "my.ns", "a", "A-b_c.1", "x" * 128, "..."])
def test_namespace_names_accepted(name: str) -> None:
    assert valid("NamespaceName", name)


@pytest.mark.parametrize("name", [".", "..", "", "a/b", "a b", "x" * 129, "ünï"])
def test_namespace_names_rejected(name: str) -> None:
    assert not valid("NamespaceName", name)


def test_namespace_path_parameter_uses_the_pattern() -> None:
    parameter = load_spec()["components"]["parameters"]["Namespace"]
    assert resolve(parameter["schema"])["pattern"] == r"^(?!\.{1,2}$)[A-Za-z0-9_.-]{1,128}$"


def test_ids() -> None:
    assert valid("Id", 0) and valid("Id", 18446744073709551615)
    assert valid("Id", "0b1e7c0e-8a4e-4a39-9b7e-0c2f6f1b2a3d") and valid("Id", "x" * 64)
    assert not valid("Id", -1) and not valid("Id", 18446744073709551616)
    assert not valid("Id", "x" * 65) and not valid("Id", 1.5) and not valid("Id", None)


def test_vector_dimensions_and_encodings() -> None:
    assert valid("Vector", [0.0] * 10752) and not valid("Vector", [0.0] * 10753)
    assert valid("Vector", "AACAPwAAAAA=") and not valid("Vector", "not base64!")


def test_query_limits() -> None:
    assert valid("QueryRequest", {"rank_by": ["id", "asc"], "top_k": 10000})
    assert not valid("QueryRequest", {"rank_by": ["id", "asc"], "top_k": 10001})
    assert not valid("QueryRequest", {"rank_by": ["id", "asc"], "limit": {"total": 10001}})
    assert valid(
        "QueryRequest",
        {"rank_by": ["id", "asc"], "limit": {"total": 5, "per": {"attributes": ["c"], "limit": 1}}},
    )
    assert not valid("QueryRequest", {"aggregate_by": {f"a{i}": ["Count"] for i in range(9)}})


def test_single_and_multi_query_are_told_apart_by_queries() -> None:
    sub = {"rank_by": ["vector", "ANN", [1.0, 0.0]], "limit": 10}
    assert valid("QueryOrMultiQueryRequest", sub)
    assert valid("QueryOrMultiQueryRequest", {"queries": [sub] * 16, "rerank_by": ["RRF"]})
    assert not valid("QueryOrMultiQueryRequest", {"queries": [sub] * 17})
    assert not valid("QueryOrMultiQueryRequest", {"queries": []})
    assert not valid("QueryOrMultiQueryRequest", {"queries": [sub], "rank_by": ["id", "asc"]})
    assert not valid("MultiQueryRequest", {"queries": [{**sub, "consistency": {"level": "strong"}}]})


def test_write_request_fields() -> None:
    body = {
        "upsert_rows": [{"id": 1, "vector": [0.1, 0.2], "title": "a"}],
        "patch_columns": {"id": [2], "title": ["b"]},
        "deletes": ["doc-3"],
        "upsert_condition": ["version", "Lt", {"$ref_new": "version"}],
        "copy_from_namespace": {"source_namespace": "src", "dest_encryption": {"mode": "default"}},
        "encryption": {
            "mode": "customer-managed",
            "key_name": "projects/p/locations/l/keyRings/r/cryptoKeys/k",
        },
        "sharding": {"num_shards": 4},
        "disable_backpressure": True,
        "return_affected_ids": True,
        "create_namespace": True,
        "schema": {
            "title": {"type": "string", "full_text_search": True},
            "old": {"drop": True},
            "owner": "uuid",
        },
    }
    assert valid("WriteRequest", body)
    assert not valid("WriteRequest", {"upsert_rowz": []}), "unknown fields are rejected"
    assert not valid("WriteRequest", {"upsert_rows": [{"title": "no id"}]})
    assert not valid("WriteRequest", {"sharding": {"num_shards": 257}})
    assert valid("WriteRequest", {"branch_from_namespace": "src"})
    assert not valid("WriteRequest", {"branch_from_namespace": ".."})


def test_schema_options() -> None:
    assert valid("AttributeSchema", "[768]f16") and valid("AttributeSchema", "[]datetime")
    assert valid("AttributeSchema", "{}f16") and valid("AttributeSchema", "[][128]f32")
    assert not valid("AttributeSchema", "varchar")
    assert not valid("AttributeSchemaConfig", {"filterable": True}), "type is required with options"
    assert not valid("FullTextSearchConfig", {"max_token_length": 255})
    assert not valid("FullTextSearchConfig", {"b": 1.5})
    assert valid("AttributeSchemaConfig", {"type": "string", "embed": None})


def test_error_response_shape() -> None:
    assert valid("ErrorResponse", {"status": "error", "error": "namespace not found"})
    assert not valid("ErrorResponse", {"status": "error"})
    assert not valid("ErrorResponse", {"status": "ok", "error": "x"})


def test_list_page_size_bounds() -> None:
    schema = load_spec()["components"]["parameters"]["ListPageSize"]["schema"]
    assert (schema["minimum"], schema["maximum"], schema["default"]) == (1, 1000, 100)
