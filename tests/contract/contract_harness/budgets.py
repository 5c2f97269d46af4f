"""How much the contract suites generate, and with which seed.

``make test`` must be reproducible and fast: fixed seeds, small budgets. ``make fuzz`` sets
``TPUF_FUZZ=1`` for the same suites with larger budgets and a random seed (printed in the test
summary; ``TPUF_FUZZ_SEED=<n>`` replays one).
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FIXED_SEED = 20260807


@dataclass(frozen=True)
class Budget:
    fuzz: bool
    seed: int
    # schemathesis `--max-examples`: cases per operation in the fuzzing phase of a server run.
    server_examples: int
    # Steps of one stateful scenario (schemathesis `phases.stateful.max-steps`).
    stateful_steps: int
    # Hypothesis examples per operation pushed through the generated client.
    client_examples: int
    # Hypothesis examples of generated queries compared between the two clients.
    cross_client_examples: int

    def hypothesis_phases(self) -> list:
        """No shrinking in CI: a failure is reported as found (every shrink step is two HTTP calls,
        and a shrinking failure can take minutes); ``make fuzz`` shrinks to a minimal example."""
        from hypothesis import Phase

        phases = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target]
        return [*phases, Phase.shrink] if self.fuzz else phases

    def hypothesis(self, max_examples: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """The settings every contract test driven by hypothesis runs under (applied over ``@given``):
        this budget's seed (derandomized unless fuzzing), no example database, no deadline (each
        example is HTTP round trips), no health checks, and ``hypothesis_phases()``."""
        from hypothesis import HealthCheck, seed, settings

        def apply(test: Callable[..., Any]) -> Callable[..., Any]:
            return settings(
                max_examples=max_examples,
                derandomize=not self.fuzz,
                database=None,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                phases=self.hypothesis_phases(),
            )(seed(self.seed)(test))

        return apply

    def describe(self) -> str:
        mode = "fuzz (TPUF_FUZZ=1)" if self.fuzz else "fixed"
        return (
            f"contract budget: {mode}, seed {self.seed}, server {self.server_examples} examples/operation, "
            f"stateful {self.stateful_steps} steps, client {self.client_examples} examples/operation, "
            f"cross-client {self.cross_client_examples} queries"
        )


def current_budget() -> Budget:
    if os.environ.get("TPUF_FUZZ") == "1":
        seed_text = os.environ.get("TPUF_FUZZ_SEED")
        seed = int(seed_text) if seed_text else random.SystemRandom().randrange(2**31)
        return Budget(
            fuzz=True,
            seed=seed,
            server_examples=300,
            stateful_steps=40,
            client_examples=150,
            cross_client_examples=150,
        )
    return Budget(
        fuzz=False,
        seed=FIXED_SEED,
        server_examples=60,
        stateful_steps=20,
        client_examples=40,
        cross_client_examples=50,
    )
