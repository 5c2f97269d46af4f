"""Batch decoding of a write's vector column gives exactly what value-by-value decoding gives, and leaves
every invalid column to the value-by-value path (whose errors name the offending value)."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from tpuf_emulator.errors import ApiError
from tpuf_emulator.schema.model import AttributeType
from tpuf_emulator.schema.values import decode_dense_vector, decode_dense_vectors


def _type(element: str = "f32", dims: int = 6) -> AttributeType:
    return AttributeType(f"[{dims}]{element}", "vector", element, dims)


def _b64(row) -> str:
    return base64.b64encode(np.asarray(row, dtype="<f4").tobytes()).decode()


ROWS = np.random.default_rng(1).normal(size=(5, 6)).astype(np.float32) * 100


@pytest.mark.parametrize("element", ["f32", "f16"])
@pytest.mark.parametrize("form", ["base64", "list"])
def test_batch_equals_one_by_one(element, form):
    vtype = _type(element)
    values = [_b64(r) for r in ROWS] if form == "base64" else ROWS.tolist()
    batch = decode_dense_vectors(vtype, values)
    assert batch is not None
    for got, value in zip(batch, values, strict=True):
        single = decode_dense_vector(vtype, value, "w")
        assert got.dtype == np.float32 and got.shape == (6,)
        np.testing.assert_array_equal(got, single)
    batch[0][0] = 12345.0  # each document owns its array
    assert batch[1][0] != 12345.0


def test_i8_vectors_of_integers_decode_in_batch():
    assert decode_dense_vectors(_type("i8", 2), [[1, -128], [127, 0]]) is not None
    assert decode_dense_vectors(_type("i8", 2), [[1, 0.5], [127, 0]]) is None
    assert decode_dense_vectors(_type("i8", 2), [[1, 300], [127, 0]]) is None


@pytest.mark.parametrize(
    "values",
    [
        [_b64(ROWS[0]), "not base64!"],
        [_b64(ROWS[0]), _b64(ROWS[1][:5])],  # wrong dimensions
        [_b64(ROWS[0]), _b64([1, 2, 3, 4, 5, float("nan")])],
        [ROWS[0].tolist(), [1, 2, 3, 4, 5, True]],  # bool is not a number here
        [ROWS[0].tolist(), [1, 2, 3, 4, 5, "6"]],
        [ROWS[0].tolist(), [1, 2, 3, 4, 5]],
        [ROWS[0].tolist(), None],
    ],
)
def test_invalid_columns_are_left_to_the_precise_path(values):
    assert decode_dense_vectors(_type(), values) is None
    with pytest.raises(ApiError):
        for i, value in enumerate(values):
            if value is None:
                raise ApiError(400, "missing")
            decode_dense_vector(_type(), value, f"upsert_rows[{i}].vector")


def test_a_column_mixing_base64_and_lists_is_decoded_value_by_value():
    values = [_b64(ROWS[0]), ROWS[1].tolist()]
    assert decode_dense_vectors(_type(), values) is None
    assert [decode_dense_vector(_type(), v, "w").shape for v in values] == [(6,), (6,)]


def test_a_bad_vector_in_a_bulk_write_is_named_by_position(emulator):
    import httpx

    rows = [{"id": i, "vector": _b64(ROWS[i])} for i in range(4)] + [{"id": 9, "vector": "%%%"}]
    response = httpx.post(
        f"{emulator.base_url}/v2/namespaces/decode-{np.random.default_rng().integers(1 << 30)}",
        json={"upsert_rows": rows, "distance_metric": "cosine_distance"},
        headers={"authorization": f"Bearer {emulator.api_key}"},
    )
    assert response.status_code == 400
    assert "upsert_rows[4].vector" in response.json()["error"]
