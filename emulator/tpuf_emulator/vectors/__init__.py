"""The ANN index of vector attributes: an exhaustively searched tail plus a usearch HNSW graph.

See ``index.py`` for the design and ``README.md`` in this folder for the library measurement.
"""

from . import column
from .exact import COSINE, EUCLIDEAN, METRICS
from .index import VectorIndex

__all__ = ["COSINE", "EUCLIDEAN", "METRICS", "VectorIndex", "column"]
