"""Findings as JSON: the contract CI and other tools read."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any, TextIO

from isms.contracts import CheckDocument, FindingJson, FindingsDocument, Summary
from isms.findings import Finding, count

__all__ = ["FindingJson", "check_document", "finding_json", "findings_document", "summary", "write"]


def finding_json(finding: Finding) -> FindingJson:
    """Return the JSON form of a finding."""
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
        "message_ja": finding.message_ja,
        "control": finding.control,
        "framework": finding.framework,
    }


def summary(findings: Sequence[Finding]) -> Summary:
    """Return the number of errors, warnings and notes."""
    totals = count(findings)
    return {"errors": totals["errors"], "warnings": totals["warnings"], "notes": totals["notes"]}


def findings_document(findings: Sequence[Finding]) -> FindingsDocument:
    """Return the contract of `isms validate --format json`: the findings, sorted, and their summary."""
    return {
        "version": "1",
        "findings": [finding_json(f) for f in sorted(findings, key=Finding.sort_key)],
        "summary": summary(findings),
    }


def check_document(findings: Sequence[Finding], as_of: dt.date, commit: str | None) -> CheckDocument:
    """Return the contract of `isms check --format json`: the findings as of a day, at a commit."""
    document = findings_document(findings)
    return {**document, "as_of": as_of.isoformat(), "commit": commit}


def write(document: Any, out: TextIO) -> None:
    """Write a JSON document, UTF-8 kept readable, with a final newline."""
    out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
