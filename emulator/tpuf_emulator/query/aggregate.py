"""``aggregate_by`` and ``group_by`` (§5.5) over the documents that match the query's filters.

* ``Count`` counts documents; the deprecated ``["Count", attr]`` counts documents where attr is set;
  ``Sum`` adds an int/uint/float attribute (an int attribute sums to a JSON integer, float to a
  number; nothing to add gives 0).
* Groups: one per distinct tuple of group-key values; ``ForEachUnique`` puts a document in one group
  per distinct element of the array attribute (a document with no elements is in no group). A null
  scalar key forms its own group (key ``null``), ordered first. Groups are sorted by key and cut to
  ``limit`` (default: all, up to 10,000).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from ..deadline import paced
from ..language.nodes import Aggregate, GroupKey
from ..schema.model import AttributeType, Schema
from ..schema.values import encode_value


class _Accumulator:
    def __init__(self, aggregations: dict[str, Aggregate], schema: Schema) -> None:
        self.aggregations = aggregations
        self.values: dict[str, Any] = {}
        for label, agg in aggregations.items():
            if agg.function == "Sum":
                attr = schema.get(agg.attr or "")
                self.values[label] = 0.0 if attr is not None and attr.type.element == "float" else 0
            else:
                self.values[label] = 0

    def add(self, doc: dict[str, Any]) -> None:
        values = self.values
        for label, agg in self.aggregations.items():
            if agg.function == "Count":
                if agg.attr is None or (doc["id"] if agg.attr == "id" else doc.get(agg.attr)) is not None:
                    values[label] += 1
            else:
                value = doc.get(agg.attr or "")
                if value is not None:
                    values[label] += value


def aggregate(
    docs: Iterable[dict[str, Any]], aggregations: dict[str, Aggregate], schema: Schema
) -> dict[str, Any]:
    acc = _Accumulator(aggregations, schema)
    for doc in paced(docs):
        acc.add(doc)
    return acc.values


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _key_values(doc: dict[str, Any], key: GroupKey) -> list[Any]:
    value = doc["id"] if key.attr == "id" else doc.get(key.attr)
    if key.explode:
        if not isinstance(value, list):
            return []
        return list(dict.fromkeys(value))
    return [_hashable(value)]


def _sort_key(group: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((value is not None, value if value is not None else 0) for value in group)


def aggregate_groups(
    docs: Iterable[dict[str, Any]],
    aggregations: dict[str, Aggregate],
    keys: list[GroupKey],
    schema: Schema,
    limit: int,
) -> list[dict[str, Any]]:
    groups: dict[tuple[Any, ...], _Accumulator] = {}
    for doc in paced(docs):
        for combo in itertools.product(*(_key_values(doc, key) for key in keys)):
            acc = groups.get(combo)
            if acc is None:
                acc = groups[combo] = _Accumulator(aggregations, schema)
            acc.add(doc)
    try:
        ordered = sorted(groups, key=_sort_key)
    except TypeError:
        ordered = sorted(groups, key=lambda g: tuple(str(v) for v in g))
    out: list[dict[str, Any]] = []
    for combo in ordered[:limit]:
        row: dict[str, Any] = {}
        for key, value in zip(keys, combo, strict=True):
            attr = schema.get(key.attr)
            if value is not None and attr is not None:
                element_type = attr.type
                if key.explode:
                    element_type = AttributeType(attr.type.element, "scalar", attr.type.element)
                value = encode_value(element_type, list(value) if isinstance(value, tuple) else value)
            row[key.out] = value
        row.update(groups[combo].values)
        out.append(row)
    return out
