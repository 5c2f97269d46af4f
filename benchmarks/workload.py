"""The documents the emulator and client benchmarks write: vectors, two attributes and short texts.

Everything is seeded, so every run writes the same data. Attributes: ``category`` (int, 100
values: ``category == 7`` selects 1% of the rows) and ``price`` (float, for ordering and
aggregation). Texts are short (8-12 words) drawn from a Zipf-distributed synthetic vocabulary,
the shape of titles or chat messages.
"""

from __future__ import annotations

import base64

import numpy as np
import pybase64

from benchmarks.datasets import embedding_like

CATEGORIES = 100
VOCABULARY = 20_000
_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "ta", "si", "po", "de", "va", "zu", "fe", "go", "hi", "ju", "qu")


def words() -> list[str]:
    rng = np.random.default_rng(7)
    out, seen = [], set()
    while len(out) < VOCABULARY:
        w = "".join(rng.choice(_SYLLABLES, rng.integers(2, 5)))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def attributes(n: int, start: int = 0) -> dict[str, list]:
    rng = np.random.default_rng(100 + start)
    return {
        "category": rng.integers(0, CATEGORIES, n).tolist(),
        "price": np.round(rng.uniform(1, 1000, n), 2).tolist(),
    }


def texts(n: int, seed: int = 0) -> list[str]:
    vocab = np.asarray(words())
    rng = np.random.default_rng(seed)
    lengths = rng.integers(8, 13, n)
    ranks = np.minimum(rng.zipf(1.2, int(lengths.sum())), VOCABULARY) - 1
    flat = vocab[ranks]
    bounds = np.concatenate([[0], np.cumsum(lengths)])
    return [" ".join(flat[bounds[i] : bounds[i + 1]]) for i in range(n)]


def b64(vectors: np.ndarray) -> list[str]:
    """Vectors as the API's base64 form (little-endian float32).

    When a row is a multiple of 3 bytes its encoding has no padding, so the whole matrix is encoded
    in one call and cut into rows (~4x faster at 5,000 x 768: the ingest benchmark's caller should
    cost as little as a careful client's)."""
    little = np.ascontiguousarray(vectors, dtype="<f4")
    if len(little) and little.shape[1] * 4 % 3 == 0:
        text = pybase64.b64encode(little.tobytes()).decode("ascii")
        width = len(text) // len(little)
        return [text[i * width : (i + 1) * width] for i in range(len(little))]
    return b64_per_row(little)


def b64_per_row(vectors: np.ndarray) -> list[str]:
    """The same, one encoder call per vector: what a plain client does (the benchmarks' floor)."""
    little = np.ascontiguousarray(vectors, dtype="<f4")
    return [base64.b64encode(row.tobytes()).decode("ascii") for row in little]


def vector_columns(start: int, vectors: np.ndarray, *, encode_base64: bool = True) -> dict:
    """An ``upsert_columns`` body fragment for rows ``start ..`` with the two attributes."""
    n = len(vectors)
    cols = {
        "id": list(range(start, start + n)),
        "vector": b64(vectors) if encode_base64 else vectors.tolist(),
    }
    cols.update(attributes(n, start))
    return cols


__all__ = ["attributes", "b64", "b64_per_row", "embedding_like", "texts", "vector_columns", "words"]
