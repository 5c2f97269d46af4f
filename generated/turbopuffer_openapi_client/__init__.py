# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""A typed Python client for the turbopuffer API, generated from an open OpenAPI 3.1 spec.

Start with :class:`Turbopuffer` (or :class:`AsyncTurbopuffer`)::

    from turbopuffer_openapi_client import Turbopuffer
    from turbopuffer_openapi_client.lang import filter as f

    tpuf = Turbopuffer()  # TURBOPUFFER_API_KEY, TURBOPUFFER_REGION / TURBOPUFFER_BASE_URL
    ns = tpuf.namespace("products")
    ns.write(upsert_rows=[{"id": 1, "vector": [0.1, 0.2], "title": "red shoe"}], distance_metric="cosine_distance")
    result = ns.query(rank_by=("vector", "ANN", [0.1, 0.2]), filters=f.Eq("title", "red shoe"), top_k=5)

Low-level, one function per operation: ``turbopuffer_openapi_client.api``; request/response models:
``turbopuffer_openapi_client.models``; the query language: ``turbopuffer_openapi_client.lang``.
"""

from . import errors, lang
from ._codec import decode_vector, encode_vector
from ._config import ClientConfig
from ._namespace import AsyncNamespace, Namespace
from ._results import MultiQueryResult, QueryResult, Row
from ._transport import RetryPolicy
from ._turbopuffer import AsyncTurbopuffer, NamespacePage, NamespaceSummary, Turbopuffer
from .client import AuthenticatedClient, Client
from .errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    TurbopufferError,
    UnprocessableEntityError,
)

__version__ = "0.2.0"

__all__ = (
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncNamespace",
    "AsyncTurbopuffer",
    "AuthenticatedClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ClientConfig",
    "ConfigurationError",
    "ConflictError",
    "InternalServerError",
    "MultiQueryResult",
    "Namespace",
    "NamespacePage",
    "NamespaceSummary",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "QueryResult",
    "RateLimitError",
    "RetryPolicy",
    "Row",
    "Turbopuffer",
    "TurbopufferError",
    "UnprocessableEntityError",
    "decode_vector",
    "encode_vector",
    "errors",
    "lang",
)
