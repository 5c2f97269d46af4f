"""The ``tpuf-emulator`` command: parse options, print how to connect, serve with uvicorn.

``tpuf-emulator [options]`` and ``tpuf-emulator serve [options]`` run the server;
``tpuf-emulator import ...`` / ``export ...`` move namespaces to and from files
(``transfer/commands.py``, imported only for those commands).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import logfilter
from .config import (
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_PORT,
    DEV_API_KEY,
    EmulatorConfig,
    default_max_connections,
    parse_api_key,
)

TRANSFER_COMMANDS = ("import", "export")

COMMANDS_EPILOG = """\
commands:
  tpuf-emulator [serve] [options]  run the server (the options above; `serve` may be left out)
  tpuf-emulator export ...         write namespaces of a running server to .jsonl / .parquet files
  tpuf-emulator import ...         load such files, or a hosted namespace (--from-hosted), into a server
see `tpuf-emulator export --help` and `tpuf-emulator import --help`."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tpuf-emulator",
        description="A local, durable emulator of the turbopuffer HTTP API.",
        epilog=COMMANDS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"TCP port (default {DEFAULT_PORT})")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="directory for the write-ahead log and snapshots; without it everything lives in memory",
    )
    parser.add_argument(
        "--seed",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="load namespace files (.jsonl / .parquet as `tpuf-emulator export` writes them, or a folder "
        "of them) before serving, into the organisation of the first --api-key (repeatable); a "
        "namespace that already exists, e.g. in --data-dir from an earlier start, is skipped",
    )
    parser.add_argument(
        "--api-key",
        action="append",
        default=[],
        metavar="KEY|ORG:KEY",
        help="accepted API key (repeatable); without any, the development key is accepted and printed",
    )
    parser.add_argument(
        "--max-body-bytes",
        type=int,
        default=DEFAULT_MAX_BODY_BYTES,
        help="largest accepted request body, after gzip decompression (413 above it)",
    )
    parser.add_argument(
        "--rate-limit",
        type=float,
        default=None,
        metavar="N",
        help="answer 429 above N requests per second per organisation (to test client retries; default off)",
    )
    parser.add_argument(
        "--backpressure-bytes",
        type=int,
        default=EmulatorConfig.backpressure_bytes,
        help="429 on upserts/deletes once a namespace's unapplied writes exceed this (default 2 GB)",
    )
    parser.add_argument(
        "--query-concurrency", type=int, default=EmulatorConfig.query_concurrency,
        help="concurrent queries per namespace before queries wait (default 16)",
    )  # fmt: skip
    parser.add_argument(
        "--query-queue-ms", type=int, default=EmulatorConfig.query_queue_ms,
        help="how long a query waits for a slot before 429 (default 800)",
    )  # fmt: skip
    parser.add_argument(
        "--query-deadline-ms", type=int, default=EmulatorConfig.query_deadline_ms, metavar="MS",
        help="stop a query, or the filter scan of a patch_by_filter/delete_by_filter write, after this "
        "long and answer 504 (the write changes nothing); a client that disconnects stops its "
        "request too (default 5000)",
    )  # fmt: skip
    parser.add_argument(
        "--snapshot-every", type=int, default=EmulatorConfig.snapshot_every_records, metavar="RECORDS",
        help="also compact the write-ahead log into a snapshot after this many writes (default: only "
        "once the log is larger than the last snapshot and 64 MiB)",
    )  # fmt: skip
    parser.add_argument(
        "--header-timeout", type=float, default=EmulatorConfig.header_timeout_s, metavar="SECONDS",
        help="close a connection whose request headers are not complete this long after they start "
        "(408; an idle new connection is just closed) (default 10)",
    )  # fmt: skip
    parser.add_argument(
        "--body-timeout", type=float, default=EmulatorConfig.body_timeout_s, metavar="SECONDS",
        help="close a connection whose request body stops arriving for this long (408) (default 30)",
    )  # fmt: skip
    parser.add_argument(
        "--max-connections", type=int, default=None, metavar="N",
        help="answer 503 to new connections above N open ones (default: 3/4 of the open-file limit "
        f"`ulimit -n`, at most 4096; here {default_max_connections()})",
    )  # fmt: skip
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    return parser


def config_from_args(argv: list[str] | None = None) -> tuple[EmulatorConfig, str]:
    args = build_parser().parse_args(argv)
    keys: dict[str, str] = {}
    for spec in args.api_key:
        try:
            key, org = parse_api_key(spec)
        except ValueError as exc:
            build_parser().error(str(exc))
        if keys.get(key, org) != org:
            build_parser().error(
                f"--api-key: one key is given for two organisations ({keys[key]!r} and {org!r}); "
                "each key must belong to exactly one organisation"
            )
        keys[key] = org
    for flag in (
        "max_body_bytes",
        "backpressure_bytes",
        "query_concurrency",
        "snapshot_every",
        "max_connections",
        "query_deadline_ms",
    ):
        if getattr(args, flag) is not None and getattr(args, flag) <= 0:
            build_parser().error(f"--{flag.replace('_', '-')} must be positive")
    if args.query_queue_ms < 0 or (args.rate_limit is not None and args.rate_limit <= 0):
        build_parser().error("--query-queue-ms must be >= 0 and --rate-limit positive")
    if not (args.header_timeout > 0 and args.body_timeout > 0):
        build_parser().error("--header-timeout and --body-timeout must be positive")
    config = EmulatorConfig(
        host=args.host,
        port=args.port,
        data_dir=args.data_dir,
        api_keys=keys,
        max_body_bytes=args.max_body_bytes,
        snapshot_every_records=args.snapshot_every,
        query_concurrency=args.query_concurrency,
        query_queue_ms=args.query_queue_ms,
        backpressure_bytes=args.backpressure_bytes,
        rate_limit=args.rate_limit,
        query_deadline_ms=args.query_deadline_ms,
        header_timeout_s=args.header_timeout,
        body_timeout_s=args.body_timeout,
        max_connections=args.max_connections,
        seed_paths=tuple(args.seed),
    )
    return config, args.log_level


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in TRANSFER_COMMANDS:
        return transfer(args)
    if args and args[0] == "serve":
        args = args[1:]
    return serve(args)


def transfer(argv: list[str]) -> int:
    """``tpuf-emulator import ...`` / ``export ...``."""
    from .transfer.commands import add_subcommands, run

    parser = argparse.ArgumentParser(prog="tpuf-emulator")
    add_subcommands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return run(args.command, args)


def serve(argv: list[str]) -> int:
    from .serving import build_server
    from .storage import StorageError
    from .transfer.header import TransferError

    config, log_level = config_from_args(argv)
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logfilter.install()  # uvicorn's loggers propagate here too (log_config=None in serving.py)
    try:
        server = build_server(config, log_level=log_level)
    except StorageError as exc:  # a corrupted or shared data dir: say why, without a traceback
        print(f"tpuf-emulator: cannot start: {exc}", file=sys.stderr, flush=True)
        return 1
    except TransferError as exc:  # a --seed file that cannot be loaded
        print(f"tpuf-emulator: cannot start: --seed: {exc}", file=sys.stderr, flush=True)
        return 1
    where = f"http://{config.host}:{config.port}"
    storage = f"data dir {config.data_dir}" if config.data_dir else "in memory, no --data-dir"
    print(f"tpuf-emulator listening on {where} ({storage})", flush=True)
    if config.uses_dev_key:
        print(f"development API key: {DEV_API_KEY}", flush=True)
        print(f"  export TURBOPUFFER_BASE_URL={where} TURBOPUFFER_API_KEY={DEV_API_KEY}", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:  # a second Ctrl-C while shutting down, as uvicorn.run() allows
        pass
    return 0 if server.started else 3  # uvicorn's STARTUP_FAILURE (e.g. the port is taken)


if __name__ == "__main__":
    sys.exit(main())
