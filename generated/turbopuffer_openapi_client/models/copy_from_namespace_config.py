# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.encryption_customer_managed import EncryptionCustomerManaged
    from ..models.encryption_default import EncryptionDefault


T = TypeVar("T", bound="CopyFromNamespaceConfig")


@_attrs_define
class CopyFromNamespaceConfig:
    """Where to copy from.

    Attributes:
        source_namespace (str): A namespace name: `[A-Za-z0-9-_.]{1,128}`, not `.` or `..`.
        source_api_key (str | Unset): An API key of the organisation that owns the source namespace.
        source_region (str | Unset): The region of the source namespace (e.g. `aws-us-east-1`).
        dest_encryption (EncryptionCustomerManaged | EncryptionDefault | Unset): How the namespace's data is encrypted
            at rest.
    """

    source_namespace: str
    source_api_key: str | Unset = UNSET
    source_region: str | Unset = UNSET
    dest_encryption: EncryptionCustomerManaged | EncryptionDefault | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.encryption_default import EncryptionDefault  # noqa: PLC0415

        source_namespace = self.source_namespace

        source_api_key = self.source_api_key

        source_region = self.source_region

        dest_encryption: dict[str, Any] | Unset
        if isinstance(self.dest_encryption, Unset):
            dest_encryption = UNSET
        elif isinstance(self.dest_encryption, EncryptionDefault):
            dest_encryption = self.dest_encryption.to_dict()
        else:
            dest_encryption = self.dest_encryption.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source_namespace": source_namespace,
            }
        )
        if source_api_key is not UNSET:
            field_dict["source_api_key"] = source_api_key
        if source_region is not UNSET:
            field_dict["source_region"] = source_region
        if dest_encryption is not UNSET:
            field_dict["dest_encryption"] = dest_encryption

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.encryption_customer_managed import EncryptionCustomerManaged  # noqa: PLC0415
        from ..models.encryption_default import EncryptionDefault  # noqa: PLC0415

        d = dict(src_dict)
        source_namespace = d.pop("source_namespace")

        source_api_key = d.pop("source_api_key", UNSET)

        source_region = d.pop("source_region", UNSET)

        def _parse_dest_encryption(data: object) -> EncryptionCustomerManaged | EncryptionDefault | Unset:
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

        dest_encryption = _parse_dest_encryption(d.pop("dest_encryption", UNSET))

        copy_from_namespace_config = cls(
            source_namespace=source_namespace,
            source_api_key=source_api_key,
            source_region=source_region,
            dest_encryption=dest_encryption,
        )

        return copy_from_namespace_config
