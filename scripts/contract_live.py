"""`make contract-live`: check the spec against the hosted turbopuffer service.

Runs the positive, non-destructive part of the contract suite (schemathesis, every read
operation, all response checks) against https://{TURBOPUFFER_REGION}.turbopuffer.com:

1. writes a few seed documents into fresh namespaces under a unique prefix
   (``tpuf-contract-<utc time>-<random>-``), so reads reach real data;
2. runs schemathesis in positive mode over the read operations only (query, explain, metadata,
   schema, listing, cache warm, recall, ...). A hook pins every case to the prefix, so no request
   ever names a namespace this run did not create (listing is forced to ``prefix=<prefix>``);
3. deletes every namespace under the prefix, also when the run fails or is interrupted.

Without TURBOPUFFER_API_KEY it explains what it needs and exits 0 without contacting anything.
TURBOPUFFER_BASE_URL (a plain URL, as the official client reads it) replaces the region URL,
e.g. to rehearse against `make serve`. Reports: build/reports/contract-live/.
Exit code: 0 when the hosted service conforms to the spec, 1 when schemathesis found a
disagreement (see the report), 2 when the run itself could not be done.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests" / "contract"))

from contract_harness.budgets import current_budget  # noqa: E402
from contract_harness.paths import REPORTS_DIR  # noqa: E402
from contract_harness.runner import run_schemathesis  # noqa: E402
from contract_harness.seed_data import http_client, seed_all, seed_namespaces  # noqa: E402
from contract_harness.spec_operations import spec_operations  # noqa: E402

# POST operations that only read; every GET is read-only too.
READ_ONLY_POSTS = {"query", "explainQuery", "recall"}
PREFIX_ROOT = "tpuf-contract-"

NEEDS = """\
make contract-live checks spec/turbopuffer.yaml against the hosted turbopuffer API.
It needs:
  TURBOPUFFER_API_KEY   an API key (it creates and deletes namespaces named tpuf-contract-*,
                        so the key needs write access; listing needs list/admin permission)
  TURBOPUFFER_REGION    the region to test, e.g. gcp-us-central1 (https://<region>.turbopuffer.com)
                        or TURBOPUFFER_BASE_URL=<url> instead of a region
Example:
  TURBOPUFFER_API_KEY=tpuf_... TURBOPUFFER_REGION=gcp-us-central1 make contract-live
Nothing was run."""


def read_only_operation_ids() -> list[str]:
    return [
        op.operation_id
        for op in spec_operations()
        if not op.destructive or op.operation_id in READ_ONLY_POSTS
    ]


def base_url_from_env() -> str | None:
    explicit = os.environ.get("TURBOPUFFER_BASE_URL")
    if explicit:
        return explicit.rstrip("/")
    region = os.environ.get("TURBOPUFFER_REGION")
    return f"https://{region}.turbopuffer.com" if region else None


def unique_prefix() -> str:
    return f"{PREFIX_ROOT}{time.strftime('%Y%m%dt%H%M%S', time.gmtime())}-{secrets.token_hex(3)}-"


def delete_prefixed_namespaces(base_url: str, api_key: str, prefix: str) -> list[str]:
    """Delete every namespace whose name starts with ``prefix`` (and only those)."""
    assert prefix.startswith(PREFIX_ROOT) and len(prefix) > len(PREFIX_ROOT)
    deleted: list[str] = []
    with http_client(base_url, api_key) as client:
        cursor = None
        names: list[str] = []
        while True:
            params = {"prefix": prefix, "page_size": 100, **({"cursor": cursor} if cursor else {})}
            page = client.get("/v1/namespaces", params=params)
            page.raise_for_status()
            body = page.json()
            names += [entry["id"] for entry in body.get("namespaces", []) if entry["id"].startswith(prefix)]
            cursor = body.get("next_cursor")
            if not cursor:
                break
        for name in names:
            answer = client.delete(f"/v2/namespaces/{name}")
            if answer.status_code in (200, 404):
                deleted.append(name)
            else:
                print(f"could not delete {name}: {answer.status_code} {answer.text[:200]}", file=sys.stderr)
    return deleted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples", type=int, default=None, help="cases per operation (default: the budget's)"
    )
    args = parser.parse_args(argv)

    api_key = os.environ.get("TURBOPUFFER_API_KEY")
    base_url = base_url_from_env()
    if not api_key or not base_url:
        print(NEEDS)
        return 0

    budget = current_budget()
    if args.examples is not None:
        from dataclasses import replace

        budget = replace(budget, server_examples=args.examples)
    prefix = unique_prefix()
    seeds = seed_namespaces(prefix)
    report_dir = REPORTS_DIR / "contract-live"
    print(f"contract-live against {base_url}, namespaces under {prefix!r}; {budget.describe()}", flush=True)
    try:
        seed_all(base_url, api_key, seeds)
        result = run_schemathesis(
            name="live",
            base_url=base_url,
            api_key=api_key,
            budget=budget,
            report_dir=report_dir,
            mode="positive",
            phases=("examples", "coverage", "fuzzing"),
            seeded_namespaces=[seed.name for seed in seeds],
            live_prefix=prefix,
            include_operation_ids=read_only_operation_ids(),
            sanitize_output=True,
        )
    except Exception as exc:  # noqa: BLE001 - any failure to run is reported, then cleaned up
        print(f"contract-live could not run: {exc!r}", file=sys.stderr)
        return 2
    finally:
        try:
            deleted = delete_prefixed_namespaces(base_url, api_key, prefix)
            print(f"cleaned up {len(deleted)} namespace(s) under {prefix!r}", flush=True)
        except Exception as exc:  # noqa: BLE001 - say what is left behind, never hide the run's verdict
            print(
                f"cleanup of namespaces under {prefix!r} failed ({exc!r}); delete them by hand",
                file=sys.stderr,
            )

    print(result.output[-6000:])
    print(result.summary())
    for label, counts in sorted(result.case_counts.items()):
        print(f"  {label}: {sum(counts.values())} cases")
    print(f"reports: {result.junit_path} and {report_dir}")
    outside = result.check_hits.get("live_prefix_violation", 0)
    if outside:
        print(
            f"{outside} request(s) named a namespace outside {prefix!r}: the prefix pin failed",
            file=sys.stderr,
        )
        return 2
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
