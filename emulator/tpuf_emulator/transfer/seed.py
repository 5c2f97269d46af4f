"""``--seed PATH``: load namespace files into the registry at start-up, before the server listens.

Rows go through ``Registry.write``, the path every HTTP write takes (validation, write-ahead log,
apply), so with ``--data-dir`` seeded data is durable like any other write. A namespace that already
exists (recovered from the data dir, or seeded by an earlier start) is skipped with a log line, so
restarting with the same ``--seed`` is harmless; the files are not compared with it. A file that
fails part-way leaves nothing behind: the namespace it created is deleted again and start-up fails.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from ..errors import ApiError
from ..namespaces.registry import Registry
from .batches import batches
from .files import open_all
from .header import TransferError

log = logging.getLogger("tpuf_emulator.seed")


def _exists(registry: Registry, org: str, name: str) -> bool:
    try:
        registry.metadata(org, name)
    except ApiError:
        return False
    return True


def seed_registry(registry: Registry, org: str, paths: Sequence[Path]) -> int:
    """Load every namespace file under ``paths`` into ``org``; returns the number of rows loaded.
    Every file's header is checked (and duplicate namespaces refused) before anything is written."""
    total = 0
    for file in open_all(paths):
        header = file.header
        if _exists(registry, org, header.namespace):
            log.info("seed: namespace %r already exists; %s not loaded again", header.namespace, file.path)
            continue
        written = 0
        try:
            for group, _ in batches(file.rows(), str(file.path)):
                body: dict[str, object] = {"upsert_rows": group}
                if header.distance_metric:
                    body["distance_metric"] = header.distance_metric
                if header.schema and not written:
                    body["schema"] = header.schema
                try:
                    registry.write(org, header.namespace, body)
                except ApiError as exc:
                    raise TransferError(
                        f"{file.path}: rows {written + 1}-{written + len(group)}: {exc.message}"
                    ) from None
                written += len(group)
        except BaseException:
            if written:
                registry.delete_namespace(org, header.namespace)
            raise
        log.info("seed: %s -> namespace %r (%d rows)", file.path, header.namespace, written)
        total += written
    return total
