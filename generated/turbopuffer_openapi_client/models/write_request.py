# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.distance_metric import DistanceMetric, check_distance_metric
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.branch_from_namespace_config import BranchFromNamespaceConfig
    from ..models.copy_from_namespace_config import CopyFromNamespaceConfig
    from ..models.document_columns import DocumentColumns
    from ..models.document_row import DocumentRow
    from ..models.encryption_customer_managed import EncryptionCustomerManaged
    from ..models.encryption_default import EncryptionDefault
    from ..models.patch_by_filter import PatchByFilter
    from ..models.schema_update import SchemaUpdate
    from ..models.sharding_config import ShardingConfig


T = TypeVar("T", bound="WriteRequest")


@_attrs_define
class WriteRequest:
    """A write. Every field is optional, but the request must have something to do. A write
    carrying `schema` but no document operation (rows, columns, deletes, by-filter writes)
    changes an existing namespace only: to a namespace that does not exist it is a 404, as
    for the schema endpoint (unless `create_namespace: true`).

        Attributes:
            upsert_rows (list[DocumentRow] | Unset): Documents to create or replace whole.
            upsert_columns (DocumentColumns | Unset): Documents in column form: every key is an attribute mapped to one
                value per document,
                `id` holding the IDs. All arrays have the same length; `null` means no value.
            patch_rows (list[DocumentRow] | Unset): Partial updates of existing documents (missing IDs are ignored; vectors
                cannot be patched).
            patch_columns (DocumentColumns | Unset): Documents in column form: every key is an attribute mapped to one value
                per document,
                `id` holding the IDs. All arrays have the same length; `null` means no value.
            deletes (list[int | str] | Unset): IDs of documents to delete (missing IDs are not an error).
            upsert_condition (Any | Unset): A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical
                combination. Used by
                `filters`, `delete_by_filter`, `patch_by_filter.filters`, the `*_condition` write fields,
                recall, and as a 0/1 term inside score expressions. `attribute` may be `id`. Operands
                must have the attribute's type; in write conditions they may be `{"$ref_new": attr}`.
            patch_condition (Any | Unset): A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical
                combination. Used by
                `filters`, `delete_by_filter`, `patch_by_filter.filters`, the `*_condition` write fields,
                recall, and as a 0/1 term inside score expressions. `attribute` may be `id`. Operands
                must have the attribute's type; in write conditions they may be `{"$ref_new": attr}`.
            delete_condition (Any | Unset): A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical
                combination. Used by
                `filters`, `delete_by_filter`, `patch_by_filter.filters`, the `*_condition` write fields,
                recall, and as a 0/1 term inside score expressions. `attribute` may be `id`. Operands
                must have the attribute's type; in write conditions they may be `{"$ref_new": attr}`.
            delete_by_filter (Any | Unset): A filter (SQL `WHERE`): `[attribute, operator, operand]` or a logical
                combination. Used by
                `filters`, `delete_by_filter`, `patch_by_filter.filters`, the `*_condition` write fields,
                recall, and as a 0/1 term inside score expressions. `attribute` may be `id`. Operands
                must have the attribute's type; in write conditions they may be `{"$ref_new": attr}`.
            delete_by_filter_allow_partial (bool | Unset): When more documents match than the limit, delete up to the limit
                and report `rows_remaining` instead of failing. Default: False.
            patch_by_filter (PatchByFilter | Unset): Set the attributes in `patch` on every document matching `filters` (at
                most 50,000 per request; vector attributes cannot be patched).
            patch_by_filter_allow_partial (bool | Unset): When more documents match than the limit, patch up to the limit
                and report `rows_remaining` instead of failing. Default: False.
            return_affected_ids (bool | Unset): Return `upserted_ids`, `patched_ids` and `deleted_ids` (only writes that
                happened). Default: False.
            distance_metric (DistanceMetric | Unset): The dense-vector distance: `cosine_distance` = 1 − cos(x, y) in [0,
                2]; `euclidean_squared` = Σ (x_i − y_i)². Lower is closer.
            schema (SchemaUpdate | Unset): Attribute name to schema (a type string, a configuration, or a drop).
            copy_from_namespace (CopyFromNamespaceConfig | str | Unset): The namespace to copy every document from into this
                empty one: a name (same organisation
                and region) or an object for cross-organisation / cross-region copies.
            branch_from_namespace (BranchFromNamespaceConfig | str | Unset): The namespace to create an instant copy-on-
                write clone of (not for sharded namespaces).
            encryption (EncryptionCustomerManaged | EncryptionDefault | Unset): How the namespace's data is encrypted at
                rest.
            sharding (ShardingConfig | Unset): Partition the namespace over several shards. Only on its first write (or with
                `copy_from_namespace`); cannot change later.
            disable_backpressure (bool | Unset): Skip the 429 backpressure on upserts and deletes by ID while too much data
                is unindexed (strong queries may then fail with 429). Default: False.
            create_namespace (bool | Unset): `true` creates the namespace even when nothing is written (the schema must then
                declare
                the `id` type); `false` never creates it (404 if missing); absent creates it on the
                first write of documents.
    """

    upsert_rows: list[DocumentRow] | Unset = UNSET
    upsert_columns: DocumentColumns | Unset = UNSET
    patch_rows: list[DocumentRow] | Unset = UNSET
    patch_columns: DocumentColumns | Unset = UNSET
    deletes: list[int | str] | Unset = UNSET
    upsert_condition: Any | Unset = UNSET
    patch_condition: Any | Unset = UNSET
    delete_condition: Any | Unset = UNSET
    delete_by_filter: Any | Unset = UNSET
    delete_by_filter_allow_partial: bool | Unset = False
    patch_by_filter: PatchByFilter | Unset = UNSET
    patch_by_filter_allow_partial: bool | Unset = False
    return_affected_ids: bool | Unset = False
    distance_metric: DistanceMetric | Unset = UNSET
    schema: SchemaUpdate | Unset = UNSET
    copy_from_namespace: CopyFromNamespaceConfig | str | Unset = UNSET
    branch_from_namespace: BranchFromNamespaceConfig | str | Unset = UNSET
    encryption: EncryptionCustomerManaged | EncryptionDefault | Unset = UNSET
    sharding: ShardingConfig | Unset = UNSET
    disable_backpressure: bool | Unset = False
    create_namespace: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.branch_from_namespace_config import BranchFromNamespaceConfig  # noqa: PLC0415
        from ..models.copy_from_namespace_config import CopyFromNamespaceConfig  # noqa: PLC0415
        from ..models.encryption_default import EncryptionDefault  # noqa: PLC0415

        upsert_rows: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.upsert_rows, Unset):
            upsert_rows = []
            for upsert_rows_item_data in self.upsert_rows:
                upsert_rows_item = upsert_rows_item_data.to_dict()
                upsert_rows.append(upsert_rows_item)

        upsert_columns: dict[str, Any] | Unset = UNSET
        if not isinstance(self.upsert_columns, Unset):
            upsert_columns = self.upsert_columns.to_dict()

        patch_rows: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.patch_rows, Unset):
            patch_rows = []
            for patch_rows_item_data in self.patch_rows:
                patch_rows_item = patch_rows_item_data.to_dict()
                patch_rows.append(patch_rows_item)

        patch_columns: dict[str, Any] | Unset = UNSET
        if not isinstance(self.patch_columns, Unset):
            patch_columns = self.patch_columns.to_dict()

        deletes: list[int | str] | Unset = UNSET
        if not isinstance(self.deletes, Unset):
            deletes = []
            for deletes_item_data in self.deletes:
                deletes_item: int | str
                deletes_item = deletes_item_data
                deletes.append(deletes_item)

        upsert_condition = self.upsert_condition

        patch_condition = self.patch_condition

        delete_condition = self.delete_condition

        delete_by_filter = self.delete_by_filter

        delete_by_filter_allow_partial = self.delete_by_filter_allow_partial

        patch_by_filter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.patch_by_filter, Unset):
            patch_by_filter = self.patch_by_filter.to_dict()

        patch_by_filter_allow_partial = self.patch_by_filter_allow_partial

        return_affected_ids = self.return_affected_ids

        distance_metric: str | Unset = UNSET
        if not isinstance(self.distance_metric, Unset):
            distance_metric = self.distance_metric

        schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schema, Unset):
            schema = self.schema.to_dict()

        copy_from_namespace: dict[str, Any] | str | Unset
        if isinstance(self.copy_from_namespace, Unset):
            copy_from_namespace = UNSET
        elif isinstance(self.copy_from_namespace, CopyFromNamespaceConfig):
            copy_from_namespace = self.copy_from_namespace.to_dict()
        else:
            copy_from_namespace = self.copy_from_namespace

        branch_from_namespace: dict[str, Any] | str | Unset
        if isinstance(self.branch_from_namespace, Unset):
            branch_from_namespace = UNSET
        elif isinstance(self.branch_from_namespace, BranchFromNamespaceConfig):
            branch_from_namespace = self.branch_from_namespace.to_dict()
        else:
            branch_from_namespace = self.branch_from_namespace

        encryption: dict[str, Any] | Unset
        if isinstance(self.encryption, Unset):
            encryption = UNSET
        elif isinstance(self.encryption, EncryptionDefault):
            encryption = self.encryption.to_dict()
        else:
            encryption = self.encryption.to_dict()

        sharding: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sharding, Unset):
            sharding = self.sharding.to_dict()

        disable_backpressure = self.disable_backpressure

        create_namespace = self.create_namespace

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if upsert_rows is not UNSET:
            field_dict["upsert_rows"] = upsert_rows
        if upsert_columns is not UNSET:
            field_dict["upsert_columns"] = upsert_columns
        if patch_rows is not UNSET:
            field_dict["patch_rows"] = patch_rows
        if patch_columns is not UNSET:
            field_dict["patch_columns"] = patch_columns
        if deletes is not UNSET:
            field_dict["deletes"] = deletes
        if upsert_condition is not UNSET:
            field_dict["upsert_condition"] = upsert_condition
        if patch_condition is not UNSET:
            field_dict["patch_condition"] = patch_condition
        if delete_condition is not UNSET:
            field_dict["delete_condition"] = delete_condition
        if delete_by_filter is not UNSET:
            field_dict["delete_by_filter"] = delete_by_filter
        if delete_by_filter_allow_partial is not UNSET:
            field_dict["delete_by_filter_allow_partial"] = delete_by_filter_allow_partial
        if patch_by_filter is not UNSET:
            field_dict["patch_by_filter"] = patch_by_filter
        if patch_by_filter_allow_partial is not UNSET:
            field_dict["patch_by_filter_allow_partial"] = patch_by_filter_allow_partial
        if return_affected_ids is not UNSET:
            field_dict["return_affected_ids"] = return_affected_ids
        if distance_metric is not UNSET:
            field_dict["distance_metric"] = distance_metric
        if schema is not UNSET:
            field_dict["schema"] = schema
        if copy_from_namespace is not UNSET:
            field_dict["copy_from_namespace"] = copy_from_namespace
        if branch_from_namespace is not UNSET:
            field_dict["branch_from_namespace"] = branch_from_namespace
        if encryption is not UNSET:
            field_dict["encryption"] = encryption
        if sharding is not UNSET:
            field_dict["sharding"] = sharding
        if disable_backpressure is not UNSET:
            field_dict["disable_backpressure"] = disable_backpressure
        if create_namespace is not UNSET:
            field_dict["create_namespace"] = create_namespace

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.branch_from_namespace_config import BranchFromNamespaceConfig  # noqa: PLC0415
        from ..models.copy_from_namespace_config import CopyFromNamespaceConfig  # noqa: PLC0415
        from ..models.document_columns import DocumentColumns  # noqa: PLC0415
        from ..models.document_row import DocumentRow  # noqa: PLC0415
        from ..models.encryption_customer_managed import EncryptionCustomerManaged  # noqa: PLC0415
        from ..models.encryption_default import EncryptionDefault  # noqa: PLC0415
        from ..models.patch_by_filter import PatchByFilter  # noqa: PLC0415
        from ..models.schema_update import SchemaUpdate  # noqa: PLC0415
        from ..models.sharding_config import ShardingConfig  # noqa: PLC0415

        d = dict(src_dict)
        _upsert_rows = d.pop("upsert_rows", UNSET)
        upsert_rows: list[DocumentRow] | Unset = UNSET
        if _upsert_rows is not UNSET:
            upsert_rows = []
            for upsert_rows_item_data in _upsert_rows:
                upsert_rows_item = DocumentRow.from_dict(upsert_rows_item_data)

                upsert_rows.append(upsert_rows_item)

        _upsert_columns = d.pop("upsert_columns", UNSET)
        upsert_columns: DocumentColumns | Unset
        if isinstance(_upsert_columns, Unset):
            upsert_columns = UNSET
        else:
            upsert_columns = DocumentColumns.from_dict(_upsert_columns)

        _patch_rows = d.pop("patch_rows", UNSET)
        patch_rows: list[DocumentRow] | Unset = UNSET
        if _patch_rows is not UNSET:
            patch_rows = []
            for patch_rows_item_data in _patch_rows:
                patch_rows_item = DocumentRow.from_dict(patch_rows_item_data)

                patch_rows.append(patch_rows_item)

        _patch_columns = d.pop("patch_columns", UNSET)
        patch_columns: DocumentColumns | Unset
        if isinstance(_patch_columns, Unset):
            patch_columns = UNSET
        else:
            patch_columns = DocumentColumns.from_dict(_patch_columns)

        _deletes = d.pop("deletes", UNSET)
        deletes: list[int | str] | Unset = UNSET
        if _deletes is not UNSET:
            deletes = []
            for deletes_item_data in _deletes:

                def _parse_deletes_item(data: object) -> int | str:
                    return cast(int | str, data)

                deletes_item = _parse_deletes_item(deletes_item_data)

                deletes.append(deletes_item)

        upsert_condition = d.pop("upsert_condition", UNSET)

        patch_condition = d.pop("patch_condition", UNSET)

        delete_condition = d.pop("delete_condition", UNSET)

        delete_by_filter = d.pop("delete_by_filter", UNSET)

        delete_by_filter_allow_partial = d.pop("delete_by_filter_allow_partial", UNSET)

        _patch_by_filter = d.pop("patch_by_filter", UNSET)
        patch_by_filter: PatchByFilter | Unset
        if isinstance(_patch_by_filter, Unset):
            patch_by_filter = UNSET
        else:
            patch_by_filter = PatchByFilter.from_dict(_patch_by_filter)

        patch_by_filter_allow_partial = d.pop("patch_by_filter_allow_partial", UNSET)

        return_affected_ids = d.pop("return_affected_ids", UNSET)

        _distance_metric = d.pop("distance_metric", UNSET)
        distance_metric: DistanceMetric | Unset
        if isinstance(_distance_metric, Unset):
            distance_metric = UNSET
        else:
            distance_metric = check_distance_metric(_distance_metric)

        _schema = d.pop("schema", UNSET)
        schema: SchemaUpdate | Unset
        if isinstance(_schema, Unset):
            schema = UNSET
        else:
            schema = SchemaUpdate.from_dict(_schema)

        def _parse_copy_from_namespace(data: object) -> CopyFromNamespaceConfig | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_copy_from_namespace_type_1 = CopyFromNamespaceConfig.from_dict(data)

                return componentsschemas_copy_from_namespace_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CopyFromNamespaceConfig | str | Unset, data)

        copy_from_namespace = _parse_copy_from_namespace(d.pop("copy_from_namespace", UNSET))

        def _parse_branch_from_namespace(data: object) -> BranchFromNamespaceConfig | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_branch_from_namespace_type_1 = BranchFromNamespaceConfig.from_dict(data)

                return componentsschemas_branch_from_namespace_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BranchFromNamespaceConfig | str | Unset, data)

        branch_from_namespace = _parse_branch_from_namespace(d.pop("branch_from_namespace", UNSET))

        def _parse_encryption(data: object) -> EncryptionCustomerManaged | EncryptionDefault | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_encryption_type_0 = EncryptionDefault.from_dict(data)

                return componentsschemas_encryption_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_encryption_type_1 = EncryptionCustomerManaged.from_dict(data)

            return componentsschemas_encryption_type_1

        encryption = _parse_encryption(d.pop("encryption", UNSET))

        _sharding = d.pop("sharding", UNSET)
        sharding: ShardingConfig | Unset
        if isinstance(_sharding, Unset):
            sharding = UNSET
        else:
            sharding = ShardingConfig.from_dict(_sharding)

        disable_backpressure = d.pop("disable_backpressure", UNSET)

        create_namespace = d.pop("create_namespace", UNSET)

        write_request = cls(
            upsert_rows=upsert_rows,
            upsert_columns=upsert_columns,
            patch_rows=patch_rows,
            patch_columns=patch_columns,
            deletes=deletes,
            upsert_condition=upsert_condition,
            patch_condition=patch_condition,
            delete_condition=delete_condition,
            delete_by_filter=delete_by_filter,
            delete_by_filter_allow_partial=delete_by_filter_allow_partial,
            patch_by_filter=patch_by_filter,
            patch_by_filter_allow_partial=patch_by_filter_allow_partial,
            return_affected_ids=return_affected_ids,
            distance_metric=distance_metric,
            schema=schema,
            copy_from_namespace=copy_from_namespace,
            branch_from_namespace=branch_from_namespace,
            encryption=encryption,
            sharding=sharding,
            disable_backpressure=disable_backpressure,
            create_namespace=create_namespace,
        )

        return write_request
