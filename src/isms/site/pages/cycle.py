"""Pages of the management-system cycle: audits, nonconformities, management reviews, objectives.

The audit programme and each audit, the nonconformity register, management reviews with their
input checklist, and objectives with their measures' trends.

Everything is shown as of the as-of day: records dated after it (raised, performed, held, set) are
not there yet, and actions done after it are open.
"""

from __future__ import annotations

from collections import Counter

from isms.model.base import add_duration
from isms.model.cycle import GRADE_TITLES, CorrectiveAction
from isms.model.cycle_records import Audit, Nonconformity
from isms.model.review import INPUTS, ReviewAction
from isms.site.pages.basics import Attribute, Ref
from isms.site.pages.common import Context, control_path, natural_key, risk_path, slug
from isms.site.pages.controls import measure_view
from isms.site.pages.cycle_types import (
    ActionView,
    AuditFindingView,
    AuditPage,
    AuditProgrammePage,
    AuditRow,
    NonconformityRegisterPage,
    NonconformityView,
    ObjectiveMeasureView,
    ObjectivesPage,
    ObjectiveView,
    ReviewInputView,
    ReviewsPage,
    ReviewView,
    TimelineRow,
)
from isms.state.cycle import evaluate_objective

AUDITS = "audits.md"
NONCONFORMITIES = "nonconformities.md"
REVIEWS = "management-reviews.md"
OBJECTIVES = "objectives.md"
NC_STATES = ("nc-open", "nc-actions-done", "nc-closed")


def audit_path(aid: str) -> str:
    """Return the page of an audit."""
    return f"audits/{slug(aid)}.md"


def nc_anchor(nid: str) -> str:
    """Return the anchor of a nonconformity on the register."""
    return f"nc-{slug(nid)}"


def nc_target(nid: str) -> str:
    """Return the link to a nonconformity on the register."""
    return f"{NONCONFORMITIES}#{nc_anchor(nid)}"


def _action(ctx: Context, action: CorrectiveAction | ReviewAction) -> ActionView:
    assessment = ctx.ev.assessment
    done = action.done is not None and assessment.counts(action.done)
    return ActionView(
        title=action.title.get(ctx.lang),
        owner=ctx.owner(action.owner) or action.owner,
        due=action.due.isoformat(),
        done=action.done.isoformat() if done and action.done is not None else "",
        overdue=not done and action.due < assessment.today,
    )


def _audit_state(ctx: Context, audit: Audit) -> str:
    assessment = ctx.ev.assessment
    if audit.performed_by(assessment.cutoff):
        return "performed"
    return "audit-overdue" if audit.doc.planned < assessment.today else "planned"


def audit_row(ctx: Context, audit: Audit) -> AuditRow:
    """Return an audit as the programme lists it (findings only once it was performed)."""
    doc = audit.doc
    state = _audit_state(ctx, audit)
    grades: Counter[str] = Counter(str(f.grade) for f in doc.findings) if state == "performed" else Counter()
    return AuditRow(
        id=audit.id,
        title=doc.title.get(ctx.lang),
        target=audit_path(audit.id),
        kind=doc.kind,
        state=state,
        planned=doc.planned.isoformat(),
        performed=doc.performed.start.isoformat() if state == "performed" and doc.performed else None,
        auditors=", ".join(ctx.owner(a) or a for a in doc.auditors) or (doc.body.get(ctx.lang) if doc.body else "–"),
        grades=tuple((grade, grades[grade]) for grade in GRADE_TITLES if grades[grade]),
    )


def _areas(ctx: Context) -> list[tuple[str, str, set[tuple[str, str]]]]:
    """Return (framework, group label, its requirement keys) for the clauses and Annex A themes."""
    soa = ctx.repo.config.soa_framework
    areas = []
    for fid in (f"{soa}-clauses", soa):
        framework = ctx.repo.frameworks.get(fid)
        if framework is None or fid not in ctx.repo.config.frameworks:
            continue
        for gid, group in framework.groups.items():
            keys = {(fid, r.id) for r in framework.requirements.values() if r.group == gid}
            label = f"{ctx.framework_label(fid)} {gid} {group.title.get(ctx.lang)}"
            areas.append((fid, label, keys))
    return areas


def audit_programme_page(ctx: Context) -> AuditProgrammePage | None:
    """Return the programme, or None without audits and without a programme in isms.yaml."""
    programme = ctx.repo.config.audit_programme
    if not ctx.repo.audits and programme is None:
        return None
    audits = sorted(ctx.repo.audits.values(), key=lambda a: (a.doc.planned, natural_key(a.id)))
    rows = tuple(audit_row(ctx, a) for a in audits)
    if programme is not None:
        end = add_duration(programme.start, programme.length)
        cycle = f"{programme.start.isoformat()} – {end.isoformat()}"
        years = tuple(range(programme.start.year, end.year + 1))
    else:
        cycle = None
        years = tuple(sorted({a.year for a in audits}))
    timeline = []
    for _fid, label, keys in _areas(ctx):
        cells = tuple(
            tuple(
                Ref(a.id, a.doc.title.get(ctx.lang), audit_path(a.id), _audit_state(ctx, a))
                for a in audits
                if a.year == year and keys & set(a.scope)
            )
            for year in years
        )
        timeline.append(TimelineRow(label, cells))
    return AuditProgrammePage(AUDITS, ctx.t("audit_programme"), cycle, years, tuple(timeline), rows)


def _scope_label(ctx: Context, ref: str) -> str:
    framework_id, _, group = ref.rpartition(":")
    framework = ctx.repo.frameworks.get(framework_id)
    if framework is not None and group in framework.groups:
        return f"{ctx.framework_label(framework_id)} {group} {framework.groups[group].title.get(ctx.lang)}"
    return ref


def audit_page(ctx: Context, audit: Audit) -> AuditPage:
    """Return an audit's page: findings once performed, each linked to its requirements and nonconformity."""
    row = audit_row(ctx, audit)
    doc = audit.doc
    index = ctx.ev.repository
    findings = []
    if row.state == "performed":
        for finding in doc.findings:
            keys = [key for ref in finding.requirements if (key := _resolve(ctx, ref)) is not None]
            nc = index.nonconformities.get(finding.nonconformity or "")
            findings.append(
                AuditFindingView(
                    id=finding.id,
                    grade=finding.grade,
                    grade_title=GRADE_TITLES[finding.grade].get(ctx.lang),
                    description=finding.description.get(ctx.lang),
                    requirements=tuple(ctx.req_ref(key) for key in keys),
                    evidence=tuple(ctx.evidence_ref(path) for path in finding.evidence),
                    nonconformity=(
                        Ref(nc.id, nc.doc.title.get(ctx.lang), nc_target(nc.id), _nc_status(ctx, nc))
                        if nc is not None and ctx.ev.assessment.counts(nc.doc.raised)
                        else None
                    ),
                )
            )
    excluded = [key for ref in doc.exclude if (key := _resolve(ctx, ref)) is not None]
    return AuditPage(
        path=row.target,
        title=f"{audit.id} {row.title}",
        row=row,
        body=doc.body.get(ctx.lang) if doc.body else None,
        scope=tuple(_scope_label(ctx, ref) for ref in doc.scope),
        exclude=tuple(ctx.req_ref(key) for key in excluded),
        report=ctx.evidence_ref(doc.report) if doc.report and row.state == "performed" else None,
        findings=tuple(findings),
    )


def _resolve(ctx: Context, ref: str) -> tuple[str, str] | None:
    framework, _, rid = ref.rpartition(":")
    if framework:
        return (framework, rid) if (framework, rid) in ctx.repo.controls or framework in ctx.repo.frameworks else None
    matches = [key for key in ctx.repo.controls if key[1] == rid]
    preferred = [key for key in matches if key[0] == ctx.repo.config.soa_framework]
    chosen = preferred or matches
    return chosen[0] if chosen else None


def _nc_status(ctx: Context, nc: Nonconformity) -> str:
    """Return ``nc-open``, ``nc-actions-done`` or ``nc-closed`` (the site's label and badge keys)."""
    return f"nc-{nc.status(ctx.ev.assessment.cutoff)}"


def nonconformity_view(ctx: Context, nc: Nonconformity) -> NonconformityView:
    """Return a nonconformity with its handling as of the as-of day."""
    doc = nc.doc
    assessment = ctx.ev.assessment
    status = _nc_status(ctx, nc)
    actions = tuple(_action(ctx, a) for a in doc.actions)
    overdue = any(a.overdue for a in actions)
    source = doc.source
    source_ref = None
    if source.kind == "audit" and source.ref in ctx.repo.audits:
        label = f"{source.ref} {source.finding}" if source.finding else source.ref
        source_ref = Ref(label, ctx.repo.audits[source.ref].doc.title.get(ctx.lang), audit_path(source.ref))
    elif source.ref:
        source_ref = Ref(source.ref, source.ref, None)
    review = doc.effectiveness
    effectiveness = None
    if review is not None and assessment.counts(review.date):
        effectiveness = (ctx.owner(review.by) or review.by, review.date.isoformat(), review.result)
    grade = GRADE_TITLES[doc.grade].get(ctx.lang) if doc.grade else None
    return NonconformityView(
        id=nc.id,
        anchor=nc_anchor(nc.id),
        title=doc.title.get(ctx.lang),
        status=status,
        overdue=overdue,
        source=source.kind,
        source_ref=source_ref,
        grade=grade,
        owner=ctx.owner(doc.owner) or doc.owner,
        raised=doc.raised.isoformat(),
        closed=doc.closed.isoformat() if status == "nc-closed" and doc.closed else None,
        description=doc.description.get(ctx.lang) if doc.description else None,
        correction=doc.correction.get(ctx.lang) if doc.correction else None,
        root_cause=doc.root_cause.get(ctx.lang) if doc.root_cause else None,
        requirements=tuple(ctx.req_ref(key) for key in nc.requirements),
        actions=actions,
        effectiveness=effectiveness,
        tags=f"status:{status} source:source_{source.kind} overdue:{'yes' if overdue else 'no'}",
        risks=tuple(
            Ref(rid, ctx.repo.risks[rid].doc.title.get(ctx.lang), risk_path(rid))
            for rid in dict.fromkeys(doc.risks)
            if rid in ctx.repo.risks
        ),
    )


def raised(ctx: Context) -> list[Nonconformity]:
    """Return the nonconformities raised by the as-of day, in id order."""
    counted = [nc for nc in ctx.repo.nonconformities.values() if ctx.ev.assessment.counts(nc.doc.raised)]
    return sorted(counted, key=lambda nc: natural_key(nc.id))


def nonconformity_register_page(ctx: Context) -> NonconformityRegisterPage | None:
    """Return the register, or None when the repository keeps no nonconformities."""
    if not ctx.repo.nonconformities:
        return None
    items = tuple(nonconformity_view(ctx, nc) for nc in raised(ctx))
    statuses = Counter(item.status for item in items)
    totals = (
        ("nc-open", statuses["nc-open"]),
        ("nc-actions-done", statuses["nc-actions-done"]),
        ("nc-closed", statuses["nc-closed"]),
        ("overdue_actions", sum(item.overdue for item in items)),
    )
    by_source = tuple(sorted(Counter(item.source for item in items).items()))
    filters = (
        Attribute("status", ctx.t("state"), tuple(s for s in NC_STATES if statuses[s])),
        Attribute("source", ctx.t("nc_source"), tuple(f"source_{source}" for source, _ in by_source)),
        Attribute("overdue", ctx.t("overdue_actions"), ("yes", "no")),
    )
    title = ctx.t("nonconformity_register")
    return NonconformityRegisterPage(NONCONFORMITIES, title, items, filters, totals, by_source)


def _review_ref(ctx: Context, ref: str) -> Ref:
    kind, _, target = ref.partition(":")
    repo = ctx.repo
    if kind == "evidence":
        return ctx.evidence_ref(target)
    if kind in {"control", "measure"}:
        key = _resolve(ctx, target.partition("#")[0])
        page = control_path(key) if key is not None and key in repo.controls else None
        return Ref(target, target, page)
    titles = {
        "audit": (audit_path(target), repo.audits.get(target)),
        "nonconformity": (nc_target(target), repo.nonconformities.get(target)),
        "objective": (f"{OBJECTIVES}#obj-{slug(target)}", repo.objectives.get(target)),
        "risk": (risk_path(target), repo.risks.get(target)),
    }
    if kind in titles:
        link, record = titles[kind]
        title = record.doc.title.get(ctx.lang) if record is not None else target
        return Ref(target, title, link if record is not None else None)
    return Ref(target, target, f"{REVIEWS}#mr-{slug(target)}" if target in repo.reviews else None)


def reviews_page(ctx: Context) -> ReviewsPage | None:
    """Return the management reviews page, or None when there are none and none is scheduled."""
    schedule = ctx.repo.config.management_review
    if not ctx.repo.reviews and schedule is None:
        return None
    held = sorted((r for r in ctx.repo.reviews.values() if ctx.ev.assessment.counts(r.date)), key=lambda r: r.date)
    views = []
    for review in reversed(held):
        doc = review.doc
        inputs = []
        for key, title in INPUTS.items():
            given = doc.inputs.get(key)
            inputs.append(
                ReviewInputView(
                    key=key,
                    title=title.get(ctx.lang),
                    present=given is not None,
                    summary=given.summary.get(ctx.lang) if given else None,
                    refs=tuple(_review_ref(ctx, ref) for ref in given.refs) if given else (),
                )
            )
        decisions = tuple(
            (d.kind, d.decision.get(ctx.lang), tuple(_action(ctx, a) for a in d.actions)) for d in doc.decisions
        )
        views.append(
            ReviewView(
                id=review.id,
                anchor=f"mr-{slug(review.id)}",
                chair=ctx.owner(doc.chair) or doc.chair,
                attendees=tuple(ctx.owner(a) or a for a in doc.attendees),
                minutes=ctx.evidence_ref(doc.minutes) if doc.minutes else None,
                inputs=tuple(inputs),
                decisions=decisions,
            )
        )
    next_due = None
    if schedule is not None and held:
        next_due = add_duration(held[-1].date, schedule.interval).isoformat()
    return ReviewsPage(REVIEWS, ctx.t("management_reviews"), tuple(views), next_due)


def objectives_page(ctx: Context) -> ObjectivesPage | None:
    """Return the objectives page, or None when there are no objectives."""
    if not ctx.repo.objectives:
        return None
    assessment = ctx.ev.assessment
    views = []
    for objective in sorted(ctx.repo.objectives.values(), key=lambda o: natural_key(o.id)):
        doc = objective.doc
        if not assessment.counts(doc.set):
            continue
        result = evaluate_objective(objective, assessment.measures)
        measures = []
        for item in result.measures:
            found = item.result
            ref = Ref(item.ref, found.measure.title.get(ctx.lang) if found else item.ref, None)
            if found is not None:
                ref = Ref(item.ref, found.measure.title.get(ctx.lang), control_path(found.control.key))
            measures.append(
                ObjectiveMeasureView(
                    ref=ref,
                    target=item.target_text or "–",
                    latest=item.shown,
                    state=item.state.value,
                    measure=measure_view(ctx, found) if found is not None else None,
                )
            )
        views.append(
            ObjectiveView(
                id=objective.id,
                anchor=f"obj-{slug(objective.id)}",
                title=doc.title.get(ctx.lang),
                owner=ctx.owner(doc.owner) or doc.owner,
                due=doc.due.isoformat(),
                status=result.status.replace("-", "_"),
                resources=doc.resources.get(ctx.lang) if doc.resources else None,
                evaluation=doc.evaluation.get(ctx.lang) if doc.evaluation else None,
                measures=tuple(measures),
            )
        )
    return ObjectivesPage(OBJECTIVES, ctx.t("objectives"), tuple(views))


def cycle_figures(ctx: Context) -> tuple[tuple[str, int, str], ...]:
    """Return the dashboard's cycle rows: open nonconformities, overdue corrective actions, objectives not met."""
    if not (ctx.repo.nonconformities or ctx.repo.objectives):
        return ()
    cutoff, today = ctx.ev.assessment.cutoff, ctx.ev.assessment.today
    counted = raised(ctx)
    rows = [
        (
            "open_nonconformities",
            sum(nc.status(cutoff) != "closed" for nc in counted),
            f"{NONCONFORMITIES}?status=nc-open",
        ),
        (
            "overdue_corrective_actions",
            sum(len(nc.overdue(today, cutoff)) for nc in counted),
            f"{NONCONFORMITIES}?overdue=yes",
        ),
    ]
    if ctx.repo.objectives:
        set_by = [o for o in ctx.repo.objectives.values() if ctx.ev.assessment.counts(o.doc.set)]
        missed = sum(evaluate_objective(o, ctx.ev.assessment.measures).status == "not-met" for o in set_by)
        rows.append(("objectives_not_met", missed, OBJECTIVES))
    return tuple(rows)


def audit_finding_counts(ctx: Context) -> tuple[tuple[Ref, tuple[tuple[str, int], ...]], ...]:
    """Return the performed audits with findings and their number per grade, for the findings page."""
    rows = []
    for audit in sorted(ctx.repo.audits.values(), key=lambda a: (a.doc.planned, natural_key(a.id))):
        row = audit_row(ctx, audit)
        if row.grades:
            rows.append((Ref(audit.id, row.title, row.target), row.grades))
    return tuple(rows)
