"""Organisations and their namespaces: writes applied atomically, metadata, listing, copy/branch."""

from .namespace import Namespace
from .registry import Registry

__all__ = ["Namespace", "Registry"]
