"""The BM25 formula of reference §7.3, as pure functions (the index supplies the statistics).

    score(D, Q) = sum over distinct query terms t of
                  IDF(t) * tf(t,D)*(k1+1) / (tf(t,D) + k1*(1 - b + b*|D|/avgdl))
                         * qtf(t)*(k3+1) / (qtf(t) + k3)
    IDF(t) = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5))

The Lucene-style IDF never goes negative, so a term present in every document still adds a little.
The k3 factor is 1 for a term that appears once in the query. Terms matched through
``last_as_prefix`` add a constant 1.0 each instead (see :mod:`.index`).
"""

from __future__ import annotations

import math

PREFIX_MATCH_SCORE = 1.0


def idf(doc_count: int, doc_freq: int) -> float:
    """Lucene's BM25 IDF for a term found in ``doc_freq`` of ``doc_count`` documents."""
    return math.log(1.0 + (doc_count - doc_freq + 0.5) / (doc_freq + 0.5))


def term_frequency_factor(tf: int, doc_len: int, avgdl: float, k1: float, b: float) -> float:
    """The saturating, length-normalised term-frequency part of BM25."""
    norm = 1.0 - b + b * (doc_len / avgdl) if avgdl > 0 else 1.0
    return tf * (k1 + 1.0) / (tf + k1 * norm)


def query_frequency_factor(qtf: int, k3: float) -> float:
    """The k3 saturation of a term repeated ``qtf`` times in the query (1.0 when qtf == 1)."""
    return qtf * (k3 + 1.0) / (qtf + k3)
