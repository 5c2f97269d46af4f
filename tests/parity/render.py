"""``docs/parity.md`` as Markdown: a summary table, the quick list of differences, one section per kind
of row, and the maintainer's notes. Pure function of the rows and of which tests hold each row."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .catalogue import Row, Section, Status

UNTESTED = "untested"
_BADGE = {
    Status.SAME: "✅ **same as hosted**",
    Status.DIFFERS: "⚠️ **differs**",
    Status.NOT_EMULATED: "❌ **not emulated**",
}
_WHAT = {
    Section.ENDPOINTS: "Operation",
    Section.FIELDS: "Where",
    Section.OPERATORS: "Form",
    Section.BEHAVIOURS: "Behaviour (API reference §)",
}

HEADER = """\
# Parity with the hosted service

<!-- GENERATED FILE: do not edit. Run `make parity` (see tests/parity/generator.py). -->

Where the local emulator stands against the hosted turbopuffer service, feature by feature: every
endpoint, request field and query-language operator of `spec/turbopuffer.yaml`, and the documented
behaviours users rely on. Each row says one of:

* ✅ **same as hosted**: emulated with the hosted service's semantics;
* ⚠️ **differs**: emulated, with a difference the row explains;
* ❌ **not emulated**: needs something only the hosted service has (billing, a real KMS,
  server-side models...); the row says what the emulator does instead.

**Held by** names the tests that hold the row; **untested** means no test is marked for it yet.
This file is written by `make parity`, which runs every test marked for a row and writes the file
only when all of them pass; `tests/parity/test_parity_document.py` fails when it is out of date.

To mark a test as holding a row, add `@pytest.mark.parity("<key>", ...)` to it with the row keys
shown in the tables (`"POST /v2/namespaces/{namespace}/query"`, `"query.rank_by"`, `"Filter.In"`,
`"write-atomic"`), then run `make parity` and commit this file. Statuses and reasons live in
`tests/parity/ledger.yaml`.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _held_by(nodeids: Sequence[str]) -> str:
    return "<br>".join(f"`{_cell(n)}`" for n in nodeids) if nodeids else f"*{UNTESTED}*"


def _summary(rows: Sequence[Row], holders: Mapping[str, Sequence[str]]) -> list[str]:
    lines = [
        "## Summary",
        "",
        "| Section | Rows | same as hosted | differs | not emulated | untested |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for section in [*Section, None]:
        chosen = [r for r in rows if section is None or r.section is section]
        counts = [sum(r.status is status for r in chosen) for status in Status]
        untested = sum(not holders.get(r.key) for r in chosen)
        name = f"[{section.value}](#{_anchor(section.value)})" if section else "**All**"
        lines.append(f"| {name} | {len(chosen)} | " + " | ".join(map(str, [*counts, untested])) + " |")
    return lines


def _anchor(title: str) -> str:
    return "".join(c for c in title.lower().replace(" ", "-") if c.isalnum() or c in "-_")


def _quick_list(rows: Sequence[Row]) -> list[str]:
    lines = ["## What is not emulated or differs, at a glance", ""]
    for status in (Status.NOT_EMULATED, Status.DIFFERS):
        lines.append(f"**{status.value}**:")
        lines.append("")
        for row in rows:
            if row.status is status:
                lines.append(f"* `{row.key}`: {row.why}")
        lines.append("")
    return lines[:-1]


def _section(section: Section, rows: Sequence[Row], holders: Mapping[str, Sequence[str]]) -> list[str]:
    lines = [f"## {section.value}"]
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if row.section is section:
            groups.setdefault(row.group, []).append(row)
    for group, members in groups.items():
        lines += [
            "",
            f"### {group}",
            "",
            f"| Key | {_WHAT[section]} | Status | Notes | Held by |",
            "|---|---|---|---|---|",
        ]
        for row in members:
            cells = [f"`{_cell(row.key)}`", _cell(row.label), _BADGE[row.status], _cell(row.why)]
            lines.append("| " + " | ".join([*cells, _held_by(holders.get(row.key, ()))]) + " |")
    return lines


def render(rows: Sequence[Row], holders: Mapping[str, Sequence[str]]) -> str:
    """The whole document. ``holders`` maps a row key to the sorted test ids that hold it."""
    lines = [HEADER.rstrip("\n"), "", *_summary(rows, holders), "", *_quick_list(rows)]
    for section in Section:
        lines += ["", *_section(section, rows, holders)]
    return "\n".join(lines) + "\n"
