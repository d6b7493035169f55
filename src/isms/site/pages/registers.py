"""The evidence register and the findings page."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from isms.findings import Finding, Severity
from isms.model.evidence import CLASS_ORDER
from isms.site.pages.basics import Attribute
from isms.site.pages.common import EVIDENCE, FINDINGS, Context, finding_sort
from isms.site.pages.cycle import audit_finding_counts
from isms.site.pages.dashboard import EVIDENCE_STATES
from isms.site.pages.types import EvidencePage, FindingGroup, FindingsPage


def evidence_page(ctx: Context) -> EvidencePage:
    """Return the register of all evidence, sorted by path."""
    rows = tuple(ctx.evidence_row(path) for path in sorted(ctx.ev.assessment.evidence))
    states = Counter(row.state for row in rows)
    classes = Counter(row.classification for row in rows)
    return EvidencePage(
        path=EVIDENCE,
        title=ctx.t("evidence_register"),
        rows=rows,
        filters=(
            Attribute("state", ctx.t("state"), tuple(s for s in EVIDENCE_STATES if states[s])),
            Attribute("class", ctx.t("class"), tuple(c for c in CLASS_ORDER if classes[c])),
        ),
    )


def _group_key(finding: Finding) -> tuple[int, str]:
    # Findings about a control first (by control), then those about a file only (by path).
    return (0, finding.control) if finding.control else (1, finding.path)


def findings_page(ctx: Context) -> FindingsPage:
    """Return every finding, by severity, then by control (or by file when no control is concerned)."""
    severities = []
    for severity in Severity:
        of_severity = sorted((f for f in ctx.ev.findings if f.severity is severity), key=finding_sort)
        if not of_severity:
            continue
        groups = []
        for (kind, name), members in groupby(sorted(of_severity, key=_group_key), key=_group_key):
            listed = sorted(members, key=finding_sort)
            rows = tuple(ctx.finding_row(f) for f in listed)
            control = rows[0].control if kind == 0 else None
            label = f"{control.group} {control.label} {control.title}" if control is not None else name
            groups.append(FindingGroup(label, control, rows))
        severities.append((severity.value, tuple(groups)))
    return FindingsPage(
        path=FINDINGS,
        title=ctx.t("findings"),
        severities=tuple(severities),
        audit_findings=audit_finding_counts(ctx),
    )
