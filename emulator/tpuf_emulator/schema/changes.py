"""Which schema changes are allowed on an existing namespace (reference 6.4), and applying them.

Allowed: new attributes, toggling filterable / full_text_search (and its parameters) / regex /
glob / fuzzy, adding or removing ``embed``, dropping an attribute (``{"drop": true}``: it leaves
the schema here; the namespaces layer removes its values from every document). Rejected with 400 naming the attribute: a type
change, a change of vector index settings, modifying ``embed``, adding a vector column to a
namespace that already holds documents, dropping ``id`` or an attribute the schema does not
have, or more than 1,024 attributes / 8 vector columns.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping

from ..errors import bad_request
from .model import AttributeSchema, Schema
from .names import MAX_ATTRIBUTES
from .options import DropAttribute, SchemaChange

MAX_VECTOR_COLUMNS = 8


def fill_distance_metric(attr: AttributeSchema, metric: str | None) -> None:
    """Dense vector columns report the namespace's metric under ``ann.distance_metric``."""
    if attr.ann is not None and "distance_metric" not in attr.ann and metric is not None:
        attr.ann["distance_metric"] = metric


def apply_schema_changes(
    current: Schema,
    changes: Mapping[str, SchemaChange],
    *,
    has_documents: bool,
    distance_metric: str | None,
    where: str = "schema",
) -> Schema:
    """A new Schema with ``changes`` merged in; ``current`` is never modified (validate-then-apply)."""
    merged = Schema(dict(current.attributes))
    for name, change in changes.items():
        at = f"{where}.{name}"
        if isinstance(change, DropAttribute):
            _drop(merged, name, at)
            continue
        new = copy.deepcopy(change)
        fill_distance_metric(new, distance_metric)
        old = current.get(name)
        if old is None:
            if name == "id" and has_documents:
                raise bad_request(
                    f"{at}: the id type can only be declared before the first document is written"
                )
            if new.type.is_vector and has_documents and new.type.kind != "sparse":
                raise bad_request(
                    f"{at}: cannot add vector attribute {name!r}: vector columns are fixed when the namespace "
                    "is created"
                )
        else:
            if old.type.text != new.type.text:
                raise bad_request(
                    f"{at}: cannot change the type of attribute {name!r} from {old.type.text} to {new.type.text}"
                )
            if new.ann is not None and old.ann is not None and not new.ann.get("distance_metric"):
                new.ann["distance_metric"] = old.ann.get("distance_metric")
            if (new.ann or None) != (old.ann or None):
                raise bad_request(f"{at}: cannot change the ann settings of vector attribute {name!r}")
            if old.embed is not None and new.embed is not None and old.embed != new.embed:
                raise bad_request(f"{at}: cannot modify embed of attribute {name!r}; remove it (null) first")
        merged.attributes[name] = new
    if len(merged.attributes) > MAX_ATTRIBUTES:
        raise bad_request(f"{where}: a namespace can have at most {MAX_ATTRIBUTES} attributes")
    vectors = [n for n, a in merged.attributes.items() if a.type.kind in ("vector", "multivector")]
    if len(vectors) > MAX_VECTOR_COLUMNS:
        raise bad_request(f"{where}: a namespace can have at most {MAX_VECTOR_COLUMNS} vector attributes")
    return merged


def dropped_attributes(changes: Mapping[str, SchemaChange]) -> list[str]:
    return [name for name, change in changes.items() if isinstance(change, DropAttribute)]


def _drop(merged: Schema, name: str, at: str) -> None:
    if name == "id":
        raise bad_request(f"{at}: the id attribute cannot be dropped")
    if name not in merged.attributes:
        raise bad_request(f"{at}: cannot drop attribute {name!r}: the namespace schema has no such attribute")
    del merged.attributes[name]


def copy_schema(schema: Schema) -> Schema:
    return Schema(copy.deepcopy(schema.attributes))
