"""The uvicorn server of one emulator: the app, its connection guards and its listen backlog.

Shared by the ``tpuf-emulator`` command (``cli.py``) and the launcher's thread mode
(``launcher.py``), so an emulator behaves the same on the wire however it was started. Whatever an
emulator does at start-up (recovery, loading ``--seed`` data) belongs here or in ``create_app``,
not in ``cli.main``, or emulators started in a thread would not do it.
"""

from __future__ import annotations

from collections.abc import Callable

import uvicorn
from starlette.types import ASGIApp

from .config import EmulatorConfig
from .http import create_app
from .http.connections import ConnectionLimits, guarded_protocol

# Connections waiting in the kernel to be accepted, which is also how many the event loop accepts in
# one go. uvicorn's 2048 let a connection flood queue thousands of connections ahead of everyone
# else's and stall the loop accepting them (another organisation's p99 ~700 ms under 1,100 idle
# connections, against ~45 ms with 128: benchmarks/hostile_bench.py).
LISTEN_BACKLOG = 128


def build_server(
    config: EmulatorConfig,
    *,
    log_level: str | None,
    wrap_app: Callable[[ASGIApp], ASGIApp] | None = None,
) -> uvicorn.Server:
    """Open the registry (recovering ``config.data_dir``) and return the server, not yet running.

    Raises ``storage.StorageError`` when the data directory cannot be used. ``log_level`` None
    leaves the process's logging configuration alone (an emulator in a thread of someone else's
    process). ``wrap_app`` wraps the app in ASGI middleware first (the contract suite's mutants).
    """
    app: ASGIApp = create_app(config)
    if wrap_app is not None:
        app = wrap_app(app)
    limits = ConnectionLimits(config.header_timeout_s, config.body_timeout_s, config.max_connections)
    return uvicorn.Server(
        uvicorn.Config(
            app,
            host=config.host,
            port=config.port,
            log_level=log_level,
            log_config=None,
            access_log=False,
            http=guarded_protocol(limits),
            backlog=LISTEN_BACKLOG,
        )
    )
