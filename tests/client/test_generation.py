"""The generation pipeline: golden record, determinism, headers, mypy --strict, the generator view,
and query-language builders read from the spec's tuples (not listed by hand)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated"
PACKAGE = GENERATED / "turbopuffer_openapi_client"
sys.path.insert(0, str(ROOT / "scripts"))

from codegen.openapi_client import configured_version  # noqa: E402
from codegen.output import COPIED_HEADER, HEADER  # noqa: E402
from codegen.query_language import read_query_language  # noqa: E402
from codegen.view import OPAQUE_KEY, derive_generator_view  # noqa: E402
from distribution.changelog import released_versions  # noqa: E402

SPEC = yaml.safe_load((ROOT / "spec" / "turbopuffer.yaml").read_text(encoding="utf-8"))
MINI = yaml.safe_load((Path(__file__).parent / "fixtures" / "mini_spec.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("hash_seed", ["1", "2"])
def test_generated_matches_the_spec_byte_for_byte(hash_seed: str) -> None:
    """The golden record: regenerating (under any hash seed) reproduces generated/ exactly."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    result = subprocess.run(
        [sys.executable, "scripts/generate.py", "--check", "generated"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_every_generated_file_says_do_not_edit() -> None:
    """Rendered files say "do not edit"; hand-written modules copied from clientlib/ name their source."""
    caches = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
    files = [p for p in GENERATED.rglob("*") if p.is_file() and not caches & set(p.parts)]
    assert len(files) > 50
    for path in files:
        relative = path.relative_to(GENERATED)
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        source = ROOT / "clientlib" / relative
        if relative.suffix == ".py" and source.is_file():
            assert COPIED_HEADER.format(f"clientlib/{relative.as_posix()}") in first_line, path
            assert path.read_text(encoding="utf-8").endswith(source.read_text(encoding="utf-8")), path
        else:
            assert HEADER in first_line, path


def test_the_package_passes_mypy_strict(tmp_path: Path) -> None:
    cache = f"--cache-dir={tmp_path / 'mypy-cache'}"  # keep generated/ free of caches
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", cache, "turbopuffer_openapi_client"],
        cwd=GENERATED,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_client_has_its_own_version_and_its_changelog_documents_it() -> None:
    """The client's semver comes from the generator config, not the spec's version; the hand-edited
    CHANGELOG is copied in unchanged and its newest entry is that version."""
    import turbopuffer_openapi_client

    version = configured_version(ROOT / "scripts" / "codegen" / "openapi-python-client.yaml")
    assert version != SPEC["info"]["version"]
    assert turbopuffer_openapi_client.__version__ == version
    pyproject = (GENERATED / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "turbopuffer-openapi-client"' in pyproject
    assert f'version = "{version}"' in pyproject
    assert (PACKAGE / "py.typed").exists()
    source = (ROOT / "templates" / "extras" / "project" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert (GENERATED / "CHANGELOG.md").read_text(encoding="utf-8").endswith(source)
    assert released_versions(source)[0] == version


def test_every_operator_of_every_family_has_a_builder_returning_its_tuple() -> None:
    import importlib

    from turbopuffer_openapi_client import lang

    language = read_query_language(SPEC)
    operators = {f.operator for family in language.families for f in family.forms}
    assert {"Eq", "And", "Not", "ANN", "kNN", "BM25", "Sum", "Count", "RRF", "Highlight"} <= operators
    for family in language.families:
        module = importlib.import_module(f"turbopuffer_openapi_client.lang.{family.module}")
        for form in family.forms:
            builder = getattr(module, family.builders[form.name])
            arguments = [f"<{p.name}>" for p in form.params if not p.optional]
            built = builder(*arguments)
            assert isinstance(built, tuple)
            assert form.operator in built
            assert len(built) == form.min_items
        assert hasattr(lang, family.name)


def test_builders_compose_into_the_wire_format() -> None:
    from turbopuffer_openapi_client.lang import filter as f
    from turbopuffer_openapi_client.lang import score_expression as s

    assert f.And([f.Eq("a", 1), f.Not(f.In("b", [1, 2]))]) == (
        "And",
        [("a", "Eq", 1), ("Not", ("b", "In", [1, 2]))],
    )
    assert s.BM25("title", "fox") == ("title", "BM25", "fox")
    assert s.BM25("title", "fox", {"last_as_prefix": True}) == (
        "title",
        "BM25",
        "fox",
        {"last_as_prefix": True},
    )
    assert s.Product(2, s.BM25("t", "q")) == ("Product", 2, ("t", "BM25", "q"))


def test_the_view_makes_the_language_opaque_and_keeps_ids_as_strings() -> None:
    language = read_query_language(MINI)
    view = derive_generator_view(MINI, language)
    schemas = view["components"]["schemas"]
    for name in ("Filter", "FilterAnd", "RankBy", "ScoreSum", "AggregateBy"):
        assert schemas[name][OPAQUE_KEY] == name
        assert "anyOf" not in schemas[name] and "prefixItems" not in schemas[name]
    assert all("format" not in branch for branch in schemas["Id"]["anyOf"])
    assert MINI["components"]["schemas"]["FilterAnd"]["prefixItems"]  # the real spec is untouched
    assert MINI["components"]["schemas"]["Id"]["anyOf"][0]["format"] == "uuid"


def test_the_view_passes_unions_that_accept_anything_through_untouched() -> None:
    """``RowValue`` = ``AttributeValue`` (any JSON) | list of highlight fragments accepts anything, so the
    generator must not try the fragment branch first; typed unions keep their branches."""
    schemas = derive_generator_view(SPEC, read_query_language(SPEC))["components"]["schemas"]
    assert OPAQUE_KEY in schemas["RowValue"] and "anyOf" not in schemas["RowValue"]
    assert [b["$ref"].rsplit("/", 1)[1] for b in schemas["Vector"]["anyOf"]] == [
        "DenseVector",
        "Base64Vector",
    ]
    assert SPEC["components"]["schemas"]["RowValue"]["anyOf"]  # the real spec is untouched


def test_const_members_of_unions_do_not_hide_later_members() -> None:
    """The const-in-union template fix: a value matching a later member still parses."""
    from turbopuffer_openapi_client.models import IndexUpdating, IndexUpToDate, NamespaceMetadata

    base = {
        "schema": {},
        "approx_logical_bytes": 1,
        "approx_row_count": 1,
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
        "encryption": {"mode": "default"},
    }
    updating = NamespaceMetadata.from_dict(
        {**base, "index": {"status": "updating", "unindexed_bytes": 5, "unindexed_rows": 1}}
    )
    assert isinstance(updating.index, IndexUpdating)
    up_to_date = NamespaceMetadata.from_dict({**base, "index": {"status": "up-to-date"}})
    assert isinstance(up_to_date.index, IndexUpToDate)
