"""The two distributions this repository publishes: where their sources, version and changelog are."""

from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"


@dataclass(frozen=True)
class Distribution:
    name: str  # on the package index
    import_name: str
    version: str
    sources: tuple[Path, ...]  # copied into a clean folder that is built (the project root first)
    changelog: Path  # hand-edited, Keep a Changelog

    @property
    def outdir(self) -> Path:
        return DIST / self.short_name

    @property
    def short_name(self) -> str:
        return "client" if self.import_name == "turbopuffer_openapi_client" else "emulator"

    def artifacts(self) -> list[Path]:
        """The sdist and wheel of this version in ``outdir`` (nothing else may be uploaded)."""
        stem = self.name.replace("-", "_")
        found = sorted(self.outdir.glob(f"{stem}-{self.version}*"))
        if len(found) != 2 or {p.suffix for p in found} != {".gz", ".whl"}:
            raise SystemExit(
                f"{self.outdir}: no sdist and wheel of {self.name} {self.version}: run `make build`"
            )
        return found

    def wheel(self) -> Path:
        return next(p for p in self.artifacts() if p.suffix == ".whl")


def _emulator_version() -> str:
    """``__version__`` in the package's ``__init__.py``: the one place (pyproject reads it too)."""
    tree = ast.parse((ROOT / "emulator" / "tpuf_emulator" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    raise SystemExit("emulator/tpuf_emulator/__init__.py has no __version__ string")


def emulator() -> Distribution:
    return Distribution(
        name="tpuf-emulator",
        import_name="tpuf_emulator",
        version=_emulator_version(),
        sources=(ROOT / "pyproject.toml", ROOT / "emulator"),
        changelog=ROOT / "emulator" / "CHANGELOG.md",
    )


def client() -> Distribution:
    """Read from generated/ (what is built); `make check-generated` keeps it equal to the generator's."""
    project = tomllib.loads((ROOT / "generated" / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return Distribution(
        name=project["name"],
        import_name="turbopuffer_openapi_client",
        version=project["version"],
        sources=(ROOT / "generated",),
        changelog=ROOT / "templates" / "extras" / "project" / "CHANGELOG.md",
    )


def both() -> list[Distribution]:
    return [emulator(), client()]
