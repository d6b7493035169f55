"""Findings for a person: ``path:line:col: severity: message (rule-id)``."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TextIO

from isms.findings import Finding, count


def line(finding: Finding) -> str:
    """Return the one-line form of a finding."""
    return f"{finding.location.format()}: {finding.severity.value}: {finding.message} ({finding.rule})"


def summary(findings: Sequence[Finding], files: int | None = None) -> str:
    """Return the closing line: how many errors and warnings."""
    totals = count(findings)
    if not findings:
        checked = f" in {files} files" if files is not None else ""
        return f"ok: no problems found{checked}"
    parts = [
        f"{totals['errors']} error{'s' * (totals['errors'] != 1)}",
        f"{totals['warnings']} warning{'s' * (totals['warnings'] != 1)}",
    ]
    if totals["notes"]:
        parts.append(f"{totals['notes']} note{'s' * (totals['notes'] != 1)}")
    return ", ".join(parts)


def write_lines(findings: Sequence[Finding], out: TextIO, files: int | None = None) -> None:
    """Write one line per finding, sorted, then the summary."""
    for finding in sorted(findings, key=Finding.sort_key):
        out.write(line(finding) + "\n")
    out.write(summary(findings, files) + "\n")


def write_grouped(findings: Sequence[Finding], out: TextIO, files: int | None = None) -> None:
    """Write findings grouped under their file, for reading in a terminal."""
    ordered = sorted(findings, key=Finding.sort_key)
    for path, group in groupby(ordered, key=lambda f: f.path):
        out.write(f"{path}\n")
        for finding in group:
            where = f"{finding.line}:{finding.column}" if finding.line and finding.column else str(finding.line or "-")
            out.write(f"  {where:>8}  {finding.severity.value:<7}  {finding.message} ({finding.rule})\n")
    out.write(summary(findings, files) + "\n")
