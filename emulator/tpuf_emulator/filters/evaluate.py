"""Evaluate filter trees against documents, with the null rules of §5.1.

Each tree is compiled once into nested closures (cached on the node), so filtering a large namespace
costs one Python call per node and document rather than a re-interpretation of the tree.

``In`` on a scalar attribute matches when the value equals a listed one; on an array attribute when
the array holds any listed value (reference §5.1, confirmed against the hosted service), like
``ContainsAny``; the parser turns a single operand into a list of one. ``NotIn`` is its complement.

Null rules (null = attribute missing; a distinct value below every other value):
``Eq null`` matches missing; ``Lt``/``Lte`` match missing, ``Gt``/``Gte`` never do; comparisons with a
null operand other than ``Eq``/``NotEq`` match nothing; array operators never match a missing array;
every negated operator (``NotEq``, ``NotIn``, ``NotContains``, ``NotContainsAny``, ``NotGlob``,
``NotIGlob``) is the exact logical complement of its positive form. ``And []`` matches everything,
``Or []`` nothing.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from ..language.nodes import Compare, FilterNode, FuzzyMatch, Logical, PatternMatch, RefNew, TokenMatch
from . import text

Evaluator = Callable[[dict[str, Any], dict[str, Any] | None], bool]

_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "Lt": operator.lt,
    "Lte": operator.le,
    "Gt": operator.gt,
    "Gte": operator.ge,
}
_NEGATED = {"NotEq": "Eq", "NotIn": "In", "NotContains": "Contains", "NotContainsAny": "ContainsAny"}


def matches(tree: FilterNode, doc: dict[str, Any], ref_new: dict[str, Any] | None = None) -> bool:
    """Whether ``doc`` satisfies ``tree``; ``ref_new`` holds the values being written (``$ref_new``)."""
    return compile_filter(tree)(doc, ref_new)


def compile_filter(tree: FilterNode) -> Evaluator:
    if tree.compiled is None:
        tree.compiled = _compile(tree)
    compiled: Evaluator = tree.compiled
    return compiled


def _compile(node: FilterNode) -> Evaluator:
    if isinstance(node, Logical):
        children = [compile_filter(child) for child in node.children]
        if node.op == "And":
            return lambda doc, ref: all(child(doc, ref) for child in children)
        if node.op == "Or":
            return lambda doc, ref: any(child(doc, ref) for child in children)
        only = children[0]
        return lambda doc, ref: not only(doc, ref)
    if isinstance(node, Compare):
        return _compile_compare(node)
    if isinstance(node, PatternMatch):
        return _compile_pattern(node)
    if isinstance(node, FuzzyMatch):
        return text.compile_fuzzy(node)
    if isinstance(node, TokenMatch):
        return text.compile_tokens(node)
    raise TypeError(f"not a filter node: {node!r}")


def _resolve(value: Any, ref: dict[str, Any] | None) -> Any:
    if isinstance(value, RefNew):
        return None if ref is None else ref.get(value.attr)
    return value


def _compile_compare(node: Compare) -> Evaluator:
    attr, op, value = node.attr, node.op, node.value
    if op in _NEGATED:
        positive = _compile_compare(Compare(attr=attr, op=_NEGATED[op], value=value))
        return lambda doc, ref: not positive(doc, ref)
    dynamic = isinstance(value, RefNew) or (
        isinstance(value, tuple) and any(isinstance(v, RefNew) for v in value)
    )
    if dynamic:
        # Values taken from the document being written: resolve per evaluation.
        def evaluate(doc: dict[str, Any], ref: dict[str, Any] | None) -> bool:
            if isinstance(value, tuple):
                resolved: Any = tuple(_resolve(v, ref) for v in value)
            else:
                resolved = _resolve(value, ref)
            return _static_compare(attr, op, resolved)(doc, ref)

        return evaluate
    return _static_compare(attr, op, value)


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _static_compare(attr: str, op: str, value: Any) -> Evaluator:
    get = _getter(attr)
    if op == "Eq":
        if value is None:
            return lambda doc, ref: get(doc) is None
        if isinstance(value, list | tuple):
            expected = list(value)
            return lambda doc, ref: get(doc) == expected
        return lambda doc, ref: _safe_eq(get(doc), value)
    if op in _ORDER:
        compare = _ORDER[op]
        if value is None:
            return lambda doc, ref: False
        nulls_match = op in ("Lt", "Lte")

        def ordered(doc: dict[str, Any], ref: dict[str, Any] | None) -> bool:
            current = get(doc)
            if current is None:
                return nulls_match
            try:
                return compare(current, value)
            except TypeError:
                return False

        return ordered
    if op == "In":
        wanted = frozenset(_freeze(v) for v in value)

        def member(doc: dict[str, Any], ref: dict[str, Any] | None) -> bool:
            current = get(doc)
            if isinstance(current, list):  # array attribute: any element is listed
                return any(item in wanted for item in current)
            return current in wanted

        return member
    if op == "Contains":
        if value is None:
            return lambda doc, ref: False
        return lambda doc, ref: _contains(get(doc), value)
    if op == "ContainsAny":
        wanted = frozenset(v for v in value if v is not None)
        return lambda doc, ref: isinstance(items := get(doc), list) and any(item in wanted for item in items)
    if op.startswith("Any"):
        compare = _ORDER[op[3:]]
        if value is None:
            return lambda doc, ref: False

        def any_element(doc: dict[str, Any], ref: dict[str, Any] | None) -> bool:
            items = get(doc)
            if not isinstance(items, list):
                return False
            try:
                return any(compare(item, value) for item in items)
            except TypeError:
                return False

        return any_element
    raise ValueError(f"unknown comparison operator {op}")


def _getter(attr: str) -> Callable[[dict[str, Any]], Any]:
    return operator.itemgetter("id") if attr == "id" else (lambda doc: doc.get(attr))


def _safe_eq(current: Any, value: Any) -> bool:
    if current is None or isinstance(current, list):
        return False
    return bool(current == value)


def _contains(items: Any, value: Any) -> bool:
    return isinstance(items, list) and value in items


def _compile_pattern(node: PatternMatch) -> Evaluator:
    assert node.regex is not None
    test = node.regex.matches  # linear in the value's length (language/linear_regex.py)
    attr = node.attr

    def positive(doc: dict[str, Any]) -> bool:
        current = doc.get(attr)
        if isinstance(current, str):
            return test(current)
        if isinstance(current, list):
            return any(isinstance(item, str) and test(item) for item in current)
        return False

    if node.negate:
        return lambda doc, ref: not positive(doc)
    return lambda doc, ref: positive(doc)
