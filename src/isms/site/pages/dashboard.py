"""The dashboard: the numbers of `isms metrics` and the worst findings."""

from __future__ import annotations

from collections import Counter

from isms.metrics.types import FrameworkCoverage
from isms.site.pages.basics import Ref
from isms.site.pages.common import CALENDAR, DASHBOARD, Context, finding_sort, framework_path
from isms.site.pages.cycle import cycle_figures
from isms.site.pages.risks import risk_state
from isms.site.pages.suppliers import supplier_figures
from isms.site.pages.types import DashboardPage, FrameworkRow
from isms.state.evidence import STATE_ORDER
from isms.state.measures import MeasureState
from isms.state.risks import STATES

TOP_FINDINGS = 10

# Evidence states from best to worst, as the dashboard lists them.
EVIDENCE_STATES = tuple(state.value for state in reversed(STATE_ORDER))


def framework_row(ctx: Context, coverage: FrameworkCoverage) -> FrameworkRow:
    """Return a framework's coverage row; exact ratios, shown by `isms.figures.percent`."""
    framework = ctx.repo.frameworks.get(coverage.id)
    name = framework.info.name.get(ctx.lang) if framework is not None else coverage.id
    return FrameworkRow(
        ref=Ref(coverage.id, name, framework_path(coverage.id), group=ctx.framework_label(coverage.id)),
        numbers=coverage,
    )


def risk_figures(ctx: Context) -> tuple[tuple[tuple[str, str, int], ...], tuple[tuple[str, int], ...]]:
    """Return risks by band (current level) and by state, plus those with an overdue action."""
    criteria = ctx.repo.config.risk
    if criteria is None:
        return (), ()
    assessment = ctx.ev.assessment
    bands: Counter[str] = Counter()
    states: Counter[str] = Counter()
    overdue = 0
    for risk in ctx.repo.risks.values():
        if risk.current is not None:
            bands[risk.current.band] += 1
        states[risk_state(ctx, risk, criteria)] += 1
        late = (
            a.due < assessment.today and not (a.done is not None and assessment.counts(a.done))
            for a in risk.doc.actions
        )
        overdue += any(late)
    by_band = tuple((b.id, b.title.get(ctx.lang), bands[b.id]) for b in criteria.bands)
    return by_band, (*((state, states[state]) for state in STATES), ("overdue", overdue))


def dashboard_page(ctx: Context) -> DashboardPage:
    """Return the dashboard."""
    metrics = ctx.ev.metrics
    findings = sorted(ctx.ev.findings, key=finding_sort)[:TOP_FINDINGS]
    by_band, by_state = risk_figures(ctx)
    return DashboardPage(
        path=DASHBOARD,
        title=ctx.t("dashboard"),
        frameworks=tuple(framework_row(ctx, f) for f in metrics.frameworks),
        evidence=tuple((state, metrics.evidence.get(state, 0)) for state in EVIDENCE_STATES),
        evidence_total=metrics.evidence.get("total", 0),
        measures=tuple((state.value, metrics.measures.get(state.value, 0)) for state in MeasureState),
        measures_total=metrics.measures.get("total", 0),
        top_findings=tuple(ctx.finding_row(f) for f in findings),
        risk_bands=by_band,
        risk_figures=by_state,
        calendar=CALENDAR,
        cycle_figures=cycle_figures(ctx),
        supplier_figures=supplier_figures(ctx),
    )
