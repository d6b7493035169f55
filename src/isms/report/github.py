"""GitHub Actions: workflow-command annotations and a Markdown job summary.

GitHub shows at most 10 annotations of each type per step (50 per job), so the most
important come first and the full list goes to the job summary (capped at 1 MiB).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from isms.findings import Finding, Severity, count

PER_TYPE = 10
SUMMARY_LIMIT = 1024 * 1024 - 4096


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """Return one `::error file=…,line=…,col=…,title=…::message` command."""
    props = [f"file={_prop(finding.path)}"]
    if finding.line is not None:
        props.append(f"line={finding.line}")
        if finding.column is not None:
            props.append(f"col={finding.column}")
    props.append(f"title={_prop(finding.rule)}")
    return f"::{finding.severity.github_command} {','.join(props)}::{_data(finding.message)}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary_markdown(findings: Sequence[Finding], title: str = "isms check") -> str:
    """Return the job summary: totals, then a table of every finding (cut to fit GitHub's 1 MiB)."""
    totals = count(findings)
    lines = [
        f"## {title}",
        "",
        f"**{totals['errors']}** errors, **{totals['warnings']}** warnings, **{totals['notes']}** notes",
        "",
    ]
    if findings:
        lines += ["| severity | location | rule | message |", "|---|---|---|---|"]
    size = sum(len(line) + 1 for line in lines)
    ordered = sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key()))
    for index, finding in enumerate(ordered):
        row = (
            f"| {finding.severity.value} | `{_cell(finding.location.format())}` | "
            f"`{finding.rule}` | {_cell(finding.message)} |"
        )
        if size + len(row) + 200 > SUMMARY_LIMIT:
            lines.append(f"\n… {len(ordered) - index} more findings not shown (the summary is limited to 1 MiB)")
            break
        lines.append(row)
        size += len(row.encode()) + 1
    return "\n".join(lines) + "\n"


def write(
    findings: Sequence[Finding], out: TextIO, title: str = "isms check", step_summary: Path | None = None
) -> None:
    """Print annotations (errors first) and append the summary to ``step_summary`` when given.

    ``step_summary`` is ``$GITHUB_STEP_SUMMARY`` as gathered (`isms.gather.facts.Environment`):
    this module reads no environment variable.
    """
    for severity in Severity:
        chosen = sorted((f for f in findings if f.severity is severity), key=Finding.sort_key)
        for finding in chosen[:PER_TYPE]:
            out.write(annotation(finding) + "\n")
        if len(chosen) > PER_TYPE:
            out.write(f"::notice title=isms::{len(chosen) - PER_TYPE} more {severity.value}s: see the job summary\n")
    totals = count(findings)
    out.write(f"isms: {totals['errors']} errors, {totals['warnings']} warnings\n")
    if step_summary is not None:
        with step_summary.open("a", encoding="utf-8") as handle:
            handle.write(summary_markdown(findings, title))
