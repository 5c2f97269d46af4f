# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Contains all the data models used in inputs/outputs"""

from .aggregate_by_map import AggregateByMap
from .aggregation_group import AggregationGroup
from .aggregations import Aggregations
from .ann_config import AnnConfig
from .async_accepted import AsyncAccepted
from .async_operation_error import AsyncOperationError
from .async_operation_finished import AsyncOperationFinished
from .async_operation_running import AsyncOperationRunning
from .async_operation_success import AsyncOperationSuccess
from .attribute_embed_config import AttributeEmbedConfig
from .attribute_schema_config import AttributeSchemaConfig
from .attribute_schema_drop import AttributeSchemaDrop
from .bm25_params import BM25Params
from .branch_from_namespace_config import BranchFromNamespaceConfig
from .branching_info import BranchingInfo
from .compute_attributes import ComputeAttributes
from .consistency_default import ConsistencyDefault
from .consistency_eventual import ConsistencyEventual
from .consistency_strong import ConsistencyStrong
from .copy_from_namespace_config import CopyFromNamespaceConfig
from .decay_params import DecayParams
from .delete_namespace_result import DeleteNamespaceResult
from .distance_metric import DistanceMetric
from .document_columns import DocumentColumns
from .document_row import DocumentRow
from .embed_params import EmbedParams
from .encryption_customer_managed import EncryptionCustomerManaged
from .encryption_customer_managed_encryption_context import EncryptionCustomerManagedEncryptionContext
from .encryption_default import EncryptionDefault
from .error_response import ErrorResponse
from .explain_query_result import ExplainQueryResult
from .export_not_ready import ExportNotReady
from .export_page import ExportPage
from .export_page_attributes import ExportPageAttributes
from .full_text_search_config import FullTextSearchConfig
from .fuzzy_max_edit_distance import FuzzyMaxEditDistance
from .fuzzy_params import FuzzyParams
from .group_by_named_function import GroupByNamedFunction
from .highlight_config import HighlightConfig
from .highlight_fragment import HighlightFragment
from .highlight_fragment_by import HighlightFragmentBy
from .highlight_offset_units import HighlightOffsetUnits
from .hint_cache_warm_result import HintCacheWarmResult
from .index_up_to_date import IndexUpToDate
from .index_updating import IndexUpdating
from .language import Language
from .limit_config import LimitConfig
from .limit_per import LimitPer
from .list_namespaces_result import ListNamespacesResult
from .multi_query_request import MultiQueryRequest
from .multi_query_result_model import MultiQueryResultModel
from .namespace_metadata import NamespaceMetadata
from .namespace_metadata_patch import NamespaceMetadataPatch
from .namespace_schema import NamespaceSchema
from .namespace_summary import NamespaceSummary
from .operation_error import OperationError
from .patch_by_filter import PatchByFilter
from .patch_by_filter_patch import PatchByFilterPatch
from .pinning_config import PinningConfig
from .pinning_state import PinningState
from .pinning_status import PinningStatus
from .query_billing import QueryBilling
from .query_performance import QueryPerformance
from .query_request import QueryRequest
from .query_result_model import QueryResultModel
from .recall_ground_truth import RecallGroundTruth
from .recall_request import RecallRequest
from .recall_result import RecallResult
from .rerank_by_model import RerankByModel
from .rerank_limit_config import RerankLimitConfig
from .row_model import RowModel
from .rrf_params import RRFParams
from .saturate_params import SaturateParams
from .schema_update import SchemaUpdate
from .sharding_config import ShardingConfig
from .sparse_distance_metric import SparseDistanceMetric
from .sparse_knn_config import SparseKnnConfig
from .sparse_vector import SparseVector
from .start_copy_request import StartCopyRequest
from .start_copy_result import StartCopyResult
from .sub_query import SubQuery
from .sub_query_result import SubQueryResult
from .token_filter_params import TokenFilterParams
from .tokenizer import Tokenizer
from .vector_encoding import VectorEncoding
from .write_billing import WriteBilling
from .write_performance import WritePerformance
from .write_request import WriteRequest
from .write_result import WriteResult

__all__ = (
    "AggregateByMap",
    "AggregationGroup",
    "Aggregations",
    "AnnConfig",
    "AsyncAccepted",
    "AsyncOperationError",
    "AsyncOperationFinished",
    "AsyncOperationRunning",
    "AsyncOperationSuccess",
    "AttributeEmbedConfig",
    "AttributeSchemaConfig",
    "AttributeSchemaDrop",
    "BM25Params",
    "BranchFromNamespaceConfig",
    "BranchingInfo",
    "ComputeAttributes",
    "ConsistencyDefault",
    "ConsistencyEventual",
    "ConsistencyStrong",
    "CopyFromNamespaceConfig",
    "DecayParams",
    "DeleteNamespaceResult",
    "DistanceMetric",
    "DocumentColumns",
    "DocumentRow",
    "EmbedParams",
    "EncryptionCustomerManaged",
    "EncryptionCustomerManagedEncryptionContext",
    "EncryptionDefault",
    "ErrorResponse",
    "ExplainQueryResult",
    "ExportNotReady",
    "ExportPage",
    "ExportPageAttributes",
    "FullTextSearchConfig",
    "FuzzyMaxEditDistance",
    "FuzzyParams",
    "GroupByNamedFunction",
    "HighlightConfig",
    "HighlightFragment",
    "HighlightFragmentBy",
    "HighlightOffsetUnits",
    "HintCacheWarmResult",
    "IndexUpdating",
    "IndexUpToDate",
    "Language",
    "LimitConfig",
    "LimitPer",
    "ListNamespacesResult",
    "MultiQueryRequest",
    "MultiQueryResultModel",
    "NamespaceMetadata",
    "NamespaceMetadataPatch",
    "NamespaceSchema",
    "NamespaceSummary",
    "OperationError",
    "PatchByFilter",
    "PatchByFilterPatch",
    "PinningConfig",
    "PinningState",
    "PinningStatus",
    "QueryBilling",
    "QueryPerformance",
    "QueryRequest",
    "QueryResultModel",
    "RecallGroundTruth",
    "RecallRequest",
    "RecallResult",
    "RerankByModel",
    "RerankLimitConfig",
    "RowModel",
    "RRFParams",
    "SaturateParams",
    "SchemaUpdate",
    "ShardingConfig",
    "SparseDistanceMetric",
    "SparseKnnConfig",
    "SparseVector",
    "StartCopyRequest",
    "StartCopyResult",
    "SubQuery",
    "SubQueryResult",
    "TokenFilterParams",
    "Tokenizer",
    "VectorEncoding",
    "WriteBilling",
    "WritePerformance",
    "WriteRequest",
    "WriteResult",
)
