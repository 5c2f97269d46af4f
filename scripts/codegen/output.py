"""Step 5: format with the pinned ruff, stamp the "do not edit" header, compare, replace."""

from __future__ import annotations

import argparse
import difflib
import filecmp
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

HEADER = "generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit"
#: The header of a hand-written module copied from ``clientlib/`` (``{}`` is its source path).
COPIED_HEADER = "copied from {} by scripts/generate.py — edit it there, not here"
IGNORED_NAMES = {"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache", "build", "dist"}
IGNORED_SUFFIXES = (".egg-info", ".pyc")


def _ruff(*args: str, cwd: Path) -> None:
    command = [sys.executable, "-m", "ruff", *args, "--no-cache", "."]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"ruff {' '.join(args)} failed in {cwd}:\n{result.stdout}\n{result.stderr}")


def format_project(project_dir: Path) -> None:
    """Sort imports, drop unused ones, modernise syntax, then format (settings: the project's pyproject)."""
    _ruff("check", "--fix", "--quiet", cwd=project_dir)
    _ruff("format", "--quiet", cwd=project_dir)


def _comment_for(path: Path) -> str | None:
    if path.suffix in (".py", ".toml") or path.name in (".gitignore", "py.typed"):
        return f"# {HEADER}\n"
    if path.suffix == ".md":
        return f"<!-- {HEADER} -->\n"
    return None


def stamp_headers(project_dir: Path, copied_from: Mapping[Path, str] | None = None) -> None:
    """Stamp every file; ``copied_from`` maps a copied hand-written file (relative) to its source path,
    whose header says where to edit it instead."""
    copied_from = copied_from or {}
    for path in sorted(project_dir.rglob("*")):
        relative = path.relative_to(project_dir)
        if not path.is_file() or _ignored(relative):
            continue
        comment = _comment_for(path)
        if comment is not None and relative in copied_from:
            comment = f"# {COPIED_HEADER.format(copied_from[relative])}\n"
        if comment is None:
            continue
        text = path.read_text(encoding="utf-8")
        if not text.startswith(comment):
            path.write_text(comment + text, encoding="utf-8")


def _ignored(relative: Path) -> bool:
    return any(part in IGNORED_NAMES or part.endswith(IGNORED_SUFFIXES) for part in relative.parts)


def tree_files(root: Path) -> set[Path]:
    if not root.is_dir():
        return set()
    return {p.relative_to(root) for p in root.rglob("*") if p.is_file() and not _ignored(p.relative_to(root))}


def diff_trees(expected: Path, actual: Path, max_lines: int = 400) -> str:
    """A readable unified diff of ``actual`` (committed) against ``expected`` (fresh); empty if equal."""
    lines: list[str] = []
    expected_files, actual_files = tree_files(expected), tree_files(actual)
    for relative in sorted(expected_files | actual_files):
        new, old = expected / relative, actual / relative
        if relative not in actual_files:
            lines.append(f"missing from {actual.name}/: {relative}")
        elif relative not in expected_files:
            lines.append(f"stale file in {actual.name}/ (not generated any more): {relative}")
        elif not filecmp.cmp(new, old, shallow=False):
            old_text = old.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
            new_text = new.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
            lines.extend(
                difflib.unified_diff(old_text, new_text, f"{actual.name}/{relative}", f"fresh/{relative}")
            )
    if len(lines) > max_lines:
        lines = lines[:max_lines] + [f"\n... {len(lines) - max_lines} more diff lines\n"]
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def replace_tree(fresh: Path, destination: Path) -> None:
    """Make ``destination`` exactly ``fresh`` (removing stale files), keeping ignored caches out."""
    if destination.exists():
        for child in destination.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    destination.mkdir(parents=True, exist_ok=True)
    for child in fresh.iterdir():
        target = destination / child.name
        if child.is_dir():
            shutil.copytree(child, target, ignore=shutil.ignore_patterns(*IGNORED_NAMES, "*.pyc"))
        else:
            shutil.copy2(child, target)


def generation_main(
    description: str, build: Callable[[Path, Path], Path], default_spec: Path, argv: list[str] | None
) -> int:
    """The command line both generators share: ``--out DIR`` writes a fresh generation there (replaced
    as a whole), ``--check DIR`` compares DIR with a fresh generation (exit 1 with a diff when stale).
    ``build(spec, workdir)`` runs a generator's pipeline and returns the finished folder."""
    parser = argparse.ArgumentParser(description=description)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help="write the client here (replaced as a whole)")
    target.add_argument("--check", type=Path, help="compare this folder with a fresh generation")
    parser.add_argument("--spec", type=Path, default=default_spec)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tpuf-generate-") as tmp:
        project = build(args.spec.resolve(), Path(tmp))
        if args.check is not None:
            difference = diff_trees(project, args.check.resolve())
            if difference:
                sys.stdout.write(difference)
                print(
                    f"\n{args.check} is out of date with {args.spec}: run `make generate`.", file=sys.stderr
                )
                return 1
            print(f"{args.check} is up to date with {args.spec}.")
            return 0
        replace_tree(project, args.out.resolve())
        print(f"generated {args.out} from {args.spec}.")
    return 0
