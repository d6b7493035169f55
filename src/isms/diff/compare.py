"""Compare two evaluations of an ISMS: the JSON contract of `isms diff` (version 1).

Pure: each evaluation is first cut down to what a comparison reads (:func:`summarise`: a
:class:`Summary`, small enough to hand over from a forked child, :mod:`isms.diff.sides`), and
:func:`compare` turns two summaries into data. A finding is identified by rule, path, control and
message, never by line, so a finding that only moved is neither new nor fixed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypedDict

from isms.contracts import CoverageNumbers
from isms.evaluation import Evaluation
from isms.files import Tree
from isms.findings import Finding, count
from isms.gather.hashing import sha256_file
from isms.metrics.types import FrameworkCoverage, RequirementStanding
from isms.model.base import Lang
from isms.report.json import FindingJson, finding_json
from isms.state.evidence import STATE_ORDER, EvidenceState, EvidenceStatus

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


class EvidenceRewrite(TypedDict):
    """An evidence item declared on both sides whose content (SHA-256) differs."""

    path: str
    base_sha256: str
    head_sha256: str
    base_date: str
    head_date: str


class EvidenceDiff(TypedDict):
    """Evidence state counts on both sides and what changed (``rewritten``: new content, any state)."""

    base: dict[str, int]
    head: dict[str, int]
    delta: dict[str, int]
    added: list[str]
    removed: list[str]
    changes: list[EvidenceChange]
    became: dict[str, list[str]]
    rewritten: list[EvidenceRewrite]


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


class NonconformitiesDiff(TypedDict):
    """Nonconformities raised, closed and removed, audit findings added, and overdue corrective actions."""

    new: list[str]
    closed: list[str]
    removed: list[str]
    audit_findings: list[str]
    """`audit#finding` of findings recorded in the head and not in the base."""
    overdue_actions: dict[str, int]
    """{"base": n, "head": n}: corrective actions past due and not done."""


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
    nonconformities: NonconformitiesDiff


class EvidenceFacts(NamedTuple):
    """What a comparison reads of one declared evidence item."""

    state: EvidenceState
    date: str
    """The date the item was collected (ISO)."""
    content: str | None
    """SHA-256 of its content: the file as committed, else the hash its attestation found, else the declared one."""


@dataclass(frozen=True, slots=True)
class Summary:
    """What :func:`compare` reads of one revision's evaluation (:func:`summarise`)."""

    rev: str
    commit: str
    today: dt.date
    frameworks: tuple[FrameworkCoverage, ...]
    standings: dict[str, dict[str, RequirementStanding]]
    """Per framework id, the standing of each requirement in scope."""
    evidence_counts: dict[str, int]
    evidence: dict[str, EvidenceFacts]
    findings: tuple[Finding, ...]
    risk_levels: dict[str, str | None]
    """Per risk, the band of its current level (residual, else inherent)."""
    nonconformities: dict[str, str]
    """The status of each nonconformity raised by the day."""
    overdue_actions: int
    audit_findings: frozenset[str]
    """`audit#finding` of the findings of audits performed by the day."""
    titles: dict[tuple[str, str], str] = field(default_factory=dict)
    """Requirement titles by (framework, requirement), in the language the summary was made for."""


def file_contents(result: Evaluation, tree: Tree | None = None) -> dict[str, str]:
    """Return the SHA-256 of every declared evidence file present in the evaluated tree.

    With ``tree`` (the revision read from git objects) each blob is hashed once for both revisions.
    """
    repo = result.repository
    files = {
        path: item.file for path, item in repo.evidence.items() if item.store is None and path in repo.evidence_files
    }
    if tree is None:
        return {path: sha256_file(repo.root / file) for path, file in files.items()}
    hashes = tree.sha256_many(files.values())
    return {path: digest for path, file in files.items() if (digest := hashes[file]) is not None}


def _minus(head: int | None, base: int | None) -> int | None:
    return None if head is None or base is None else head - base


def _delta(base: FrameworkCoverage, head: FrameworkCoverage) -> CoverageNumbers:
    effectiveness = None
    if base.effectiveness is not None and head.effectiveness is not None:
        effectiveness = round(head.effectiveness - base.effectiveness, 4)
    official = None
    if base.official_coverage is not None and head.official_coverage is not None:
        official = round(head.official_coverage - base.official_coverage, 4)
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
        "official_applicable": _minus(head.official_applicable, base.official_applicable),
        "official_evidenced": _minus(head.official_evidenced, base.official_evidenced),
        "official_coverage": official,
        "measures_total": head.measures_total - base.measures_total,
        "measures_met": head.measures_met - base.measures_met,
        "tested": head.tested - base.tested,
        "tested_coverage": round(head.tested_coverage - base.tested_coverage, 4),
    }


def _framework_diff(fid: str, base: Summary, head: Summary) -> FrameworkDiff:
    before = next((f for f in base.frameworks if f.id == fid), None)
    after = next((f for f in head.frameworks if f.id == fid), None)
    name, name_ja, short = next(
        ((f.name, f.name_ja, f.short) for f in (after, before) if f is not None), (fid, None, fid)
    )
    old, new = base.standings.get(fid, {}), head.standings.get(fid, {})
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


def _content(status: EvidenceStatus) -> str | None:
    """Return the SHA-256 of an item's content: as found (file or attestation), else as declared."""
    return status.actual_sha256 or status.item.sha256


def _rewritten(base: Summary, head: Summary) -> list[EvidenceRewrite]:
    """Return the items on both sides whose content changed, with both hashes and dates.

    The content is the file as committed; for a store item, the hash its attestation found, else
    the declared one.
    """
    rewrites: list[EvidenceRewrite] = []
    for path in sorted(base.evidence.keys() & head.evidence.keys()):
        old, new = base.evidence[path], head.evidence[path]
        if old.content is not None and new.content is not None and old.content != new.content:
            rewrites.append(
                {
                    "path": path,
                    "base_sha256": old.content,
                    "head_sha256": new.content,
                    "base_date": old.date,
                    "head_date": new.date,
                }
            )
    return rewrites


def _evidence_diff(base: Summary, head: Summary) -> EvidenceDiff:
    old = {path: facts.state for path, facts in base.evidence.items()}
    new = {path: facts.state for path, facts in head.evidence.items()}
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
        "base": {k: base.evidence_counts.get(k, 0) for k in keys},
        "head": {k: head.evidence_counts.get(k, 0) for k in keys},
        "delta": {k: head.evidence_counts.get(k, 0) - base.evidence_counts.get(k, 0) for k in keys},
        "added": sorted(new.keys() - old.keys()),
        "removed": sorted(old.keys() - new.keys()),
        "changes": changes,
        "became": became,
        "rewritten": _rewritten(base, head),
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


def _risks_diff(base: Summary, head: Summary) -> RisksDiff:
    before, after = base.risk_levels, head.risk_levels
    return {
        "new": sorted(set(after) - set(before)),
        "closed": sorted(set(before) - set(after)),
        "level_changes": [
            {"id": rid, "base": before[rid], "head": after[rid]}
            for rid in sorted(set(before) & set(after))
            if before[rid] != after[rid]
        ],
    }


def _nonconformities_diff(base: Summary, head: Summary) -> NonconformitiesDiff:
    before, after = base.nonconformities, head.nonconformities
    return {
        "new": sorted(set(after) - set(before)),
        "closed": sorted(nid for nid, state in after.items() if state == "closed" and before.get(nid) != "closed"),
        "removed": sorted(set(before) - set(after)),
        "audit_findings": sorted(head.audit_findings - base.audit_findings),
        "overdue_actions": {"base": base.overdue_actions, "head": head.overdue_actions},
    }


def summarise(rev: str, commit: str, result: Evaluation, contents: Mapping[str, str], lang: Lang) -> Summary:
    """Return what :func:`compare` reads of ``result``, the evaluation of ``rev`` (commit ``commit``).

    ``contents`` is the SHA-256 of each declared evidence file as committed (:func:`file_contents`);
    requirement titles are taken in ``lang``.
    """
    repo, ctx, metrics = result.repository, result.assessment, result.metrics
    standings: dict[str, dict[str, RequirementStanding]] = {}
    for (fid, rid), standing in metrics.standings.items():
        standings.setdefault(fid, {})[rid] = standing
    evidence = {
        path: EvidenceFacts(status.state, status.item.date.isoformat(), contents.get(path) or _content(status))
        for path, status in ctx.evidence.items()
    }
    audits = repo.audits.values()
    return Summary(
        rev=rev,
        commit=commit,
        today=ctx.today,
        frameworks=tuple(metrics.frameworks),
        standings=standings,
        evidence_counts=dict(metrics.evidence),
        evidence=evidence,
        findings=tuple(result.findings),
        risk_levels={rid: (risk.current.band if risk.current else None) for rid, risk in repo.risks.items()},
        nonconformities={
            nid: nc.status(ctx.cutoff) for nid, nc in repo.nonconformities.items() if ctx.counts(nc.doc.raised)
        },
        overdue_actions=sum(len(nc.overdue(ctx.today, ctx.cutoff)) for nc in repo.nonconformities.values()),
        audit_findings=frozenset(
            f"{a.id}#{f.id}" for a in audits if a.performed_by(ctx.cutoff) for f in a.doc.findings
        ),
        titles={
            (framework.id, rid): requirement.title.get(lang)
            for framework in repo.frameworks.values()
            for rid, requirement in framework.requirements.items()
        },
    )


def compare(base: Summary, head: Summary) -> DiffDocument:
    """Return the comparison of two revisions' summaries made with the same ``today``."""
    scope = dict.fromkeys([*(f.id for f in head.frameworks), *(f.id for f in base.frameworks)])
    return {
        "version": "1",
        "as_of": head.today.isoformat(),
        "base": {"rev": base.rev, "commit": base.commit},
        "head": {"rev": head.rev, "commit": head.commit},
        "frameworks": [_framework_diff(fid, base, head) for fid in scope],
        "evidence": _evidence_diff(base, head),
        "findings": {
            "base": count(base.findings),
            "head": count(head.findings),
            "new": [finding_json(f) for f in only_in(head.findings, base.findings)],
            "fixed": [finding_json(f) for f in only_in(base.findings, head.findings)],
        },
        "risks": _risks_diff(base, head),
        "nonconformities": _nonconformities_diff(base, head),
    }
