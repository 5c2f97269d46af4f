"""Durability: a write-ahead log plus snapshots, with checksums and crash recovery.

``open_storage(data_dir | None) -> Storage``; see ``engine.DiskStorage`` for the exact contract and
``framing`` / ``snapshot`` for the on-disk formats. The namespaces layer decides what a record
means; this package only promises that an appended record survives and comes back exactly once.
"""

from .engine import DiskStorage, MemoryStorage, Storage, open_storage
from .errors import StorageCorrupted, StorageError, StorageLocked, StorageUnavailable, StorageWriteFailed

__all__ = [
    "DiskStorage",
    "MemoryStorage",
    "Storage",
    "StorageCorrupted",
    "StorageError",
    "StorageLocked",
    "StorageUnavailable",
    "StorageWriteFailed",
    "open_storage",
]
