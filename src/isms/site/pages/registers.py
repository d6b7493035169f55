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
from isms.site.pages.types import EvidencePage, EvidencePart, EvidenceRow, FindingGroup, FindingsPage


def _filters(ctx: Context, rows: tuple[EvidenceRow, ...]) -> tuple[Attribute, ...]:
    states = Counter(row.state for row in rows)
    classes = Counter(row.classification for row in rows)
    return (
        Attribute("state", ctx.t("state"), tuple(s for s in EVIDENCE_STATES if states[s])),
        Attribute("class", ctx.t("class"), tuple(c for c in CLASS_ORDER if classes[c])),
    )


def evidence_pages(ctx: Context) -> tuple[EvidencePage, tuple[EvidencePage, ...]]:
    """Return the register of all evidence, sorted by path: one page, or a list of parts and the parts."""
    title = ctx.t("evidence_register")
    by_page: dict[str, list[EvidenceRow]] = {}
    for path, page in ctx.evidence_pages.items():
        by_page.setdefault(page, []).append(ctx.evidence_row(path))
    if set(by_page) <= {EVIDENCE}:
        rows = tuple(by_page.get(EVIDENCE, ()))
        return EvidencePage(path=EVIDENCE, title=title, rows=rows, filters=_filters(ctx, rows)), ()
    parts = []
    summaries = []
    for number, (page, listed) in enumerate(by_page.items(), start=1):
        rows = tuple(listed)
        states = Counter(row.state for row in rows)
        first, last = rows[0].path, rows[-1].path
        summaries.append(
            EvidencePart(page, f"{first} – {last}", first, last, tuple((s, states[s]) for s in EVIDENCE_STATES))
        )
        parts.append(
            EvidencePage(
                path=page,
                title=f"{title} {number}/{len(by_page)}",
                rows=rows,
                filters=_filters(ctx, rows),
                register=EVIDENCE,
            )
        )
    index = EvidencePage(path=EVIDENCE, title=title, rows=(), filters=(), parts=tuple(summaries))
    return index, tuple(parts)


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
