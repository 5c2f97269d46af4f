"""The spec may go beyond the official client, never fall short of it.

Everything the installed `turbopuffer` package knows is discovered at test time by
introspection (scripts/fidelity/client_surface.py); the checks are scripts/fidelity/compare.py,
the same ones `make drift` runs against the newest client on PyPI. A failure names the operation,
the field path and what differs.
"""

from __future__ import annotations

import pytest

from scripts.fidelity.client_surface import ClientOperation
from scripts.fidelity.compare import ClientSurface, Comparison, Gap

SURFACE = ClientSurface.installed()
COMPARISON = Comparison(SURFACE)
OPERATIONS = SURFACE.operations


def _assert_no_gaps(gaps: list[Gap], what: str) -> None:
    assert not gaps, f"{what}:\n  " + "\n  ".join(map(str, gaps))


def test_the_client_exposes_the_operations_we_compare_against() -> None:
    # Guards the introspection itself: if the SDK's code shape changes, fail loudly, not vacuously.
    assert COMPARISON.introspection_problems() == []


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_operation_exists(op: ClientOperation) -> None:
    _assert_no_gaps(COMPARISON.operation_gaps(op), op.label)


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.body_type], ids=lambda op: op.name)
def test_request_body_covers_the_client(op: ClientOperation) -> None:
    _assert_no_gaps(COMPARISON.request_body_gaps(op), f"{op.label} request body")


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.query_type], ids=lambda op: op.name)
def test_query_parameters_cover_the_client(op: ClientOperation) -> None:
    _assert_no_gaps(COMPARISON.query_parameter_gaps(op), f"{op.label} query parameters")


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_success_response_covers_the_client(op: ClientOperation) -> None:
    _assert_no_gaps(COMPARISON.response_gaps(op), f"{op.label} response")


def test_query_language_families_cover_the_client() -> None:
    """Every family (Filter, RankBy, ...) is compared, and every client form (RankByText,
    RankByAnnMulti, ...) is reached through one of them."""
    compared = COMPARISON.compared_language_families()
    assert {"Filter", "RankBy", "Expr", "AggregateBy", "GroupBy", "RerankBy"} <= set(compared), (
        compared.keys()
    )
    _assert_no_gaps(COMPARISON.language_gaps(), "query language")


@pytest.mark.parametrize("alias", sorted(SURFACE.literal_aliases))
def test_every_client_enum_is_in_the_spec(alias: str) -> None:
    _assert_no_gaps(COMPARISON.enum_gaps(alias), alias)
