"""Settings of one emulator process, shared by the CLI, the app factory and the test harness."""

from __future__ import annotations

import resource
from dataclasses import dataclass, field
from pathlib import Path

from .deadline import DEFAULT_DEADLINE_MS

DEV_API_KEY = "tpuf-emulator-dev-key"
DEV_ORGANIZATION = "dev"
DEFAULT_PORT = 8787
# The hosted API accepts write batches up to 512 MB; a local emulator keeps the same cap by default.
DEFAULT_MAX_BODY_BYTES = 512 * 1024 * 1024


def parse_api_key(spec: str) -> tuple[str, str]:
    """``KEY`` or ``ORG:KEY`` -> (key, organisation); a bare key belongs to the development organisation.

    Keys are split on the FIRST colon so an organisation name never contains one, while keys may.
    """
    org, sep, key = spec.partition(":")
    if not sep:
        return spec, DEV_ORGANIZATION
    if not org or not key:
        raise ValueError(f"invalid --api-key {spec!r}: expected KEY or ORG:KEY")
    return key, org


def default_max_connections() -> int:
    """The default connection cap: the soft open-file limit less a quarter (at least 64 spare, for
    data files, the listening socket and refusals in progress), at most 4096."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 4096
    return max(1, min(4096, soft - max(64, soft // 4)))


@dataclass
class EmulatorConfig:
    """Everything that changes how one emulator process behaves."""

    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    data_dir: Path | None = None
    # API key -> organisation. Empty means "the single development key".
    api_keys: dict[str, str] = field(default_factory=dict)
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    # Also compact the write-ahead log after this many records (None: only once the log outgrows
    # the last snapshot, see namespaces/registry.py).
    snapshot_every_records: int | None = None
    # Admission control (http/overload.py): the hosted service's 429 behaviour.
    query_concurrency: int = 16  # concurrent queries per namespace
    query_queue_ms: int = 800  # how long a query waits for a slot before 429
    backpressure_bytes: int = 2 * 1000**3  # unapplied-write backlog per namespace before 429
    rate_limit: float | None = None  # requests per second per organisation (None: unlimited)
    # Every query and by-filter write stops after this long (deadline.py): 504, nothing written.
    query_deadline_ms: int = DEFAULT_DEADLINE_MS
    # Connection guards (http/connections.py): read timeouts and a cap on open connections.
    header_timeout_s: float = 10.0  # a request's headers must arrive within this
    body_timeout_s: float = 30.0  # longest pause while a request body arrives
    max_connections: int | None = None  # None: derived from the file-descriptor limit
    # Namespace files (or folders of them) loaded at start-up into the organisation of the first
    # API key (transfer/seed.py); namespaces that already exist are skipped.
    seed_paths: tuple[Path, ...] = ()

    def effective_api_keys(self) -> dict[str, str]:
        return dict(self.api_keys) if self.api_keys else {DEV_API_KEY: DEV_ORGANIZATION}

    @property
    def seed_organization(self) -> str:
        """Where ``--seed`` loads namespaces: the organisation of the first API key."""
        return next(iter(self.effective_api_keys().values()))

    @property
    def uses_dev_key(self) -> bool:
        return not self.api_keys
