"""Generate the typed Python client: spec/turbopuffer.yaml -> generated/ (``make generate``).

    python scripts/generate.py --out generated      # regenerate generated/ as a whole
    python scripts/generate.py --check generated    # fail with a readable diff if generated/ is stale

Pipeline: 1) validate the spec; 2) derive the generator view (query-language schemas opaque, no UUID
rewriting); 3) openapi-python-client with our template overrides and config, --fail-on-warning, into a
clean temporary folder; 4) render our own Jinja templates from the real spec (templates/extras/:
query-language builders, namespace handle, the clients' namespace listing, spec defaults, README,
CHANGELOG); 4b) copy the hand-written modules of clientlib/turbopuffer_openapi_client/ verbatim (client
configuration, transport, codec, results, errors, types: ordinary Python, linted and `mypy --strict`
checked at their source by `make lint`); 5) ruff (pinned), headers ("do not edit", or "copied from
clientlib/...: edit it there"), then replace the output folder (or diff it, with --check). Output is
byte-identical from run to run.

Jinja is used only where the spec drives the output. The openapi-python-client templates we override
(templates/, everything else is stock) are the four that must differ:

* ``endpoint_module.py.jinja``: error statuses raise our typed errors instead of returning models or
  ``None``, the return type lists only the documented 2xx bodies;
* ``package_init.py.jinja``: the package's public surface (``Turbopuffer``, results, errors, version);
* ``property_templates/const_property.py.jinja``: a ``const`` inside a union is tested before it is
  constructed, so the union's later members stay reachable;
* ``pyproject.toml.jinja``: our dependencies, version and tool settings.

The stock ``client.py``, ``errors.py`` and ``types.py`` it renders are replaced by clientlib/'s.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from codegen.extras import build_context, render_extras  # noqa: E402
from codegen.handwritten import copy_handwritten  # noqa: E402
from codegen.openapi_client import configured_version, run_openapi_python_client  # noqa: E402
from codegen.output import format_project, generation_main, stamp_headers  # noqa: E402
from codegen.query_language import read_query_language  # noqa: E402
from codegen.spec import load_spec, validate_spec  # noqa: E402
from codegen.view import derive_generator_view  # noqa: E402

DEFAULT_SPEC = ROOT / "spec" / "turbopuffer.yaml"
TEMPLATES = ROOT / "templates"
HANDWRITTEN = ROOT / "clientlib"
CONFIG = ROOT / "scripts" / "codegen" / "openapi-python-client.yaml"
PROJECT_NAME = "turbopuffer-openapi-client"
PACKAGE_NAME = "turbopuffer_openapi_client"


def build(spec_path: Path, workdir: Path) -> Path:
    """Run the whole pipeline into ``workdir``; return the finished project folder."""
    validate_spec(spec_path)
    document = load_spec(spec_path)
    language = read_query_language(document)
    view = derive_generator_view(document, language)
    project = run_openapi_python_client(
        view, templates=TEMPLATES, config=CONFIG, workdir=workdir, project_dir_name="project"
    )
    context = build_context(
        document,
        language,
        package_name=PACKAGE_NAME,
        project_name=PROJECT_NAME,
        package_version=configured_version(CONFIG),
    )
    render_extras(TEMPLATES, context, project)
    copied = copy_handwritten(HANDWRITTEN / PACKAGE_NAME, project / PACKAGE_NAME)
    format_project(project)
    stamp_headers(
        project,
        {Path(PACKAGE_NAME) / p: f"clientlib/{PACKAGE_NAME}/{p.as_posix()}" for p in copied},
    )
    return project


def main(argv: list[str] | None = None) -> int:
    return generation_main(__doc__.splitlines()[0], build, DEFAULT_SPEC, argv)


if __name__ == "__main__":
    sys.exit(main())
