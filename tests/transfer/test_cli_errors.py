"""Bad input to ``tpuf-emulator import`` / ``export`` is one clear line on stderr and a non-zero exit,
never a traceback; an existing namespace is refused unless --if-exists says otherwise; ``serve`` is
an alias of the bare command."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.transfer.helpers import all_rows, exists, run_cli

HEADER = '{"namespace": "NS"}\n'


def _write(path, content):
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    return path


def _plain_parquet(path):
    pq.write_table(pa.table({"id": [1, 2], "x": ["a", "b"]}), path)
    return None


def _decimal_parquet(path):
    """A Parquet file with the metadata, but a column type that has no JSON form (decimal)."""
    from decimal import Decimal

    table = pa.table(
        {"id": pa.array([1], pa.uint64()), "price": pa.array([Decimal("1.50")], pa.decimal128(5, 2))}
    )
    pq.write_table(table.replace_schema_metadata({"turbopuffer.namespace": path.stem}), path)
    return None


BAD_FILES = [
    ("empty.jsonl", "", "{path}: empty file (the first line must be the namespace header)"),
    (
        "nojson.jsonl",
        "{oops\n",
        "{path}:1: not valid JSON (unexpected character, expected a string key at column 2)",
    ),
    (
        "row.jsonl",
        '{"id": 1}\n',
        '{path}:1: the first line must be a header object {{"namespace": ..., "schema": {{...}}, "distance_metric": ...}}',
    ),
    (
        "name.jsonl",
        '{"namespace": "a/b"}\n',
        "{path}:1: invalid namespace name 'a/b': must be 1 to 128 characters of A-Z, a-z, 0-9, '-', '_' and '.'",
    ),
    (
        "metric.jsonl",
        '{"namespace": "NS", "distance_metric": "dot"}\n',
        "{path}:1: distance_metric must be one of cosine_distance, euclidean_squared, got 'dot'",
    ),
    (
        "version.jsonl",
        '{"namespace": "NS", "version": 9}\n',
        "{path}:1: file format version 9 is not supported (only 1)",
    ),
    ("noid.jsonl", HEADER + '{"x": 1}\n', '{path}:2: a row must be a JSON object with an "id"'),
    (
        "badrow.jsonl",
        HEADER + '{"id": 1}\n[1, 2\n',
        "{path}:3: not valid JSON (unexpected end of data at column 6)",
    ),
    (
        "refused.jsonl",
        HEADER + '{"id": 1, "x": 1}\n{"id": 2, "x": "two"}\n',
        "{path}: rows 1-2: {url}: POST /v2/namespaces/NS: HTTP 400: ",
    ),
    ("table.csv", "id\n1\n", "{path}: unknown file type (expected .jsonl or .parquet)"),
    ("missing.jsonl", None, "{path}: no such file or folder"),
    ("garbage.parquet", b"not parquet at all", "{path}: not a readable Parquet file ("),
    (
        "decimal.parquet",
        _decimal_parquet,
        "{path}: row 1 cannot be written as JSON (Type is not JSON serializable: decimal.Decimal)",
    ),
    ("plain.parquet", _plain_parquet, "{path}: no turbopuffer.namespace in the file's key-value metadata"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_a_bad_file_is_one_line_and_exit_1(target, tmp_path, unique_ns, name, content, message):
    path = tmp_path / name
    if callable(content):
        content = content(path)
    _write(path, content.replace("NS", unique_ns) if isinstance(content, str) else content)
    out = run_cli("import", str(path), "--url", target.base_url)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr + out.stdout
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    expected = "tpuf-emulator import: " + message.format(path=path, url=target.base_url).replace(
        "NS", unique_ns
    )
    assert lines[0].startswith(expected), lines[0]
    assert not exists(target, unique_ns)


def test_export_errors_are_one_line(emulator, tmp_path, unique_ns):
    cases = [
        (("export", unique_ns, "--url", emulator.base_url, "-o", str(tmp_path)),
         f"namespace {unique_ns!r} not found at {emulator.base_url}"),
        (("export", "a", "b", "-o", str(tmp_path / "x.jsonl"), "--url", emulator.base_url),
         f"--out {tmp_path / 'x.jsonl'} is one file: export exactly one namespace into it (or give a folder)"),
        (("export", "--url", emulator.base_url), "name the namespaces to export, or pass --all"),
        (("export", "a", "--url", "http://127.0.0.1:9"), "cannot reach http://127.0.0.1:9: "),
    ]  # fmt: skip
    for args, message in cases:
        out = run_cli(*args)
        assert out.returncode == 1, args
        assert out.stderr.startswith(f"tpuf-emulator export: {message}"), out.stderr
        assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
    assert list(tmp_path.iterdir()) == []  # a failed export leaves no file behind


def test_an_existing_namespace_is_refused_skipped_or_replaced(target, tmp_path, unique_ns):
    first = _write(tmp_path / "first.jsonl", f'{{"namespace": "{unique_ns}"}}\n{{"id": 1, "v": "one"}}\n')
    second = _write(tmp_path / "second.jsonl", f'{{"namespace": "{unique_ns}"}}\n{{"id": 2, "v": "two"}}\n')
    assert run_cli("import", str(first), "--url", target.base_url).returncode == 0

    out = run_cli("import", str(second), "--url", target.base_url)
    assert out.returncode == 1
    assert out.stderr.strip() == (
        f"tpuf-emulator import: namespace {unique_ns!r} already exists at {target.base_url} "
        "(--if-exists skip leaves it, --if-exists replace deletes it first)"
    )
    out = run_cli("import", str(second), "--url", target.base_url, "--if-exists", "skip")
    assert out.returncode == 0 and "skipped" in out.stdout
    assert [row["id"] for row in all_rows(target, unique_ns)] == [1]

    out = run_cli("import", str(second), "--url", target.base_url, "--if-exists", "replace")
    assert out.returncode == 0, out.stderr
    assert all_rows(target, unique_ns) == [{"id": 2, "v": "two"}]


def test_target_url_and_key_come_from_the_environment(target, tmp_path, unique_ns):
    path = _write(tmp_path / "ns.jsonl", f'{{"namespace": "{unique_ns}"}}\n{{"id": 1}}\n')
    env = {"TURBOPUFFER_BASE_URL": target.base_url, "TURBOPUFFER_API_KEY": "wrong-key"}
    out = run_cli("import", str(path), env=env)
    assert out.returncode == 1 and "HTTP 401" in out.stderr
    out = run_cli("import", str(path), env={**env, "TURBOPUFFER_API_KEY": target.api_key})
    assert out.returncode == 0, out.stderr
    assert exists(target, unique_ns)


def test_serve_is_the_default_command_and_help_lists_the_others():
    bare, serve = run_cli("--help"), run_cli("serve", "--help")
    assert bare.returncode == serve.returncode == 0
    assert bare.stdout == serve.stdout
    assert "--seed PATH" in bare.stdout and "tpuf-emulator import ..." in bare.stdout
    for command in ("import", "export"):
        out = run_cli(command, "--help")
        assert out.returncode == 0 and f"usage: tpuf-emulator {command}" in out.stdout
