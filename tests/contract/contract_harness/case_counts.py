"""The number of generated cases per operation, per suite, for the pytest terminal summary.

The issue's "done when" asks for it in the test summary: a suite that silently generated
nothing for an operation would otherwise look green.
"""

from __future__ import annotations

from collections import defaultdict

# suite -> operation label -> breakdown key (phase/mode, or "cases") -> count
_COUNTS: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
_NOTES: list[str] = []


def record(suite: str, operation: str, key: str = "cases", count: int = 1) -> None:
    _COUNTS[suite][operation][key] += count


def record_run(suite: str, case_counts: dict[str, dict[str, int]]) -> None:
    for operation, breakdown in case_counts.items():
        for key, count in breakdown.items():
            record(suite, operation, key, count)


def note(line: str) -> None:
    if line not in _NOTES:
        _NOTES.append(line)


def render() -> list[str]:
    lines = list(_NOTES)
    for suite in sorted(_COUNTS):
        operations = _COUNTS[suite]
        total = sum(sum(b.values()) for b in operations.values())
        lines.append(f"{suite}: {total} cases over {len(operations)} operations")
        width = max(len(op) for op in operations)
        for operation in sorted(operations):
            breakdown = operations[operation]
            detail = ", ".join(f"{key} {count}" for key, count in sorted(breakdown.items()))
            lines.append(f"  {operation:<{width}}  {sum(breakdown.values()):>5}  ({detail})")
    return lines
