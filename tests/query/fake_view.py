"""A tiny in-memory namespace view for testing the query layer without the namespaces layer.

It implements ``tpuf_emulator.seams.NamespaceView`` (docs/architecture.md, "Interfaces"), without
ANN or filter indexes (queries scan); documents are decoded from JSON rows with the same value
codec the write path uses.
"""

from __future__ import annotations

from typing import Any

from tpuf_emulator.columns import ColumnStore
from tpuf_emulator.filterindex import FilterIndex
from tpuf_emulator.fulltext import FullTextIndex, parse_full_text_config
from tpuf_emulator.namespaces.sizes import document_bytes
from tpuf_emulator.query import execute_query
from tpuf_emulator.schema.model import AttributeSchema, AttributeType, Schema
from tpuf_emulator.schema.values import decode_value
from tpuf_emulator.seams import NamespaceView, VectorSearchIndex


def make_schema(spec: dict[str, Any]) -> Schema:
    """``{"title": "string", "body": {"type": "string", "full_text_search": true}, ...}`` -> Schema."""
    schema = Schema()
    for name, value in spec.items():
        options = {"type": value} if isinstance(value, str) else dict(value)
        vtype = AttributeType.parse(options.pop("type"))
        fts = parse_full_text_config(options.pop("full_text_search", None), vtype.text, name)
        attr = AttributeSchema(type=vtype, full_text_search=fts)
        flags = {k: options.pop(k) for k in ("regex", "glob", "fuzzy") if k in options}
        for key, flag in flags.items():
            setattr(attr, key, flag)
        attr.filterable = options.pop("filterable", not (fts or any(flags.values())))
        if vtype.kind in ("vector", "multivector"):
            ann = options.pop("ann", True)
            attr.ann = None if ann is False else ({} if ann is True else dict(ann))
        if vtype.kind == "sparse":
            attr.sparse_knn = options.pop("sparse_knn", {"distance_metric": "dot_product"})
        assert not options, f"unhandled schema options {options}"
        schema.attributes[name] = attr
    return schema


class FakeView:
    def __init__(
        self, schema: dict[str, Any], rows: list[dict[str, Any]], metric: str | None = "cosine_distance"
    ) -> None:
        self.name = "fake"
        self.schema = make_schema(schema)
        self.distance_metric = metric
        self.last_write_at: int | None = None
        self.docs: dict[Any, dict[str, Any]] = {}
        for row in rows:
            doc: dict[str, Any] = {"id": row["id"]}
            for key, value in row.items():
                if key == "id" or value is None:
                    continue
                attr = self.schema.get(key)
                assert attr is not None, f"fake view: {key!r} is not in the test schema"
                doc[key] = decode_value(attr, value, f"row {row['id']}.{key}")
            self.docs[row["id"]] = doc
        self._fulltext: dict[str, FullTextIndex] = {}
        self.index_calls: list[tuple[str, int, Any]] = []

    @property
    def logical_bytes(self) -> int:
        return sum(document_bytes(self.schema, doc) for doc in self.docs.values())

    def documents(self) -> dict[Any, dict[str, Any]]:
        return self.docs

    def fulltext(self, attr: str) -> FullTextIndex | None:
        config = self.schema.get(attr)
        if config is None or config.full_text_search is None:
            return None
        if attr not in self._fulltext:
            index = FullTextIndex(config.full_text_search)
            for doc_id, doc in self.docs.items():
                if doc.get(attr) is not None:
                    index.add(doc_id, doc[attr])
            self._fulltext[attr] = index
        return self._fulltext[attr]

    def vector_index(self, attr: str) -> VectorSearchIndex | None:
        return None

    def filter_index(self) -> FilterIndex | None:
        return None

    def columns(self) -> ColumnStore:
        """The documents column-wise, as a namespace keeps them (built afresh: tests may edit ``docs``)."""
        return ColumnStore(self.documents)

    def query(self, **body: Any) -> dict[str, Any]:
        return execute_query(self, body)

    def ids(self, **body: Any) -> list[Any]:
        """The ids a query returns; without a ``rank_by`` it lists documents by id (a lookup)."""
        body.setdefault("rank_by", ["id", "asc"])
        return [row["id"] for row in self.query(**body)["rows"]]


def _implements_the_view(view: FakeView) -> NamespaceView:
    return view  # mypy checks FakeView against the Protocol here


def every_kind_view() -> FakeView:
    """A small view with one attribute of every kind the query language can address.

    Shared by the tests that feed every operator (or arbitrary JSON) through the parser, so
    they all exercise the same schema.
    """
    schema = {
        "s": {"type": "string", "glob": True, "regex": True, "fuzzy": True, "filterable": True},
        "n": "int",
        "arr": "[]string",
        "nums": "[]int",
        "text": {"type": "string", "full_text_search": True},
        "v": "[2]f32",
        "sp": "{}f16",
    }
    rows = [
        {
            "id": 1,
            "s": "abc",
            "n": 2,
            "arr": ["a"],
            "nums": [0],
            "text": "a b",
            "v": [1.0, 0.0],
            "sp": {"a": 1},
        },
        {"id": 2, "s": "xyz", "n": -1, "text": "b c", "v": [0.0, 1.0]},
    ]
    return FakeView(schema, rows)
