"""A page per control: implementation, owner, reviews, evidence, measures, mappings, git history."""

from __future__ import annotations

from isms import figures
from isms.history.types import CommitInfo
from isms.model.base import add_duration
from isms.model.repository import Control
from isms.site.labels import duration_words
from isms.site.pages.basics import Ref
from isms.site.pages.common import Context, control_path, finding_sort, framework_path, req_sort, text
from isms.site.pages.types import CommitRow, ControlPage, MeasureView, PeriodPoint
from isms.state.measures import MeasureResult
from isms.state.periods import label_text


def format_value(value: float, *, percent: bool) -> str:
    """Return a measure value for people: ``92.5 %``, ``3`` or ``0.25``."""
    if percent:
        return figures.percent(value)
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}"


def measure_view(ctx: Context, result: MeasureResult) -> MeasureView:
    """Return a measure with its values per period."""
    percent = result.target.percent
    return MeasureView(
        id=result.measure.id,
        title=result.measure.title.get(ctx.lang),
        target=result.measure.target,
        target_value=result.target.value,
        percent=percent,
        period=result.measure.period,
        state=result.state.value,
        latest=format_value(result.latest.value, percent=percent) if result.latest else None,
        points=tuple(
            PeriodPoint(
                v.period, v.value, format_value(v.value, percent=percent), v.rows, label_text(v.period, ctx.lang)
            )
            for v in result.values
        ),
        problem=(result.problem_ja or result.problem) if ctx.lang == "ja" else result.problem,
    )


#: How many of the latest commits a control's page lists: a control touched every month for years
#: (its file or its evidence) would otherwise grow its page past what a browser shows quickly.
HISTORY_SHOWN = 50


def _history(ctx: Context, control: Control) -> tuple[CommitRow, ...]:
    """Return the commits that changed the control file or its evidence, newest first."""
    history = ctx.ev.assessment.history
    files = [control.path] + [ctx.repo.evidence[p].file for p in control.doc.evidence if p in ctx.repo.evidence]
    touched: dict[str, tuple[CommitInfo, list[str]]] = {}  # by commit: the first seen, and the paths it touched
    for path in sorted(set(files)):
        for commit in history.of(path):
            seen = touched.get(commit.sha)
            if seen is None:
                touched[commit.sha] = (commit, [path])
            else:
                seen[1].append(path)
    rows = [
        CommitRow(commit.date.isoformat(), commit.short, commit.author, commit.subject, tuple(sorted(paths)))
        for commit, paths in touched.values()
    ]
    return tuple(sorted(rows, key=lambda r: (r.date, r.sha), reverse=True))


def _history_state(ctx: Context) -> str:
    history = ctx.ev.assessment.history
    if not history.available:
        return "unavailable"
    return "partial" if history.partial else "complete"


def control_page(ctx: Context, control: Control) -> ControlPage:
    """Return the page of one control."""
    doc = control.doc
    key = control.key
    requirement = ctx.repo.requirement(key)
    interval = ctx.repo.review_interval(control)
    reviewed = ctx.ev.assessment.last_reviewed(control)
    history = ctx.ev.assessment.history
    measures = ctx.measures_by_control.get(key, [])
    findings = sorted(ctx.findings_by_control.get(f"{key[0]}:{key[1]}", []), key=finding_sort)
    commits = _history(ctx, control)
    return ControlPage(
        path=control_path(key),
        title=f"{key[1]} {ctx.repo.title(key, ctx.lang)}",
        ref=ctx.req_ref(key),
        framework=Ref(
            key[0],
            ctx.repo.frameworks[key[0]].info.name.get(ctx.lang),
            framework_path(key[0]),
            group=ctx.framework_label(key[0]),
        ),
        source=control.path,
        requirement=text(requirement.description, ctx.lang) if requirement else None,
        status=ctx.status(key),
        owner=ctx.owner(doc.owner),
        reasons=tuple(ctx.t(reason) for reason in doc.reasons),
        risks=ctx.risks_by_control.get(key, ()),
        suppliers=ctx.suppliers_of(key),
        justification=text(doc.justification, ctx.lang),
        implementation=text(doc.implementation, ctx.lang),
        notes=text(doc.notes, ctx.lang),
        due=doc.due.isoformat() if doc.due else None,
        review_last=reviewed.isoformat() if reviewed else None,
        review_interval=duration_words(interval, ctx.lang),
        review_next=add_duration(reviewed, interval).isoformat() if reviewed else None,
        review_by=ctx.owner(doc.review.by),
        evidence=tuple(ctx.evidence_row(p) for p in sorted(doc.evidence) if p in ctx.ev.assessment.evidence),
        measures=tuple(measure_view(ctx, r) for r in measures),
        maps_to=tuple(ctx.req_ref(k) for k in sorted(ctx.repo.maps_to(key), key=req_sort)),
        mapped_from=tuple(ctx.req_ref(k) for k in sorted(ctx.repo.mapped_from(key), key=req_sort)),
        findings=tuple(ctx.finding_row(f) for f in findings),
        history=commits[:HISTORY_SHOWN],
        history_older=max(0, len(commits) - HISTORY_SHOWN),
        history_paths=tuple(sorted({path for row in commits for path in row.files})),
        history_state=_history_state(ctx),
        dirty=control.path in history.dirty,
    )
