"""An independent, from-first-principles BM25 (reference §7.3), written apart from the emulator's.

Used by the unit tests and the over-HTTP tests to check the emulator's scores; it shares nothing with
``tpuf_emulator.fulltext`` but the formula.
"""

from __future__ import annotations

import math
from collections import Counter


def first_principles_bm25(
    docs: dict, query: list[str], k1: float = 1.2, b: float = 0.75, k3: float = 8.0
) -> dict:
    """``{doc_id: score}`` (documents scoring 0 left out) for term lists ``docs`` and ``query``."""
    n_docs = len(docs)
    avgdl = sum(len(d) for d in docs.values()) / n_docs
    out = {}
    for doc_id, terms in docs.items():
        tf = Counter(terms)
        score = 0.0
        for term, qtf in Counter(query).items():
            if tf[term] == 0:
                continue
            df = sum(1 for d in docs.values() if term in d)
            idf = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
            tf_part = tf[term] * (k1 + 1) / (tf[term] + k1 * (1 - b + b * len(terms) / avgdl))
            score += idf * tf_part * (qtf * (k3 + 1) / (qtf + k3))
        if score:
            out[doc_id] = score
    return out
