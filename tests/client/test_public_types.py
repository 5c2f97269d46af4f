"""The public surface as a new user meets it: one class per concept, and signatures a type checker can
hold a user to (``mypy --strict`` on small user programs, one accepted and one rejected per feature)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import types
from pathlib import Path

import httpx
import pytest
import turbopuffer_openapi_client as tp
from turbopuffer_openapi_client import models

ROOT = Path(__file__).resolve().parents[2]


def test_a_public_name_means_the_same_class_in_the_package_and_in_models() -> None:
    """`tp.QueryResult` and `tp.models.QueryResult` used to be two different classes."""
    shared = sorted(set(tp.__all__) & set(models.__all__))
    assert "NamespaceSummary" in shared
    for name in shared:
        assert getattr(tp, name) is getattr(models, name), name
    for name in ("QueryResult", "MultiQueryResult", "Row"):
        assert not hasattr(models, name), f"models.{name} would be a second class next to tp.{name}"
    # The generated wire models stay available for the low-level `api/` functions, named as such.
    assert {"QueryResultModel", "MultiQueryResultModel", "RowModel"} <= set(models.__all__)


def test_a_listing_yields_the_generated_namespace_summary() -> None:
    page = tp.NamespacePage.from_response(
        httpx.Response(200, json={"namespaces": [{"id": "a", "later_field": 1}]})
    )
    assert page.namespaces == [models.NamespaceSummary.from_dict({"id": "a", "later_field": 1})]
    assert isinstance(page.namespaces[0], tp.NamespaceSummary)
    assert page.namespaces[0].id == "a"
    assert page.namespaces[0].additional_properties == {"later_field": 1}
    assert page.next_cursor is None


def _mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    program = tmp_path / "user_program.py"
    program.write_text(textwrap.dedent(source), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", f"--cache-dir={tmp_path / 'cache'}", str(program)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


ACCEPTED = """
    from turbopuffer_openapi_client import NamespaceSummary, QueryResult, Turbopuffer
    from turbopuffer_openapi_client.lang import group_by as g

    tpuf = Turbopuffer(api_key="k", base_url="http://127.0.0.1:1")
    ns = tpuf.namespace("docs")
    res: QueryResult = ns.query(
        rank_by=("id", "asc"),
        limit={"total": 10, "per": {"attributes": ["color"], "limit": 2}},
        consistency={"level": "eventual"},
    )
    first: int | str = res.rows[0].id
    affected: int = ns.write(
        upsert_rows=[{"id": 1}],
        patch_by_filter={"filters": ("color", "Eq", "red"), "patch": {"color": "blue"}},
        sharding={"num_shards": 2},
    ).rows_affected
    grouped = ns.query(
        aggregate_by={"n": ("Count",)},
        group_by=["color", {"first_tag": g.ForEachUnique("tags")}],
        consistency={},
    )
    summaries: list[NamespaceSummary] = list(tpuf.namespaces(prefix="d"))
    ns.update_metadata(pinning={"replicas": 2})
"""


def test_mypy_strict_accepts_a_typical_user_program(tmp_path: Path) -> None:
    result = _mypy(tmp_path, ACCEPTED)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("call", "complaint"),
    [
        (
            'ns.query(rank_by=("id", "asc"), top_k=1, consistency={"levle": "eventual"})',
            'Argument "consistency"',
        ),
        (
            'ns.query(rank_by=("id", "asc"), top_k=1, consistency={"level": "sometimes"})',
            'Argument "consistency"',
        ),
        ('ns.query(rank_by=("id", "asc"), limit={"totl": 10})', 'Argument "limit"'),
        ('ns.write(patch_by_filter={"patch": {"a": 1}})', 'Argument "patch_by_filter"'),
        ('ns.write(upsert_rows=[{"id": 1}]).rows_afected', "rows_afected"),
    ],
)
def test_mypy_strict_rejects_a_wrong_key(tmp_path: Path, call: str, complaint: str) -> None:
    source = f"""
        from turbopuffer_openapi_client import Turbopuffer

        ns = Turbopuffer(api_key="k", base_url="http://127.0.0.1:1").namespace("docs")
        {call}
    """
    result = _mypy(tmp_path, source)
    assert result.returncode == 1, result.stdout + result.stderr
    assert complaint in result.stdout, result.stdout


def test_every_lang_module_has_builders_and_a_finished_docstring() -> None:
    """`lang.group_by` had no builders and a docstring ending in "e.g." with nothing after it."""
    from turbopuffer_openapi_client.lang import group_by as g

    assert g.ForEachUnique("tags") == ("ForEachUnique", "tags")
    assert g.__all__ == ["ForEachUnique"]
    modules = [getattr(tp.lang, name) for name in tp.lang.__all__]
    families = [module for module in modules if isinstance(module, types.ModuleType)]
    assert g in families
    for module in families:
        doc = (module.__doc__ or "").rstrip()
        assert not doc.endswith("e.g."), module.__name__
        assert doc.endswith("."), module.__name__
