"""Compare two evaluations of an ISMS: the JSON contract of `isms diff` (version 1).

Pure: it takes two :class:`~isms.evaluation.Evaluation` objects and returns data.
A finding is identified by rule, path, control and message, never by line, so a
finding that only moved is neither new nor fixed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypedDict

from isms.evaluation import Evaluation
from isms.findings import Finding, count
from isms.metrics.types import CoverageNumbers, FrameworkCoverage, RequirementStanding
from isms.report.json import FindingJson, finding_json
from isms.state.evidence import STATE_ORDER, EvidenceState

#: States a reviewer must notice when evidence enters them.
ATTENTION = (
    EvidenceState.STALE,
    EvidenceState.EXPIRING,
    EvidenceState.MISSING,
    EvidenceState.TAMPERED,
    EvidenceState.UNVERIFIED,
)


class Side(TypedDict):
    """Which commit one side of the comparison is."""

    rev: str
    commit: str


class StatusChange(TypedDict):
    """A requirement whose status changed (`undecided`, `planned`, …, `not-applicable`)."""

    id: str
    base: str
    head: str


class FrameworkDiff(TypedDict):
    """One framework at base and head; ``base``/``head`` are None when it is not in scope there."""

    id: str
    name: str
    name_ja: str | None
    short: str
    base: CoverageNumbers | None
    head: CoverageNumbers | None
    delta: CoverageNumbers | None
    newly_covered: list[str]
    no_longer_covered: list[str]
    status_changes: list[StatusChange]


class EvidenceChange(TypedDict):
    """An evidence item whose state differs; None where it is not declared."""

    path: str
    base: str | None
    head: str | None


class EvidenceDiff(TypedDict):
    """Evidence state counts on both sides and what changed."""

    base: dict[str, int]
    head: dict[str, int]
    delta: dict[str, int]
    added: list[str]
    removed: list[str]
    changes: list[EvidenceChange]
    became: dict[str, list[str]]


class FindingsDiff(TypedDict):
    """Finding totals on both sides, and the findings that appeared or went away."""

    base: dict[str, int]
    head: dict[str, int]
    new: list[FindingJson]
    fixed: list[FindingJson]


class RiskChange(TypedDict):
    """A risk whose current level (residual, else inherent) changed band."""

    id: str
    base: str | None
    head: str | None


class RisksDiff(TypedDict):
    """Risks added, closed (removed) and changed in level."""

    new: list[str]
    closed: list[str]
    level_changes: list[RiskChange]


class DiffDocument(TypedDict):
    """The JSON document of `isms diff --format json`."""

    version: str
    as_of: str
    base: Side
    head: Side
    frameworks: list[FrameworkDiff]
    evidence: EvidenceDiff
    findings: FindingsDiff
    risks: RisksDiff


@dataclass(frozen=True, slots=True)
class Revision:
    """An evaluation and the commit it was made on."""

    rev: str
    commit: str
    evaluation: Evaluation


def _delta(base: FrameworkCoverage, head: FrameworkCoverage) -> CoverageNumbers:
    effectiveness = None
    if base.effectiveness is not None and head.effectiveness is not None:
        effectiveness = round(head.effectiveness - base.effectiveness, 4)
    return {
        "requirements": head.requirements - base.requirements,
        "applicable": head.applicable - base.applicable,
        "implemented": head.implemented - base.implemented,
        "evidenced": head.evidenced - base.evidenced,
        "partial": head.partial - base.partial,
        "planned": head.planned - base.planned,
        "undecided": head.undecided - base.undecided,
        "coverage": round(head.coverage - base.coverage, 4),
        "implemented_ratio": round(head.implemented_ratio - base.implemented_ratio, 4),
        "effectiveness": effectiveness,
        "measures_total": head.measures_total - base.measures_total,
        "measures_met": head.measures_met - base.measures_met,
    }


def _standings(result: Evaluation, framework: str) -> dict[str, RequirementStanding]:
    return {rid: s for (fid, rid), s in result.metrics.standings.items() if fid == framework}


def _framework_diff(fid: str, base: Evaluation, head: Evaluation) -> FrameworkDiff:
    before = next((f for f in base.metrics.frameworks if f.id == fid), None)
    after = next((f for f in head.metrics.frameworks if f.id == fid), None)
    name, name_ja, short = next(
        ((f.name, f.name_ja, f.short) for f in (after, before) if f is not None), (fid, None, fid)
    )
    old, new = _standings(base, fid), _standings(head, fid)
    order = list(dict.fromkeys([*new, *old]))
    covered_before = {rid for rid, s in old.items() if s.evidenced}
    covered_after = {rid for rid, s in new.items() if s.evidenced}
    changes: list[StatusChange] = []
    for rid in order:
        was = old[rid].status if rid in old else "absent"
        now = new[rid].status if rid in new else "absent"
        if was != now:
            changes.append({"id": rid, "base": was, "head": now})
    return {
        "id": fid,
        "name": name,
        "name_ja": name_ja,
        "short": short,
        "base": before.numbers() if before else None,
        "head": after.numbers() if after else None,
        "delta": _delta(before, after) if before and after else None,
        "newly_covered": [rid for rid in order if rid in covered_after - covered_before],
        "no_longer_covered": [rid for rid in order if rid in covered_before - covered_after],
        "status_changes": changes,
    }


def _evidence_diff(base: Evaluation, head: Evaluation) -> EvidenceDiff:
    old = {path: status.state for path, status in base.assessment.evidence.items()}
    new = {path: status.state for path, status in head.assessment.evidence.items()}
    changes: list[EvidenceChange] = [
        {
            "path": path,
            "base": old[path].value if path in old else None,
            "head": new[path].value if path in new else None,
        }
        for path in sorted(old.keys() | new.keys())
        if old.get(path) != new.get(path)
    ]
    became = {
        state.value: sorted(path for path, now in new.items() if now is state and old.get(path) is not state)
        for state in ATTENTION
    }
    keys = ["total", *(state.value for state in STATE_ORDER)]
    return {
        "base": {k: base.metrics.evidence.get(k, 0) for k in keys},
        "head": {k: head.metrics.evidence.get(k, 0) for k in keys},
        "delta": {k: head.metrics.evidence.get(k, 0) - base.metrics.evidence.get(k, 0) for k in keys},
        "added": sorted(new.keys() - old.keys()),
        "removed": sorted(old.keys() - new.keys()),
        "changes": changes,
        "became": became,
    }


def identity(finding: Finding) -> tuple[str, str, str, str]:
    """Return what makes two findings the same across commits: rule, path, control, message."""
    return (finding.rule, finding.path, finding.control or "", finding.message)


def only_in(findings: Sequence[Finding], other: Iterable[Finding]) -> list[Finding]:
    """Return the findings of ``findings`` that ``other`` lacks (as multisets: two equal ones count twice)."""
    remaining = Counter(identity(f) for f in other)
    result = []
    for finding in sorted(findings, key=Finding.sort_key):
        key = identity(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            result.append(finding)
    return result


def _levels(result: Evaluation) -> dict[str, str | None]:
    return {rid: (risk.current.band if risk.current else None) for rid, risk in result.repository.risks.items()}


def _risks_diff(base: Evaluation, head: Evaluation) -> RisksDiff:
    before, after = _levels(base), _levels(head)
    return {
        "new": sorted(set(after) - set(before)),
        "closed": sorted(set(before) - set(after)),
        "level_changes": [
            {"id": rid, "base": before[rid], "head": after[rid]}
            for rid in sorted(set(before) & set(after))
            if before[rid] != after[rid]
        ],
    }


def compare(base: Revision, head: Revision) -> DiffDocument:
    """Return the comparison of two evaluations made with the same ``today``."""
    before, after = base.evaluation, head.evaluation
    scope = dict.fromkeys([*(f.id for f in after.metrics.frameworks), *(f.id for f in before.metrics.frameworks)])
    return {
        "version": "1",
        "as_of": after.assessment.today.isoformat(),
        "base": {"rev": base.rev, "commit": base.commit},
        "head": {"rev": head.rev, "commit": head.commit},
        "frameworks": [_framework_diff(fid, before, after) for fid in scope],
        "evidence": _evidence_diff(before, after),
        "findings": {
            "base": count(before.findings),
            "head": count(after.findings),
            "new": [finding_json(f) for f in only_in(after.findings, before.findings)],
            "fixed": [finding_json(f) for f in only_in(before.findings, after.findings)],
        },
        "risks": _risks_diff(before, after),
    }
