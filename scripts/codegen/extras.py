"""Step 4: render our own Jinja templates (``templates/extras/``) from the REAL spec.

``templates/extras/package/**`` lands inside the Python package, ``templates/extras/project/**`` at the
project root (README, CHANGELOG). ``lang/family.py.jinja`` is rendered once per query-language family;
a file without the ``.jinja`` suffix is copied unchanged (the hand-edited ``project/CHANGELOG.md``).
Hand-written Python modules live in ``clientlib/`` instead (see :mod:`codegen.handwritten`).
openapi-python-client never sees these: its set of output files is fixed.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import jinja2

from .naming import snake_case
from .operations import namespace_pattern, read_handle_surface, read_list_operation
from .query_language import VECTOR_ALIAS, QueryLanguage

FAMILY_TEMPLATE = "package/lang/family.py.jinja"


def docstring_text(text: Any, indent: int = 0, width: int = 100) -> str:
    """Spec prose made safe inside a triple-quoted docstring, re-wrapped, paragraphs kept."""
    raw = str(text or "").replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    paragraphs = [" ".join(p.split()) for p in raw.split("\n\n")]
    prefix = " " * indent
    wrapped = [textwrap.fill(p, width=width - indent, subsequent_indent=prefix) for p in paragraphs if p]
    result = ("\n\n" + prefix).join(wrapped)
    return result + " " if result.endswith('"') else result


def _environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates / "extras")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["docstring_text"] = docstring_text
    env.filters["pyrepr"] = repr
    env.filters["snake"] = snake_case
    return env


def build_context(
    document: dict[str, Any],
    language: QueryLanguage,
    *,
    package_name: str,
    project_name: str,
    package_version: str,
) -> dict:
    """``package_version`` is the client's own version; ``spec_version`` the API description's."""
    info = document.get("info", {})
    servers = document.get("servers") or [{"url": "http://127.0.0.1:8787"}]
    default_server = servers[0]
    regions = default_server.get("variables", {}).get("region", {}).get("enum", [])
    handle_methods, request_types = read_handle_surface(document, language)
    signatures = " ".join(
        [k.annotation for m in handle_methods for k in m.keywords]
        + [m.map_annotation for m in handle_methods if m.map_argument]
    )
    return {
        "package_name": package_name,
        "project_name": project_name,
        "package_version": package_version,
        "spec_version": str(info.get("version", "0.0.0")),
        "api_title": str(info.get("title", "")),
        "api_summary": " ".join(str(info.get("summary", "")).split()),
        "default_server_url": default_server["url"],
        "regions": regions,
        "language": language,
        "vector_alias": VECTOR_ALIAS,
        "handle_methods": handle_methods,
        "request_types": request_types,
        # the `params` names the handle's signatures mention (what `_namespace.py` imports)
        "handle_request_types": sorted(
            t.name for t in request_types if re.search(rf"\b{t.name}\b", signatures)
        ),
        "list_operation": read_list_operation(document),
        "namespace_pattern": namespace_pattern(document),
    }


def render_extras(templates: Path, context: dict[str, Any], project_dir: Path) -> list[Path]:
    """Render every extra template; returns the written files (relative to ``project_dir``)."""
    env = _environment(templates)
    package_dir = project_dir / context["package_name"]
    written: list[Path] = []

    def write(target: Path, text: str) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target.relative_to(project_dir))

    for name in sorted(env.list_templates()):
        if name == FAMILY_TEMPLATE:
            for family in context["language"].families:
                text = env.get_template(name).render(**context, family=family)
                write(package_dir / "lang" / f"{family.module}.py", text)
            continue
        area, _, relative = name.partition("/")
        base = {"package": package_dir, "project": project_dir}.get(area)
        if base is None:
            continue
        if name.endswith(".jinja"):
            write(base / relative.removesuffix(".jinja"), env.get_template(name).render(**context))
        else:
            write(base / relative, (templates / "extras" / name).read_text(encoding="utf-8"))
    return written
