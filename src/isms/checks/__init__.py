"""Stage 3: checks. Each module is a pure function; the registry is this dict literal."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from isms.checks import (
    applicability,
    cadence,
    claims,
    codeowners,
    cycle,
    dates,
    due_dates,
    effectiveness,
    evidence_freshness,
    evidence_integrity,
    evidence_trust,
    history,
    management,
    mapping,
    ownership,
    risks,
    signed_commits,
    suppliers,
)
from isms.checks.base import Check
from isms.findings import Finding, Severity
from isms.model.config import RuleLevel
from isms.model.repository import Repository
from isms.state.assessment import Assessment

CHECKS: dict[str, Check] = {
    "evidence-freshness": evidence_freshness.check,
    "evidence-integrity": evidence_integrity.check,
    "evidence-trust": evidence_trust.check,
    "claims": claims.check,
    "applicability": applicability.check,
    "ownership": ownership.check,
    "mapping": mapping.check,
    "effectiveness": effectiveness.check,
    "history": history.check,
    "dates": dates.check,
    "due-dates": due_dates.check,
    "cadence": cadence.check,
    "codeowners": codeowners.check,
    "signed-commits": signed_commits.check,
    "risks": risks.check,
    "cycle": cycle.check,
    "management": management.check,
    "suppliers": suppliers.check,
}

#: Problems in the files themselves: they cannot be lowered or turned off.
FIXED_RULES = frozenset({"yaml-syntax", "yaml-duplicate-key", "yaml-alias", "encoding", "empty-file", "path-escape"})


def apply_levels(findings: Iterable[Finding], levels: dict[str, RuleLevel]) -> list[Finding]:
    """Raise, lower or drop findings per the `rules` of isms.yaml."""
    adjusted = []
    for finding in findings:
        level = levels.get(finding.rule)
        if level is None or finding.rule in FIXED_RULES:
            adjusted.append(finding)
        elif level != "off":
            adjusted.append(replace(finding, severity=Severity(level)))
    return adjusted


def run_checks(repo: Repository, ctx: Assessment) -> list[Finding]:
    """Run every check and return the findings, unplaced (positions are resolved by the caller)."""
    return [finding for check in CHECKS.values() for finding in check(repo, ctx)]
