# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.copy_from_namespace_config import CopyFromNamespaceConfig
    from ..models.encryption_customer_managed import EncryptionCustomerManaged
    from ..models.encryption_default import EncryptionDefault
    from ..models.sharding_config import ShardingConfig


T = TypeVar("T", bound="StartCopyRequest")


@_attrs_define
class StartCopyRequest:
    """The copy to start.

    Attributes:
        copy_from_namespace (CopyFromNamespaceConfig | str): The namespace to copy every document from into this empty
            one: a name (same organisation
            and region) or an object for cross-organisation / cross-region copies.
        encryption (EncryptionCustomerManaged | EncryptionDefault | Unset): How the namespace's data is encrypted at
            rest.
        sharding (ShardingConfig | Unset): Partition the namespace over several shards. Only on its first write (or with
            `copy_from_namespace`); cannot change later.
    """

    copy_from_namespace: CopyFromNamespaceConfig | str
    encryption: EncryptionCustomerManaged | EncryptionDefault | Unset = UNSET
    sharding: ShardingConfig | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.copy_from_namespace_config import CopyFromNamespaceConfig  # noqa: PLC0415
        from ..models.encryption_default import EncryptionDefault  # noqa: PLC0415

        copy_from_namespace: dict[str, Any] | str
        if isinstance(self.copy_from_namespace, CopyFromNamespaceConfig):
            copy_from_namespace = self.copy_from_namespace.to_dict()
        else:
            copy_from_namespace = self.copy_from_namespace

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "copy_from_namespace": copy_from_namespace,
            }
        )
        if encryption is not UNSET:
            field_dict["encryption"] = encryption
        if sharding is not UNSET:
            field_dict["sharding"] = sharding

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.copy_from_namespace_config import CopyFromNamespaceConfig  # noqa: PLC0415
        from ..models.encryption_customer_managed import EncryptionCustomerManaged  # noqa: PLC0415
        from ..models.encryption_default import EncryptionDefault  # noqa: PLC0415
        from ..models.sharding_config import ShardingConfig  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_copy_from_namespace(data: object) -> CopyFromNamespaceConfig | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_copy_from_namespace_type_1 = CopyFromNamespaceConfig.from_dict(data)

                return componentsschemas_copy_from_namespace_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CopyFromNamespaceConfig | str, data)

        copy_from_namespace = _parse_copy_from_namespace(d.pop("copy_from_namespace"))

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

        start_copy_request = cls(
            copy_from_namespace=copy_from_namespace,
            encryption=encryption,
            sharding=sharding,
        )

        return start_copy_request
