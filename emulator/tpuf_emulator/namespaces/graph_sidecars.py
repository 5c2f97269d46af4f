"""ANN graphs saved beside each snapshot, so a restart serves ANN from the graph at once.

Without them a restart rebuilt every graph from the documents: at 200k x 128 each ANN query took
0.8-1.8 s for ~50 s (exact scans of the unfolded tail); at 1M x 768 the first one took 13 s.

When: a snapshot's cut also takes references to the namespaces' built ANN indexes
(:func:`cut_graphs`, under the same lock, so cheap). Before the snapshot file is written, each
index's graph is saved with its row maps (``VectorIndex.save_graph``: the graph frozen meanwhile,
so graph and maps describe one state) as a sidecar file of the snapshot's generation
(``storage/sidecar.py``: checksummed, atomic, removed when a later snapshot supersedes it).

Why that is exact: the graph is saved *after* the cut, at a state reached from the cut's state by
writes that are all in the log that follows the snapshot. Recovery loads the snapshot, restores
each graph over the snapshot's documents (rows of ids it holds keep their place, the other
documents go to the exhaustively searched tail, rows of absent ids are retired:
``VectorIndex.restored``), then replays the log: every write since the cut, which retires and
re-adds each id it touches. So every id whose saved row does not match its recovered vector is
written again, and the result equals an index built from the recovered documents.

A sidecar that is missing, damaged, of another shape or that fails to load is logged (one line)
and the graph is rebuilt lazily as before: a sidecar never stops the server from starting.

File names carry a digest of (organisation, namespace, attribute), never the names themselves;
the saved graph holds the same triple (``owner``) and is used only if it matches.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import orjson

from ..storage.sidecar import Sidecars
from ..vectors import saved as saved_graph
from .namespace import Namespace

log = logging.getLogger("tpuf_emulator.namespaces")


@dataclass(frozen=True)
class GraphCut:
    """One built ANN index to save with a snapshot."""

    owner: str
    index: Any  # vectors.VectorIndex


def _owner(org: str, name: str, attr: str) -> str:
    return orjson.dumps([org, name, attr]).decode()


def _key(owner: str) -> str:
    return hashlib.sha256(owner.encode()).hexdigest()[:32]


def cut_graphs(spaces: Iterable[Namespace]) -> list[GraphCut]:
    """The built ANN indexes of ``spaces`` (references only; taken with the snapshot's cut)."""
    return [
        GraphCut(_owner(ns.organization, ns.name, attr), index)
        for ns in spaces
        for attr, index in ns.built_vector_indexes().items()
    ]


def save_graphs(sidecars: Sidecars, generation: int, graphs: Iterable[GraphCut]) -> int:
    """Save each graph as a sidecar of ``generation``; returns how many. A graph that cannot be
    saved is logged and skipped (its namespace rebuilds it after a restart, as without sidecars)."""
    saved_count = 0
    for graph in graphs:
        try:
            saved = graph.index.save_graph(graph.owner)
            if saved is None:  # nothing folded yet: nothing to spare a restart
                continue
            sidecars.write(generation, _key(graph.owner), saved_graph.encode(saved))
            saved_count += 1
        except Exception:
            log.exception("could not save an ANN graph with snapshot %d; it will be rebuilt after a restart",
                          generation)  # fmt: skip
    return saved_count


def prefetch(sidecars: Sidecars, generation: int) -> Future[dict[str, memoryview | None]]:
    """Read and check the sidecars of ``generation`` in a thread (file reads and crc32 release the
    GIL), while the snapshot is being decoded: their bytes are ready when ``restore_graphs`` runs
    (~0.1 s per 500k x 768 graph taken off a restart)."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sidecar-prefetch")
    future = pool.submit(sidecars.read_generation, generation)
    pool.shutdown(wait=False)
    return future


def restore_graphs(
    generation: int, spaces: Iterable[Namespace], saved: Mapping[str, memoryview | None]
) -> int:
    """Install the saved graphs of ``generation`` into the namespaces just loaded from its snapshot
    (before the log is replayed); returns how many were restored. ``saved``: the sidecars of
    ``generation`` as ``prefetch`` read them, by key (a key missing from it has no sidecar)."""
    restored = 0
    for ns in spaces:
        for attr in ns.vector_attributes():
            owner = _owner(ns.organization, ns.name, attr)
            body = saved.get(_key(owner))
            if body is None:
                continue
            try:
                graph = saved_graph.decode(body)
                if graph.owner != owner:
                    raise ValueError("it belongs to another namespace or attribute")
                ns.restore_vector_index(attr, graph)
                restored += 1
            except Exception as exc:
                log.warning(
                    "a saved ANN graph of snapshot %d was not usable (%s: %s); rebuilding it from the documents",
                    generation,
                    type(exc).__name__,
                    exc,
                )
    return restored
