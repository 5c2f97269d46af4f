# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.branching_info import BranchingInfo
    from ..models.encryption_customer_managed import EncryptionCustomerManaged
    from ..models.encryption_default import EncryptionDefault
    from ..models.index_up_to_date import IndexUpToDate
    from ..models.index_updating import IndexUpdating
    from ..models.namespace_schema import NamespaceSchema
    from ..models.pinning_state import PinningState
    from ..models.sharding_config import ShardingConfig


T = TypeVar("T", bound="NamespaceMetadata")


@_attrs_define
class NamespaceMetadata:
    """Metadata about a namespace.

    Attributes:
        schema (NamespaceSchema): Attribute name to its effective configuration.
        approx_logical_bytes (int): Approximate logical size in bytes.
        approx_row_count (int): Approximate number of documents.
        created_at (datetime.datetime): When the namespace was created.
        updated_at (datetime.datetime): When the namespace's documents or schema last changed.
        encryption (EncryptionCustomerManaged | EncryptionDefault): How the namespace's data is encrypted at rest.
        index (IndexUpdating | IndexUpToDate): Whether every document is indexed.
        last_write_at (datetime.datetime | Unset): When documents last changed.
        pinning (PinningState | Unset): The namespace's pinning configuration and status (present only when pinned).
        sharding (ShardingConfig | Unset): Partition the namespace over several shards. Only on its first write (or with
            `copy_from_namespace`); cannot change later.
        branching (BranchingInfo | Unset): Present for namespaces created with `branch_from_namespace`.
        read_only (bool | Unset): Document and schema writes are rejected (omitted when `false`).
    """

    schema: NamespaceSchema
    approx_logical_bytes: int
    approx_row_count: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    encryption: EncryptionCustomerManaged | EncryptionDefault
    index: IndexUpdating | IndexUpToDate
    last_write_at: datetime.datetime | Unset = UNSET
    pinning: PinningState | Unset = UNSET
    sharding: ShardingConfig | Unset = UNSET
    branching: BranchingInfo | Unset = UNSET
    read_only: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.encryption_default import EncryptionDefault  # noqa: PLC0415
        from ..models.index_up_to_date import IndexUpToDate  # noqa: PLC0415

        schema = self.schema.to_dict()

        approx_logical_bytes = self.approx_logical_bytes

        approx_row_count = self.approx_row_count

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        encryption: dict[str, Any]
        if isinstance(self.encryption, EncryptionDefault):
            encryption = self.encryption.to_dict()
        else:
            encryption = self.encryption.to_dict()

        index: dict[str, Any]
        if isinstance(self.index, IndexUpToDate):
            index = self.index.to_dict()
        else:
            index = self.index.to_dict()

        last_write_at: str | Unset = UNSET
        if not isinstance(self.last_write_at, Unset):
            last_write_at = self.last_write_at.isoformat()

        pinning: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pinning, Unset):
            pinning = self.pinning.to_dict()

        sharding: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sharding, Unset):
            sharding = self.sharding.to_dict()

        branching: dict[str, Any] | Unset = UNSET
        if not isinstance(self.branching, Unset):
            branching = self.branching.to_dict()

        read_only = self.read_only

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "schema": schema,
                "approx_logical_bytes": approx_logical_bytes,
                "approx_row_count": approx_row_count,
                "created_at": created_at,
                "updated_at": updated_at,
                "encryption": encryption,
                "index": index,
            }
        )
        if last_write_at is not UNSET:
            field_dict["last_write_at"] = last_write_at
        if pinning is not UNSET:
            field_dict["pinning"] = pinning
        if sharding is not UNSET:
            field_dict["sharding"] = sharding
        if branching is not UNSET:
            field_dict["branching"] = branching
        if read_only is not UNSET:
            field_dict["read_only"] = read_only

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.branching_info import BranchingInfo  # noqa: PLC0415
        from ..models.encryption_customer_managed import EncryptionCustomerManaged  # noqa: PLC0415
        from ..models.encryption_default import EncryptionDefault  # noqa: PLC0415
        from ..models.index_up_to_date import IndexUpToDate  # noqa: PLC0415
        from ..models.index_updating import IndexUpdating  # noqa: PLC0415
        from ..models.namespace_schema import NamespaceSchema  # noqa: PLC0415
        from ..models.pinning_state import PinningState  # noqa: PLC0415
        from ..models.sharding_config import ShardingConfig  # noqa: PLC0415

        d = dict(src_dict)
        schema = NamespaceSchema.from_dict(d.pop("schema"))

        approx_logical_bytes = d.pop("approx_logical_bytes")

        approx_row_count = d.pop("approx_row_count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_encryption(data: object) -> EncryptionCustomerManaged | EncryptionDefault:
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

        encryption = _parse_encryption(d.pop("encryption"))

        def _parse_index(data: object) -> IndexUpdating | IndexUpToDate:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_index_status_type_0 = IndexUpToDate.from_dict(data)

                return componentsschemas_index_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_index_status_type_1 = IndexUpdating.from_dict(data)

            return componentsschemas_index_status_type_1

        index = _parse_index(d.pop("index"))

        _last_write_at = d.pop("last_write_at", UNSET)
        last_write_at: datetime.datetime | Unset
        if isinstance(_last_write_at, Unset):
            last_write_at = UNSET
        else:
            last_write_at = datetime.datetime.fromisoformat(_last_write_at)

        _pinning = d.pop("pinning", UNSET)
        pinning: PinningState | Unset
        if isinstance(_pinning, Unset):
            pinning = UNSET
        else:
            pinning = PinningState.from_dict(_pinning)

        _sharding = d.pop("sharding", UNSET)
        sharding: ShardingConfig | Unset
        if isinstance(_sharding, Unset):
            sharding = UNSET
        else:
            sharding = ShardingConfig.from_dict(_sharding)

        _branching = d.pop("branching", UNSET)
        branching: BranchingInfo | Unset
        if isinstance(_branching, Unset):
            branching = UNSET
        else:
            branching = BranchingInfo.from_dict(_branching)

        read_only = d.pop("read_only", UNSET)

        namespace_metadata = cls(
            schema=schema,
            approx_logical_bytes=approx_logical_bytes,
            approx_row_count=approx_row_count,
            created_at=created_at,
            updated_at=updated_at,
            encryption=encryption,
            index=index,
            last_write_at=last_write_at,
            pinning=pinning,
            sharding=sharding,
            branching=branching,
            read_only=read_only,
        )

        namespace_metadata.additional_properties = d
        return namespace_metadata

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
