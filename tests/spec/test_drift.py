"""`make drift`'s comparison (scripts/fidelity/compare.py), without the network.

Against the pinned client installed in .venv the spec must be complete; against a synthetic client
"from the future" (an extra operation, a new write field, new enum values) every addition must be
reported, in the group it belongs to.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Iterable
from typing import Literal

from typing_extensions import TypedDict

from scripts.fidelity.client_surface import ClientOperation
from scripts.fidelity.compare import ClientSurface, Comparison, render
from scripts.fidelity.spec_document import REPO_ROOT

PINNED = ClientSurface.installed()


class WriteParamsFromTheFuture(TypedDict, total=False):
    upsert_rows: Iterable[dict[str, object]]
    distance_metric: Literal["cosine_distance", "euclidean_squared", "manhattan"]
    brand_new_option: int


def _future_surface() -> ClientSurface:
    write = next(op for op in PINNED.operations if op.name == "write")
    frobnicate = ClientOperation(
        name="frobnicate",
        method="POST",
        path="/v2/namespaces/{namespace}/frobnicate",
        overload=None,
        body_type=None,
        body_key=None,
        bare_body_param=None,
        query_type=None,
        response_type=write.response_type,
    )
    return dataclasses.replace(
        PINNED,
        version="99.0.0",
        operations=[dataclasses.replace(write, body_type=WriteParamsFromTheFuture), frobnicate],
        literal_aliases={"future_params.Level": ("strong", "eventual", "psychic")},
    )


def test_the_pinned_client_has_nothing_the_spec_lacks() -> None:
    comparison = Comparison(PINNED)
    assert comparison.introspection_problems() == []
    assert comparison.all_gaps() == []
    assert render([], PINNED.version).endswith("nothing to add.")


def test_a_newer_client_s_additions_are_all_reported() -> None:
    gaps = Comparison(_future_surface()).all_gaps()
    found = {(gap.kind, gap.path, gap.owner) for gap in gaps}
    assert found == {
        ("operation", "frobnicate", ""),
        ("field", "write.brand_new_option", "WriteParamsFromTheFuture"),
        ("enum", "write.distance_metric", ""),
        ("enum", "future_params.Level", ""),
    }, gaps
    enum_messages = sorted(gap.message for gap in gaps if gap.kind == "enum")
    assert enum_messages == [
        "Literal value 'manhattan' is not in the spec",
        "Literal value 'psychic' is not in the spec",
    ]


def test_the_report_groups_what_to_add() -> None:
    report = render(Comparison(_future_surface()).all_gaps(), "99.0.0")
    assert report.startswith("spec/turbopuffer.yaml is behind turbopuffer 99.0.0: 4 gap(s) to close.")
    operations = report.index("Operations the spec lacks:")
    fields = report.index("Fields the spec lacks, by client type:")
    enums = report.index("Enum values the spec lacks:")
    assert operations < fields < enums
    assert "  - frobnicate (POST /v2/namespaces/{namespace}/frobnicate)" in report
    assert "  WriteParamsFromTheFuture:\n    - write.brand_new_option  (write (POST" in report
    assert "future_params.Level: Literal value 'psychic' is not in the spec" in report


def test_an_unreadable_client_is_not_a_clean_report() -> None:
    """If the SDK's code shape defeats the introspection, drift says so instead of "nothing to add"."""
    empty = dataclasses.replace(PINNED, operations=[], literal_aliases={})
    problems = Comparison(empty).introspection_problems()
    assert any("operations not found" in problem for problem in problems)
    assert any("Literal aliases" in problem for problem in problems)


def test_the_in_venv_step_against_the_pinned_client_exits_0() -> None:
    """`scripts/drift.py --compare` is what runs inside the drift venv; here it sees the pinned client."""
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "drift.py"), "--compare"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"turbopuffer {PINNED.version} (" in done.stdout
    assert "nothing to add." in done.stdout
