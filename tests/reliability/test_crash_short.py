"""The short version of ``make crash-test``: a few SIGKILL/restart cycles of a durable emulator."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

from .conftest import FUZZ

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "crash_test.py"


def _crash_test_module():
    spec = importlib.util.spec_from_file_location("crash_test", _SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_test"] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def test_acknowledged_writes_survive_sigkill(tmp_path):
    crash_test = _crash_test_module()
    seed = random.randrange(1 << 30)
    cycles = 15 if FUZZ else 4
    try:
        report = crash_test.run(cycles, seed, tmp_path, max_run_s=0.8)
    except crash_test.CrashTestFailure as exc:
        raise AssertionError(f"crash test failed with seed {seed}: {exc}") from None
    assert report.cycles == cycles
    assert report.acknowledged > 0, "no write was acknowledged: the test did not exercise anything"
