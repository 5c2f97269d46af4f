"""Parity #3: a body of the wrong JSON shape gets the hosted service's serde wording and a 422.

The hosted service deserializes bodies with serde, and clients match on its messages (reference
§1.6, the 422 row). Each exact text the reference lists is asserted on its own, through the official
``turbopuffer`` client where it can send the body (it raises ``UnprocessableEntityError`` for 422 and
``BadRequestError`` for 400) and as raw HTTP where the client refuses the shape before sending it.
Semantic problems with a well-formed body stay 400 with their own wording.
"""

from __future__ import annotations

import re

import pytest
import turbopuffer

GCP_KEY = "projects/my-project/locations/us-central1/keyRings/my-ring/cryptoKeys/my-key"
AWS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def _error(response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == "error"
    return str(body["error"])


def _seed(tpuf, ns_name: str) -> turbopuffer.Turbopuffer:
    ns = tpuf.namespace(ns_name)
    ns.write(
        upsert_rows=[
            {"id": 1, "content": ["quick", "brown", "fox"], "title": "quick brown fox"},
            {"id": 2, "content": ["lazy", "dog"], "title": "lazy dog"},
        ],
        schema={
            "content": {"type": "[]string", "full_text_search": {"tokenizer": "pre_tokenized_array"}},
            "title": {"type": "string", "full_text_search": True},
        },
    )
    return ns


# ------------------------------------------------------------------------------------- reference texts


@pytest.mark.parity("error-serde-wording")
def test_upsert_rows_as_an_object_is_invalid_type_map_expected_a_sequence(api, unique_ns):
    """Parity #3: `upsert_rows` sent as an object -> 422 `invalid type: map, expected a sequence`.
    Raw HTTP: the official client's types refuse a dict for upsert_rows before sending."""
    response = api.post(f"/v2/namespaces/{unique_ns}", json={"upsert_rows": {"id": 1, "a": "x"}})
    message = _error(response, 422)
    assert "invalid type: map, expected a sequence" in message
    assert message.startswith("upsert_rows: ")
    assert api.get(f"/v1/namespaces/{unique_ns}/schema").status_code == 404  # nothing was written


@pytest.mark.parity("error-serde-wording")
def test_consistency_as_a_string_is_invalid_type_expected_struct_consistency(tpuf, unique_ns):
    """Parity #3: `consistency: "eventual"` -> 422 `invalid type: string "eventual", expected struct Consistency`."""
    ns = _seed(tpuf, unique_ns)
    with pytest.raises(turbopuffer.UnprocessableEntityError) as err:
        ns.query(rank_by=("id", "asc"), top_k=1, consistency="eventual")  # type: ignore[arg-type]
    assert err.value.status_code == 422
    assert 'invalid type: string "eventual", expected struct Consistency' in str(err.value)


@pytest.mark.parity("error-serde-wording")
def test_unknown_consistency_level_is_unknown_variant(tpuf, unique_ns):
    """Parity #3: `consistency: {"level": "nonexistentvalue"}` -> 422
    ``unknown variant `nonexistentvalue`, expected `strong` or `eventual` ``."""
    ns = _seed(tpuf, unique_ns)
    with pytest.raises(turbopuffer.UnprocessableEntityError) as err:
        ns.query(rank_by=("id", "asc"), top_k=1, consistency={"level": "nonexistentvalue"})  # type: ignore[typeddict-item]
    assert "unknown variant `nonexistentvalue`, expected `strong` or `eventual`" in str(err.value)


def test_bm25_string_against_a_pre_tokenized_array_attribute(tpuf, unique_ns):
    """Parity #3: a BM25 query string against a `pre_tokenized_array` attribute -> 400 matching
    `invalid input .* for rank_by field "content", expecting \\[\\]string`; a token array still works."""
    ns = _seed(tpuf, unique_ns)
    with pytest.raises(turbopuffer.BadRequestError) as err:
        ns.query(rank_by=("content", "BM25", "quick fox"), top_k=5)
    assert err.value.status_code == 400
    assert re.search(r'invalid input .* for rank_by field "content", expecting \[\]string', str(err.value))
    rows = ns.query(rank_by=("content", "BM25", ["quick", "fox"]), top_k=5).rows
    assert [row.id for row in rows] == [1]


@pytest.mark.parity("write.encryption")
def test_malformed_cmek_key_is_400_malformed_cloud_kms_crypto_key(tpuf, unique_ns):
    """Parity #3: a malformed CMEK key name -> 400 `Malformed Cloud KMS crypto key: mykey`."""
    ns = tpuf.namespace(unique_ns)
    with pytest.raises(turbopuffer.BadRequestError) as err:
        ns.write(
            upsert_rows=[{"id": 1, "a": "x"}],
            encryption={"mode": "customer-managed", "key_name": "mykey"},
        )
    assert err.value.status_code == 400
    assert "Malformed Cloud KMS crypto key: mykey" in str(err.value)
    assert ns.exists() is False  # the rejected write created nothing


def test_malformed_cmek_key_in_the_legacy_cmek_form(api, unique_ns):
    """Parity #3: the pre-2.0 `{"cmek": {"key_name": ...}}` form gets the same 400 (raw HTTP: the
    client no longer types that form)."""
    body = {"upsert_rows": [{"id": 1}], "encryption": {"cmek": {"key_name": "mykey"}}}
    message = _error(api.post(f"/v2/namespaces/{unique_ns}", json=body), 400)
    assert "Malformed Cloud KMS crypto key: mykey" in message


@pytest.mark.parametrize("key_name", [GCP_KEY, AWS_KEY], ids=["gcp", "aws"])
def test_well_formed_cmek_keys_are_accepted(tpuf, unique_ns, key_name):
    """Parity #3: well-formed GCP resource names and AWS KMS ARNs are accepted as before."""
    ns = tpuf.namespace(unique_ns)
    result = ns.write(
        upsert_rows=[{"id": 1, "a": "x"}], encryption={"mode": "customer-managed", "key_name": key_name}
    )
    assert result.rows_upserted == 1
    assert ns.metadata().encryption.model_dump()["key_name"] == key_name


# ------------------------------------------------------------------------------------- generalised


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"upsert_rows": [{"id": 1}], "return_affected_ids": 5}, "return_affected_ids: invalid type: integer `5`, expected a boolean"),
        ({"upsert_rows": [{"id": 1}], "return_affected_ids": 1.5}, "invalid type: floating point `1.5`, expected a boolean"),
        ({"upsert_rows": [{"id": 1}], "return_affected_ids": "yes"}, 'invalid type: string "yes", expected a boolean'),
        # serde_json renders floats with ryu (shortest digits, `2.0`, `1e16`) and strings with Rust's Debug escapes
        ({"upsert_rows": [{"id": 1}], "return_affected_ids": 2.0}, "invalid type: floating point `2.0`, expected a boolean"),
        ({"upsert_rows": [{"id": 1}], "return_affected_ids": 1e16}, "invalid type: floating point `1e16`, expected a boolean"),
        ({"upsert_rows": [{"id": 1}], "return_affected_ids": -5}, "invalid type: integer `-5`, expected a boolean"),
        ({"upsert_rows": [{"id": 1}], "return_affected_ids": 'say "hi"\n'},
         'invalid type: string "say \\"hi\\"\\n", expected a boolean'),
        ({"deletes": {"id": 1}}, "deletes: invalid type: map, expected a sequence"),
        ({"upsert_rows": [["id", 1]]}, "upsert_rows[0]: invalid type: sequence, expected a map"),
        ({"upsert_rows": [{"title": "no id"}]}, "upsert_rows[0]: missing field `id`"),
        ({"upsert_columns": {"title": ["x"]}}, "upsert_columns: missing field `id`"),
        ({"upsert_rows": [{"id": 1}], "distance_metric": "manhattan"},
         "distance_metric: unknown variant `manhattan`, expected `cosine_distance` or `euclidean_squared`"),
        ({"upserts": []}, "unknown field `upserts`, expected one of `upsert_rows`, `upsert_columns`"),
        ({"patch_by_filter": {"patch": {"a": 1}}}, "patch_by_filter: missing field `filters`"),
        ({"upsert_rows": [{"id": 1}], "sharding": {"num_shards": 2, "x": 1}},
         "sharding: unknown field `x`, expected `num_shards`"),
        ({"upsert_rows": [{"id": 1}], "encryption": {"mode": "sse"}},
         "encryption.mode: unknown variant `sse`, expected `default` or `customer-managed`"),
        ({"upsert_rows": [{"id": 1}], "schema": {"a": {"type": "string", "filterable": "yes"}}},
         'schema.a.filterable: invalid type: string "yes", expected a boolean'),
        ({"upsert_rows": [{"id": 1}], "schema": {"a": {"filterable": True}}}, "schema.a: missing field `type`"),
        ({"upsert_rows": [{"id": 1}], "schema": {"a": {"type": "string", "full_text_search": {"tokenizer": "word_v9"}}}},
         "schema.a.full_text_search.tokenizer: unknown variant `word_v9`, expected one of `word_v4`, `word_v3`"),
        ({"upsert_rows": [{"id": True}]}, "upsert_rows[0].id: invalid type: boolean `true`, expected"),
        ({"upsert_rows": [{"id": None}]}, "upsert_rows[0].id: invalid type: null, expected"),
    ],
)  # fmt: skip
@pytest.mark.parity("error-serde-wording")
def test_write_shape_errors_use_serde_wording(api, unique_ns, body, fragment):
    """Parity #3: every wrong JSON shape of a write (type, enum variant, missing/unknown field) is a
    422 in serde's words, prefixed with the path of the offending value."""
    message = _error(api.post(f"/v2/namespaces/{unique_ns}", json=body), 422)
    assert fragment in message


def test_a_body_that_is_not_an_object(api, unique_ns):
    """Parity #3: a JSON array as the whole body -> 422 `invalid type: sequence, expected a map`."""
    message = _error(api.post(f"/v2/namespaces/{unique_ns}", json=[1, 2]), 422)
    assert message == "invalid type: sequence, expected a map"


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ({"rank_by": ["id", "asc"], "top_k": "3"}, 'top_k: invalid type: string "3", expected u64'),
        ({"rank_by": ["id", "asc"], "top_k": 3, "filter": ["id", "Eq", 1]},
         "unknown field `filter`, expected one of `rank_by`, `limit`, `top_k`"),
        ({"rank_by": ["id", "asc"], "top_k": 3, "vector_encoding": "hex"},
         "vector_encoding: unknown variant `hex`, expected `float` or `base64`"),
        ({"rank_by": ["id", "sideways"], "top_k": 3}, "rank_by[1]: unknown variant `sideways`"),
        ({"rank_by": ["id", "asc"], "top_k": 3, "filters": ["id", "Equals", 1]},
         "filters[1]: unknown variant `Equals`, expected one of `And`, `AnyGt`"),
        ({"rank_by": ["id", "asc"], "top_k": 3, "filters": ["id", "Eq"]},
         'filters: invalid length 2, expected [attribute, "Eq", value]'),
        ({"rank_by": ["id", "asc"], "top_k": 3, "filters": {"id": 1}}, "filters: invalid type: map, expected"),
        ({"aggregate_by": {"n": ["Average", "a"]}}, "aggregate_by.n[0]: unknown variant `Average`, expected `Count` or `Sum`"),
        ({"rank_by": ["id", "asc"], "limit": {"per": {"attributes": ["a"], "limit": 1}}}, "limit: missing field `total`"),
        ({"rank_by": ["title", "BM25", "fox", {"boost": 2}], "top_k": 3},
         "rank_by[3]: unknown field `boost`, expected `last_as_prefix`"),
    ],
)  # fmt: skip
@pytest.mark.parity("error-serde-wording")
def test_query_shape_errors_use_serde_wording(api, tpuf, unique_ns, query, fragment):
    """Parity #3: wrong JSON shapes in a query are 422s in serde's words too."""
    _seed(tpuf, unique_ns)
    message = _error(api.post(f"/v2/namespaces/{unique_ns}/query", json=query), 422)
    assert fragment in message


def test_official_client_sees_serde_wording_for_a_wrong_type(tpuf, unique_ns):
    """Parity #3: through the official client, a wrong JSON type raises UnprocessableEntityError
    with serde's `invalid type` text."""
    ns = _seed(tpuf, unique_ns)
    with pytest.raises(turbopuffer.UnprocessableEntityError) as err:
        ns.query(rank_by=("id", "asc"), top_k=1, include_attributes=[5])  # type: ignore[list-item]
    assert "include_attributes[0]: invalid type: integer `5`, expected a string" in str(err.value)


def test_semantic_errors_stay_400_with_their_wording(api, tpuf, unique_ns):
    """Parity #3: a well-formed body that asks for something invalid is still a 400, not a 422."""
    _seed(tpuf, unique_ns)
    duplicate = {"upsert_rows": [{"id": 7}, {"id": 7}]}
    assert "duplicate" in _error(api.post(f"/v2/namespaces/{unique_ns}", json=duplicate), 400).lower()
    bad_operand = {"rank_by": ["id", "asc"], "top_k": 3, "filters": ["title", "Eq", 5]}
    _error(api.post(f"/v2/namespaces/{unique_ns}/query", json=bad_operand), 400)
    too_many = {"rank_by": ["id", "asc"], "top_k": 100_000}
    assert "at most" in _error(api.post(f"/v2/namespaces/{unique_ns}/query", json=too_many), 400)
