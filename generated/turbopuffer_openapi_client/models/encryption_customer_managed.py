# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.encryption_customer_managed_encryption_context import (
        EncryptionCustomerManagedEncryptionContext,
    )


T = TypeVar("T", bound="EncryptionCustomerManaged")


@_attrs_define
class EncryptionCustomerManaged:
    """A customer-managed encryption key (CMEK).

    Attributes:
        mode (Literal['customer-managed']):
        key_name (str): The key (AWS KMS key ARN, or the GCP key's full resource name
            `projects/P/locations/L/keyRings/R/cryptoKeys/K`). Any other name is a 400 `Malformed Cloud KMS crypto key:
            <name>`.
        encryption_context (EncryptionCustomerManagedEncryptionContext | Unset): AWS KMS encryption context sent with
            every use of the key (keys may not start with `tpuf:` or `aws:`).
    """

    mode: Literal["customer-managed"]
    key_name: str
    encryption_context: EncryptionCustomerManagedEncryptionContext | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode

        key_name = self.key_name

        encryption_context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.encryption_context, Unset):
            encryption_context = self.encryption_context.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mode": mode,
                "key_name": key_name,
            }
        )
        if encryption_context is not UNSET:
            field_dict["encryption_context"] = encryption_context

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.encryption_customer_managed_encryption_context import (
            EncryptionCustomerManagedEncryptionContext,  # noqa: PLC0415
        )

        d = dict(src_dict)
        mode = cast(Literal["customer-managed"], d.pop("mode"))
        if mode != "customer-managed":
            raise ValueError(f"mode must match const 'customer-managed', got '{mode}'")

        key_name = d.pop("key_name")

        _encryption_context = d.pop("encryption_context", UNSET)
        encryption_context: EncryptionCustomerManagedEncryptionContext | Unset
        if isinstance(_encryption_context, Unset):
            encryption_context = UNSET
        else:
            encryption_context = EncryptionCustomerManagedEncryptionContext.from_dict(_encryption_context)

        encryption_customer_managed = cls(
            mode=mode,
            key_name=key_name,
            encryption_context=encryption_context,
        )

        return encryption_customer_managed
