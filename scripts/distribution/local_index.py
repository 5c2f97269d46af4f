"""A real package index on 127.0.0.1 (pypiserver, pinned in the dev dependencies) that accepts
uploads without credentials and never redirects to another index: what is not uploaded is not there."""

from __future__ import annotations

import re
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .processes import free_port, serving


@contextmanager
def local_index(packages: Path, log: Path) -> Iterator[str]:
    """Serve ``packages`` (uploads land there); yields the index root URL, e.g. http://127.0.0.1:PORT/."""
    port = free_port()
    root = f"http://127.0.0.1:{port}/"
    command: list[str | Path] = [
        sys.executable, "-m", "pypiserver", "run",
        "--host", "127.0.0.1", "--port", str(port),
        "--authenticate", ".", "--passwords", ".",  # uploads without credentials (a throwaway index)
        "--disable-fallback",
        packages,
    ]  # fmt: skip
    with serving("local package index (pypiserver)", command, ready_url=root + "health", log=log):
        yield root


def listed_files(index_root: str, project: str) -> list[str]:
    """File names the index's simple page lists for ``project``."""
    with urllib.request.urlopen(f"{index_root}simple/{project}/", timeout=10) as reply:
        page = reply.read().decode("utf-8")
    return sorted(set(re.findall(r">([^<>]+\.(?:whl|tar\.gz))</a>", page)))
