"""Where the contract harness finds the spec, its configuration and its hooks."""

from __future__ import annotations

from pathlib import Path

HARNESS_DIR = Path(__file__).resolve().parent
CONTRACT_TESTS_DIR = HARNESS_DIR.parent
REPO_ROOT = CONTRACT_TESTS_DIR.parent.parent
SPEC_PATH = REPO_ROOT / "spec" / "turbopuffer.yaml"
# Settings shared by every schemathesis run (checks, auth, warnings); budgets come per run.
SCHEMATHESIS_CONFIG = REPO_ROOT / "schemathesis.toml"
# Loaded by the schemathesis process through SCHEMATHESIS_HOOKS: custom checks and counters.
HOOKS_FILE = HARNESS_DIR / "st_hooks.py"
REPORTS_DIR = REPO_ROOT / "build" / "reports"
