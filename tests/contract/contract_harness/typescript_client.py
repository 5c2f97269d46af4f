"""Run scenario steps through the TYPESCRIPT client (generated-ts/), the third client compared.

tests/ts/scenario_runner.ts (compiled with the client by ``tsc``) takes a namespace and a list of
steps on stdin and answers one outcome per step on stdout; one node process runs a whole scenario.
Like the Python adapters, it uses the client's public surface with retries and compression off.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
from collections.abc import Sequence

from tests.support.typescript import ROOT, compile_typescript_tests

from .scenarios import Outcome, Step


class TypeScriptClient:
    name = "TypeScript client"

    def __init__(self, base_url: str, api_key: str) -> None:
        self.base_url = base_url
        self.api_key = api_key
        self.runner = compile_typescript_tests() / "scenario_runner.js"

    def run_all(self, namespace: str, steps: Sequence[Step], prefix: str) -> list[Outcome]:
        request = {
            "baseUrl": self.base_url,
            "apiKey": self.api_key,
            "namespace": namespace,
            "prefix": prefix,
            "steps": [dataclasses.asdict(step) for step in steps],
        }
        run = subprocess.run(
            ["node", str(self.runner)],
            cwd=ROOT,
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr[-3000:]
        answers = json.loads(run.stdout)
        assert len(answers) == len(steps), answers
        return [Outcome(**answer) for answer in answers]
