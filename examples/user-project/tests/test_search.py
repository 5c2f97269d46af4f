"""The catalogue's search, tested against a real local turbopuffer: the fixtures ``tpuf_emulator``
(one emulator for the session) and ``tpuf_namespace`` (a fresh namespace per test) come from the
pytest plugin that ``pip install tpuf-emulator`` registers; this project defines no fixtures of its own."""

from __future__ import annotations

import pytest
import turbopuffer
import turbopuffer_openapi_client
from catalog import Product, index_products, search_words, similar

PRODUCTS = [
    Product(1, "Trail runner", "Light shoes for running on rocky mountain trails", "shoes", [0.9, 0.1, 0.0]),
    Product(2, "City sneaker", "Everyday shoes for walking in the city", "shoes", [0.7, 0.3, 0.0]),
    Product(3, "Rain shell", "A jacket that keeps runners dry in the rain", "jackets", [0.1, 0.9, 0.1]),
    Product(4, "Down parka", "The warmest jacket for walking through winter", "jackets", [0.0, 0.8, 0.6]),
]

# The same tests run with both clients: the official SDK and the generated typed client.
CLIENTS = pytest.mark.parametrize(
    "client_class",
    [turbopuffer.Turbopuffer, turbopuffer_openapi_client.Turbopuffer],
    ids=["official-client", "generated-client"],
)


@CLIENTS
def test_words_match_stemmed_forms_and_stop_words_are_ignored(client_class, tpuf_emulator, tpuf_namespace):
    ns = client_class(**tpuf_emulator.client_kwargs).namespace(tpuf_namespace)
    index_products(ns, PRODUCTS)

    assert set(search_words(ns, "walks")) == {2, 4}  # matches "walking": both reduce to "walk"
    assert search_words(ns, "the") == []  # an English stop word matches nothing
    assert search_words(ns, "walking", category="jackets") == [4]


@CLIENTS
def test_similar_products_come_nearest_first(client_class, tpuf_emulator, tpuf_namespace):
    ns = client_class(**tpuf_emulator.client_kwargs).namespace(tpuf_namespace)
    index_products(ns, PRODUCTS)

    assert similar(ns, [1.0, 0.0, 0.0], limit=2) == [1, 2]


def test_the_environment_variables_point_a_default_client_at_the_emulator(
    tpuf_emulator, tpuf_namespace, monkeypatch
):
    for name, value in tpuf_emulator.env.items():
        monkeypatch.setenv(name, value)
    ns = turbopuffer.Turbopuffer().namespace(tpuf_namespace)  # configured only by TURBOPUFFER_*
    index_products(ns, PRODUCTS[:1])

    assert similar(ns, [1.0, 0.0, 0.0]) == [1]
