"""Serving (even with a JSON Lines ``--seed``) never imports pyarrow (~180 ms) or httpx (~90 ms):
only Parquet files and the import/export commands pay for them."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from pathlib import Path
from tpuf_emulator.cli import config_from_args
from tpuf_emulator.http import create_app

config, _ = config_from_args(["--seed", sys.argv[1]])
app = create_app(config)
assert app.state.registry.metadata("dev", "seeded")["approx_row_count"] == 1
print(sorted(m for m in ("pyarrow", "httpx") if m in sys.modules))
"""


def test_serving_with_a_jsonl_seed_imports_neither_pyarrow_nor_httpx(tmp_path):
    seed = tmp_path / "seeded.jsonl"
    seed.write_text('{"namespace": "seeded"}\n{"id": 1, "x": "y"}\n')
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(seed)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
