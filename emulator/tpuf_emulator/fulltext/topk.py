"""Top-k selection by partial sort, with ties broken exactly as a stable sort would break them.

``rank_by_score`` ranks ``{id: score}`` by descending score with a stable sort, so ties keep the
order the scores were produced in. For an index's score arrays that order is given by tie keys
(e.g. first query term, then row), and :func:`top_k_rows` reproduces the stable sort's first ``k``
without sorting everything: ``np.argpartition`` finds the k-th best score, every row scoring at
least that much is kept (ties across the cut included), and only those few are sorted.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt


def top_k_rows(
    scores: npt.NDArray[np.float64], tie_keys: Sequence[npt.NDArray[np.integer]], k: int | None
) -> npt.NDArray[np.int64]:
    """Indices of the best ``k`` scores (all when ``None``), best first; equal scores ordered by
    ``tie_keys`` (most significant first), ascending."""
    count = len(scores)
    if k is not None and k < count:
        if k <= 0:
            return np.zeros(0, np.int64)
        kth = np.partition(scores, count - k)[count - k]  # the k-th largest score
        pool = np.flatnonzero(scores >= kth)
    else:
        pool = np.arange(count)
    # lexsort sorts by the last key first: descending score, then the tie keys in order.
    order = np.lexsort(tuple(key[pool] for key in reversed(tie_keys)) + (-scores[pool],))
    chosen = pool[order]
    return chosen if k is None else chosen[:k]
