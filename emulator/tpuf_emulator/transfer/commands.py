"""The ``tpuf-emulator import`` and ``tpuf-emulator export`` subcommands.

Both talk to a running server (the emulator, or any turbopuffer URL) over the public HTTP API.
Every failure is one line on stderr and exit status 1 (2 for a wrong command line): no traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..config import DEFAULT_PORT, DEV_API_KEY
from .files import FORMATS, SUFFIXES, format_of, open_all, write_file
from .header import TransferError, check_namespace
from .progress import progress
from .remote import DEFAULT_PAGE_SIZE, IF_EXISTS, Remote, export_namespace, import_namespace

LOCAL_URL = f"http://127.0.0.1:{DEFAULT_PORT}"

EXPORT_HELP = f"""\
Write namespaces of a running server to files, one per namespace: JSON Lines (a header line
{{"version", "namespace", "distance_metric", "schema"}}, then one upsert_rows row per line) or
Parquet (one column per attribute, vectors as fixed-size-list<float32>, the header in the file's
key-value metadata). The server is --url (default $TURBOPUFFER_BASE_URL, else {LOCAL_URL}) with
--api-key (default $TURBOPUFFER_API_KEY, else the emulator's development key); any turbopuffer
URL works, so this also exports from the hosted service."""

IMPORT_HELP = f"""\
Load namespace files (.jsonl / .parquet as `tpuf-emulator export` writes them; a folder means
every such file in it) into a running server, or with --from-hosted copy a namespace of the
hosted service (--hosted-url, default https://$TURBOPUFFER_REGION.turbopuffer.com, key
--hosted-api-key, default $TURBOPUFFER_API_KEY) into the emulator (then --url defaults to {LOCAL_URL}
and --api-key to the development key, never to the TURBOPUFFER_* variables, which name the
hosted service). A namespace that already exists is refused unless --if-exists says otherwise;
an import that fails part-way deletes the namespace it created."""


def _server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", default=None, help="server to talk to (see above)")
    parser.add_argument("--api-key", default=None, help="API key for --url (see above)")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bars (they only show on a terminal)"
    )


def _page_size(text: str) -> int:
    value = int(text)
    if not 1 <= value <= DEFAULT_PAGE_SIZE:
        raise argparse.ArgumentTypeError(f"must be between 1 and {DEFAULT_PAGE_SIZE}")
    return value


def add_subcommands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser(
        "export", help="write namespaces to .jsonl / .parquet files", description=EXPORT_HELP
    )
    export.add_argument("namespaces", nargs="*", metavar="NAMESPACE", help="namespaces to export")
    export.add_argument("--all", action="store_true", help="export every namespace the key can list")
    export.add_argument(
        "-o", "--out", type=Path, default=Path("."),
        help="a .jsonl/.parquet file (one namespace), or a folder for <namespace>.<format> files (default: .)",
    )  # fmt: skip
    export.add_argument(
        "--format", choices=sorted(SUFFIXES), default=None, help="file format in a folder (default jsonl)"
    )
    export.add_argument(
        "--page-size", type=_page_size, default=DEFAULT_PAGE_SIZE, help="rows per query (default 10000)"
    )
    _server_options(export)

    load = subparsers.add_parser(
        "import",
        help="load .jsonl / .parquet files (or a hosted namespace) into a server",
        description=IMPORT_HELP,
    )
    load.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="namespace files or folders of them"
    )
    load.add_argument("--from-hosted", metavar="NAMESPACE", default=None, help="copy this hosted namespace")
    load.add_argument("--hosted-url", default=None, help="the hosted service (see above)")
    load.add_argument("--hosted-api-key", default=None, help="API key for the hosted service (see above)")
    load.add_argument(
        "--namespace", default=None, help="import under this name (one file or --from-hosted only)"
    )
    load.add_argument(
        "--if-exists", choices=IF_EXISTS, default="error",
        help="when the namespace already exists: error (default), skip it, or replace it (delete first)",
    )  # fmt: skip
    load.add_argument(
        "--page-size",
        type=_page_size,
        default=DEFAULT_PAGE_SIZE,
        help="rows per hosted query (default 10000)",
    )
    _server_options(load)


def _target(args: argparse.Namespace, *, use_env: bool) -> Remote:
    env = os.environ if use_env else {}
    url = args.url or env.get("TURBOPUFFER_BASE_URL") or LOCAL_URL
    key = args.api_key or env.get("TURBOPUFFER_API_KEY") or DEV_API_KEY
    return Remote(url, key)


def run_export(args: argparse.Namespace) -> int:
    if bool(args.namespaces) == bool(args.all):
        raise TransferError("name the namespaces to export, or pass --all")
    out: Path = args.out
    single = out.suffix.lower() in FORMATS
    if single and (args.all or len(args.namespaces) != 1):
        raise TransferError(
            f"--out {out} is one file: export exactly one namespace into it (or give a folder)"
        )
    if single and args.format and format_of(out) != args.format:
        raise TransferError(f"--out {out} is a {format_of(out)} file but --format says {args.format}")
    with _target(args, use_env=True) as remote:
        names = remote.namespaces() if args.all else [check_namespace(n, "export") for n in args.namespaces]
        if not single:
            out.mkdir(parents=True, exist_ok=True)
        for name in names:
            path = out if single else out / f"{name}{SUFFIXES[args.format or 'jsonl']}"
            export = export_namespace(remote, name, args.page_size)
            with progress(f"export {name}", export.approx_rows, quiet=args.quiet) as advance:
                count = write_file(path, export.header, export.rows, advance)
            print(f"exported namespace {name!r} ({count} rows) to {path}", flush=True)
    return 0


def _hosted_source(args: argparse.Namespace) -> Remote:
    url = args.hosted_url
    if not url:
        region = os.environ.get("TURBOPUFFER_REGION")
        if not region:
            raise TransferError("--from-hosted needs --hosted-url or the TURBOPUFFER_REGION variable")
        url = f"https://{region}.turbopuffer.com"
    key = args.hosted_api_key or os.environ.get("TURBOPUFFER_API_KEY")
    if not key:
        raise TransferError("--from-hosted needs --hosted-api-key or the TURBOPUFFER_API_KEY variable")
    return Remote(url, key)


def run_import(args: argparse.Namespace) -> int:
    if args.from_hosted is not None:
        if args.paths:
            raise TransferError("give files to import, or --from-hosted NAMESPACE, not both")
        return _import_hosted(args)
    if not args.paths:
        raise TransferError("name the files or folders to import (or --from-hosted NAMESPACE)")
    files = open_all(args.paths)
    if args.namespace is not None and len(files) != 1:
        raise TransferError(f"--namespace renames one file's namespace, but {len(files)} files are given")
    with _target(args, use_env=True) as remote:
        for file in files:
            header = file.header.renamed(args.namespace) if args.namespace else file.header
            with progress(f"import {header.namespace}", file.row_count(), quiet=args.quiet) as advance:
                result = import_namespace(
                    remote,
                    header,
                    file.rows(),
                    if_exists=args.if_exists,
                    source=str(file.path),
                    advance=advance,
                )
            _report(result.namespace, result.rows, result.skipped, str(file.path), remote.url)
    return 0


def _import_hosted(args: argparse.Namespace) -> int:
    name = check_namespace(args.from_hosted, "--from-hosted")
    with _hosted_source(args) as source, _target(args, use_env=False) as target:
        if source.url == target.url:
            raise TransferError(f"--from-hosted reads and writes the same server ({target.url}); give --url")
        export = export_namespace(source, name, args.page_size)
        header = export.header.renamed(args.namespace) if args.namespace else export.header
        with progress(f"import {header.namespace}", export.approx_rows, quiet=args.quiet) as advance:
            result = import_namespace(
                target,
                header,
                export.rows,
                if_exists=args.if_exists,
                source=f"{source.url} {name!r}",
                advance=advance,
            )
        _report(result.namespace, result.rows, result.skipped, f"{source.url} namespace {name!r}", target.url)
    return 0


def _report(name: str, rows: int, skipped: bool, source: str, url: str) -> None:
    if skipped:
        print(f"skipped namespace {name!r}: it already exists at {url}", flush=True)
    elif rows == 0:
        print(f"{source} has no rows: namespace {name!r} not created (a namespace exists from its first row)")
    else:
        print(f"imported {source} into namespace {name!r} at {url} ({rows} rows)", flush=True)


def run(command: str, args: argparse.Namespace) -> int:
    """Run one subcommand; a failure is one line on stderr and exit status 1."""
    try:
        return run_export(args) if command == "export" else run_import(args)
    except TransferError as exc:
        print(f"tpuf-emulator {command}: {exc}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        print(f"tpuf-emulator {command}: interrupted", file=sys.stderr, flush=True)
        return 130
