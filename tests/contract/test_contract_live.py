"""`make contract-live` (scripts/contract_live.py), rehearsed offline.

Without a key it must explain itself and exit 0 without running. With a key and
TURBOPUFFER_BASE_URL pointing at a local emulator (never the hosted service: `make test` only
talks to 127.0.0.1), it must run the read-only suite, touch only its own prefixed namespaces and
delete them afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys

from contract_harness.paths import REPO_ROOT
from contract_harness.seed_data import http_client

SCRIPT = REPO_ROOT / "scripts" / "contract_live.py"


def _env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TURBOPUFFER_")}
    env.update(values)
    return env


def test_without_a_key_it_explains_and_exits_0():
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], env=_env(), capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "TURBOPUFFER_API_KEY" in done.stdout and "Nothing was run" in done.stdout


def test_against_a_local_emulator_it_passes_and_cleans_up(contract_emulator):
    bystander = "bystander-products"
    with http_client(contract_emulator.base_url, contract_emulator.api_key) as client:
        client.post(f"/v2/namespaces/{bystander}", json={"upsert_rows": [{"id": 1, "title": "keep me"}]})
        done = subprocess.run(
            [sys.executable, str(SCRIPT), "--examples", "10"],
            env=_env(
                TURBOPUFFER_API_KEY=contract_emulator.api_key, TURBOPUFFER_BASE_URL=contract_emulator.base_url
            ),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
        assert "cleaned up 2 namespace(s)" in done.stdout, done.stdout[-3000:]
        left = client.get("/v1/namespaces", params={"prefix": "tpuf-contract-"}).json()["namespaces"]
        assert left == [], f"namespaces left behind: {left}"
        rows = client.post(
            f"/v2/namespaces/{bystander}/query",
            json={"rank_by": ["id", "asc"], "top_k": 10, "include_attributes": True},
        ).json()["rows"]
        assert rows == [{"id": 1, "title": "keep me"}], "the run touched a namespace outside its prefix"
