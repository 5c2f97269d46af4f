"""The pytest plugin as a user runs it: pytest in a subprocess on a small test file of theirs.

The plugin is loaded with ``-p tpuf_emulator.pytest_plugin`` (and its entry-point name blocked, so
an installed entry point does not load it a second time): these tests do not depend on how the
package happens to be installed in this environment; ``test_entry_point_is_declared`` checks the
declaration that makes ``pip install tpuf-emulator`` enough.
"""

from __future__ import annotations

import json
import re
import textwrap
import tomllib
from pathlib import Path

import pytest
import tpuf_emulator
import tpuf_emulator.serving  # noqa: F401 - see below
import turbopuffer
from starlette.types import ASGIApp, Receive, Scope, Send
from tpuf_emulator import pytest_plugin
from tpuf_emulator.launcher import answers

pytest_plugins = ["pytester"]
# pytester puts sys.modules back as it was after each test; the thread-mode emulators started here
# import numpy, which cannot be imported twice in a process: import the emulator's server up front.

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_ARGS = ("-p", "no:tpuf_emulator", "-p", "tpuf_emulator.pytest_plugin", "-p", "no:cacheprovider")

# What a user writes: only the plugin's fixtures, the official client and the generated client.
USER_TESTS = """
import json, os
from pathlib import Path

import turbopuffer
import turbopuffer_openapi_client

SEEN = Path(os.environ["SEEN_FILE"])


def record(emulator, namespace):
    children = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(p) == os.getpid()]
    with SEEN.open("a") as out:
        out.write(json.dumps({"base_url": emulator.base_url, "namespace": namespace,
                              "children": len(children), "type": type(emulator).__name__}) + "\\n")


def _parent(proc):
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def test_official_client(tpuf_emulator, tpuf_namespace):
    ns = turbopuffer.Turbopuffer(**tpuf_emulator.client_kwargs).namespace(tpuf_namespace)
    ns.write(upsert_rows=[{"id": 1, "vector": [1.0, 0.0]}, {"id": 2, "vector": [0.0, 1.0]}],
             distance_metric="cosine_distance")
    assert [row.id for row in ns.query(rank_by=("vector", "ANN", [0.1, 0.9]), top_k=2).rows] == [2, 1]
    record(tpuf_emulator, tpuf_namespace)


def test_generated_client(tpuf_emulator, tpuf_namespace):
    ns = turbopuffer_openapi_client.Turbopuffer(**tpuf_emulator.client_kwargs).namespace(tpuf_namespace)
    ns.write(upsert_rows=[{"id": 7, "title": "seven"}])
    assert ns.query(rank_by=("id", "asc"), top_k=5, include_attributes=["title"]).ids == [7]
    record(tpuf_emulator, tpuf_namespace)


def test_env_configures_clients(tpuf_emulator, tpuf_namespace, monkeypatch):
    for name, value in tpuf_emulator.env.items():
        monkeypatch.setenv(name, value)
    turbopuffer.Turbopuffer().namespace(tpuf_namespace).write(upsert_rows=[{"id": 1, "x": 1}])
    assert turbopuffer_openapi_client.Turbopuffer().namespace(tpuf_namespace).query(
        rank_by=("id", "asc"), top_k=1).ids == [1]
    record(tpuf_emulator, tpuf_namespace)


def test_zz_earlier_namespaces_were_deleted(tpuf_emulator):
    tpuf = turbopuffer.Turbopuffer(**tpuf_emulator.client_kwargs)
    assert [ns.id for ns in tpuf.namespaces(prefix="tpuf-pytest-")] == []
"""


@pytest.fixture
def user_project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The user's test file; returns the file its tests record what they saw into."""
    monkeypatch.delenv("TURBOPUFFER_REGION", raising=False)
    monkeypatch.delenv("TURBOPUFFER_API_KEY", raising=False)
    monkeypatch.delenv("TURBOPUFFER_BASE_URL", raising=False)
    seen = tmp_path / "seen.jsonl"
    monkeypatch.setenv("SEEN_FILE", str(seen))
    pytester.makepyfile(test_user=USER_TESTS)
    return seen


def _seen(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_fixtures_run_one_emulator_for_the_session_and_delete_each_namespace(
    pytester: pytest.Pytester, user_project: Path
) -> None:
    result = pytester.runpytest_subprocess(*PLUGIN_ARGS, "-v")
    result.assert_outcomes(passed=4)
    seen = _seen(user_project)
    assert len(seen) == 3
    assert len({entry["base_url"] for entry in seen}) == 1  # one emulator for the whole session
    base_url = str(seen[0]["base_url"])
    assert base_url.startswith("http://127.0.0.1:")
    assert all(entry["children"] == 1 and entry["type"] == "EmulatorProcess" for entry in seen)
    names = [str(entry["namespace"]) for entry in seen]
    assert len(set(names)) == 3 and all(name.startswith("tpuf-pytest-test_") for name in names)
    assert not answers(base_url, {})  # stopped with the session


def test_tpuf_url_uses_that_service_and_starts_no_emulator(
    pytester: pytest.Pytester, user_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    requests: list[tuple[str, str]] = []

    def recording(app: ASGIApp) -> ASGIApp:
        async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                requests.append((scope["method"], scope["path"]))
            await app(scope, receive, send)

        return wrapped

    # A second emulator with its own key stands in for the hosted service.
    with tpuf_emulator.run(api_key="hosted-key", wrap_app=recording) as hosted:
        monkeypatch.setenv("TURBOPUFFER_API_KEY", "hosted-key")
        result = pytester.runpytest_subprocess(*PLUGIN_ARGS, "--tpuf-url", hosted.base_url + "/")
        result.assert_outcomes(passed=4)
        seen = _seen(user_project)
        assert {entry["base_url"] for entry in seen} == {hosted.base_url}
        assert all(entry["children"] == 0 and entry["type"] == "Endpoint" for entry in seen)
        for entry in seen:  # written there, then deleted there
            path = f"/v2/namespaces/{entry['namespace']}"
            assert ("POST", path) in requests and ("DELETE", path) in requests
        tpuf = turbopuffer.Turbopuffer(**hosted.client_kwargs)
        assert [ns.id for ns in tpuf.namespaces(prefix="tpuf-pytest-")] == []


def test_tpuf_url_without_a_key_is_a_usage_error(pytester: pytest.Pytester, user_project: Path) -> None:
    result = pytester.runpytest_subprocess(*PLUGIN_ARGS, "--tpuf-url", "http://127.0.0.1:9")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*--tpuf-url needs the service's API key in the TURBOPUFFER_API_KEY variable*"]
    )


def test_data_dir_keeps_the_session_data(pytester: pytest.Pytester, tmp_path: Path) -> None:
    pytester.makepyfile(
        test_keep="""
        import turbopuffer

        def test_write(tpuf_emulator):
            turbopuffer.Turbopuffer(**tpuf_emulator.client_kwargs).namespace("kept").write(
                upsert_rows=[{"id": 3, "x": 1}])
        """
    )
    data = tmp_path / "data"
    pytester.runpytest_subprocess(*PLUGIN_ARGS, "--tpuf-data-dir", str(data)).assert_outcomes(passed=1)
    with tpuf_emulator.run(data_dir=data) as emu:
        rows = (
            turbopuffer.Turbopuffer(**emu.client_kwargs)
            .namespace("kept")
            .query(rank_by=("id", "asc"), top_k=5)
        )
        assert [row.id for row in rows.rows or []] == [3]


def test_loading_the_plugin_starts_and_imports_nothing(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_plain="""
        import os, sys
        from pathlib import Path

        def test_nothing_running():
            assert "tpuf_emulator.pytest_plugin" in sys.modules
            assert "tpuf_emulator.http" not in sys.modules and "uvicorn" not in sys.modules
            assert not [p for p in Path("/proc").iterdir()
                        if p.name.isdigit() and (p / "stat").exists()
                        and (p / "stat").read_text().rsplit(")", 1)[1].split()[1] == str(os.getpid())]
        """
    )
    pytester.runpytest_subprocess(*PLUGIN_ARGS).assert_outcomes(passed=1)


def test_entry_point_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["entry-points"]["pytest11"] == {"tpuf_emulator": "tpuf_emulator.pytest_plugin"}
    assert callable(pytest_plugin.pytest_addoption)


def test_namespace_names_are_valid_and_prefixed() -> None:
    name = pytest_plugin.namespace_name("test_search[ünï code/params-" + "x" * 200 + "]")
    assert name.startswith("tpuf-pytest-test_search-")
    assert len(name) <= 128 and all(c.isascii() and (c.isalnum() or c in "-_.") for c in name)


def test_readme_examples_run_as_written(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """The root README's "Test your app against the emulator" blocks: a test file, and run() in a test."""
    monkeypatch.delenv("TURBOPUFFER_REGION", raising=False)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Test your app against the emulator", 1)[1].split("\n## ", 1)[0]
    fixture_example, launcher_example = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    pytester.makepyfile(
        test_readme_fixtures=fixture_example,
        test_readme_launcher="def test_run():\n" + textwrap.indent(launcher_example, "    "),
    )
    pytester.runpytest_subprocess(*PLUGIN_ARGS).assert_outcomes(passed=2)


def test_tpuf_seed_loads_the_file_before_the_first_test(pytester: pytest.Pytester, tmp_path: Path) -> None:
    seed = tmp_path / "catalog.jsonl"
    seed.write_text(
        '{"version": 1, "namespace": "catalog", "distance_metric": "cosine_distance", "schema": {}}\n'
        '{"id": 7, "vector": [1.0, 0.0], "title": "seeded"}\n'
    )
    pytester.makepyfile(
        test_seeded="""
        import turbopuffer

        def test_the_seed_is_there(tpuf_emulator):
            ns = turbopuffer.Turbopuffer(**tpuf_emulator.client_kwargs).namespace("catalog")
            rows = ns.query(rank_by=("id", "asc"), top_k=5, include_attributes=["title"]).rows
            assert [(row.id, row.title) for row in rows] == [(7, "seeded")]
        """
    )
    pytester.runpytest_subprocess(*PLUGIN_ARGS, "--tpuf-seed", str(seed)).assert_outcomes(passed=1)
