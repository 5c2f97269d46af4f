"""Every organisation's namespaces by name: the state log records are applied to (``apply.py``).

A namespace is registered before its first write commits, so concurrent first writers share one
lock; it stays invisible to reads until ``committed``. The table's own mutex guards only the maps;
each namespace's contents are guarded by its readers-writer lock (``Namespace.lock``).
"""

from __future__ import annotations

import threading

from .namespace import Namespace


class NamespaceTable:
    def __init__(self) -> None:
        self.orgs: dict[str, dict[str, Namespace]] = {}
        self._mutex = threading.Lock()

    def get(self, org: str, name: str) -> Namespace | None:
        """The namespace, committed or not (callers decide what an uncommitted one means)."""
        with self._mutex:
            return self.orgs.get(org, {}).get(name)

    def get_or_create(self, org: str, name: str) -> Namespace:
        with self._mutex:
            spaces = self.orgs.setdefault(org, {})
            ns = spaces.get(name)
            if ns is None:
                ns = spaces[name] = Namespace(org, name)
            return ns

    def remove(self, org: str, name: str) -> Namespace | None:
        """Take the namespace out of the table (it is then dropped); the removed one, if any."""
        with self._mutex:
            return self.orgs.get(org, {}).pop(name, None)

    def discard_if_uncommitted(self, ns: Namespace) -> None:
        """Forget a namespace whose first write failed (caller holds its write lock)."""
        with self._mutex:
            if not ns.committed and self.orgs.get(ns.organization, {}).get(ns.name) is ns:
                del self.orgs[ns.organization][ns.name]
                ns.dropped = True

    def committed(self) -> list[Namespace]:
        with self._mutex:
            return [ns for org in self.orgs.values() for ns in org.values() if ns.committed]

    def committed_names(self, org: str) -> list[str]:
        with self._mutex:
            return [name for name, ns in self.orgs.get(org, {}).items() if ns.committed]
