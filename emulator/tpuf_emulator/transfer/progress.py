"""Progress bars for long imports and exports: on a terminal only, never with ``--quiet``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def progress(description: str, total: int | None, *, quiet: bool) -> Iterator[Callable[[int], Any]]:
    """A function to call with each number of rows done; a bar on stderr while the block runs."""
    if quiet or not sys.stderr.isatty():
        yield lambda n: None
        return
    from tqdm import tqdm

    with tqdm(total=total or None, desc=description, unit=" rows", unit_scale=True, leave=False) as bar:
        yield bar.update
