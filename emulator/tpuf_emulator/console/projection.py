"""A 2-D PCA of a sample of one vector attribute of a namespace (for the console's scatter plot).

Runs under the namespace's read lock (through ``Registry.read``), so it sees one consistent state.
The sample is deterministic (every k-th document in the namespace's order), so the same namespace
always draws the same picture.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import bad_request
from ..namespaces.namespace import Namespace

DEFAULT_SAMPLE = 2000
MAX_SAMPLE = 5000


def _label(value: Any) -> str | int | float | bool | None:
    """An attribute value as something a legend can show (lists and objects as their text)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def project(ns: Namespace, attr: str, color_by: str | None, sample: int) -> dict[str, Any]:
    config = ns.schema.get(attr)
    if config is None or config.type.kind != "vector":
        vectors = [name for name, c in ns.schema.attributes.items() if c.type.kind == "vector"]
        raise bad_request(f"attribute {attr!r} is not a vector attribute (vector attributes: {vectors})")
    docs = ns.documents()
    ids = [doc_id for doc_id, doc in docs.items() if doc.get(attr) is not None]
    total = len(ids)
    if total > sample:
        step = total / sample
        ids = [ids[int(i * step)] for i in range(sample)]
    points: list[dict[str, Any]] = []
    if ids:
        matrix = np.vstack([np.asarray(docs[doc_id][attr], dtype=np.float64) for doc_id in ids])
        centred = matrix - matrix.mean(axis=0)
        if len(ids) > 1:
            _, singular, components = np.linalg.svd(centred, full_matrices=False)
            basis = components[:2]
            explained = (singular**2 / max(float((singular**2).sum()), 1e-30))[:2].tolist()
        else:
            basis = np.zeros((0, matrix.shape[1]))
            explained = []
        coords = centred @ basis.T
        if coords.shape[1] < 2:
            coords = np.hstack([coords, np.zeros((len(ids), 2 - coords.shape[1]))])
        for doc_id, (x, y) in zip(ids, coords.tolist(), strict=True):
            point: dict[str, Any] = {"id": doc_id, "x": x, "y": y}
            if color_by:
                point["color"] = _label(docs[doc_id].get(color_by))
            points.append(point)
    else:
        explained = []
    return {
        "attribute": attr,
        "color_by": color_by,
        "total": total,
        "sampled": len(points),
        "explained_variance_ratio": explained,
        "points": points,
    }
