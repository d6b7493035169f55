"""The risk register page, a page per risk, and the heat maps of inherent and residual risk."""

from __future__ import annotations

from collections import Counter
from typing import Literal

from isms.model.config import RiskCriteria
from isms.model.risk_records import Level, Risk
from isms.site.pages.basics import Attribute, Ref
from isms.site.pages.common import Context, natural_key, risk_path, slug
from isms.site.pages.cycle import nc_target
from isms.site.pages.risk_types import HeatMap, LevelView, RiskPage, RiskRegisterPage, RiskRow
from isms.site.redact import withheld
from isms.state.risks import STATES
from isms.state.risks import risk_state as state_of

RISKS = "risks.md"


def risk_state(ctx: Context, risk: Risk, criteria: RiskCriteria) -> str:
    """Return open, treated, accepted or acceptance-expired, as of the as-of day."""
    return state_of(risk, criteria, ctx.ev.assessment)


def _level(ctx: Context, criteria: RiskCriteria, level: Level | None) -> LevelView | None:
    if level is None:
        return None
    band = criteria.bands[criteria.rank(level.band)]
    return LevelView(level.band, band.title.get(ctx.lang), level.likelihood, level.impact)


def risk_row(ctx: Context, risk: Risk, criteria: RiskCriteria) -> RiskRow:
    """Return a risk as the register lists it."""
    state = risk_state(ctx, risk, criteria)
    owner = ctx.owner(risk.doc.owner) or risk.doc.owner
    current = risk.current
    treatment = risk.doc.treatment or "untreated"
    tags = (
        f"level:{current.band if current else 'none'} owner:{slug(risk.doc.owner)} treatment:{treatment} state:{state}"
    )
    return RiskRow(
        id=risk.id,
        title=risk.doc.title.get(ctx.lang),
        target=risk_path(risk.id),
        owner=owner,
        treatment=treatment,
        state=state,
        inherent=_level(ctx, criteria, risk.inherent),
        residual=_level(ctx, criteria, risk.residual),
        withheld=withheld(risk.doc.classification, ctx.repo.config.evidence.redact_from),
        tags=tags,
    )


def _heat(ctx: Context, criteria: RiskCriteria, which: Literal["inherent", "residual"]) -> HeatMap:
    counts: Counter[tuple[int, int]] = Counter()
    for risk in ctx.repo.risks.values():
        level = risk.inherent if which == "inherent" else risk.current
        if level is not None:
            counts[(level.likelihood, level.impact)] += 1
    cells = tuple(
        (lk, im, counts[(lk, im)], criteria.band(lk, im).id)
        for lk in range(1, len(criteria.likelihood) + 1)
        for im in range(1, len(criteria.impact) + 1)
    )
    return HeatMap(
        title=ctx.t(f"heat_{which}"),
        likelihood=tuple(level.title.get(ctx.lang) for level in criteria.likelihood),
        impact=tuple(level.title.get(ctx.lang) for level in criteria.impact),
        cells=cells,
        likelihood_axis=ctx.t("axis_likelihood"),
        impact_axis=ctx.t("axis_impact"),
    )


def risk_register_page(ctx: Context) -> RiskRegisterPage | None:
    """Return the register, or None when the repository has no risk criteria."""
    criteria = ctx.repo.config.risk
    if criteria is None:
        return None
    ordered = sorted(ctx.repo.risks.values(), key=lambda r: natural_key(r.id))
    rows = tuple(risk_row(ctx, risk, criteria) for risk in ordered)
    inherent = Counter(r.inherent.band for r in rows if r.inherent)
    residual = Counter((r.residual or r.inherent).band for r in rows if r.residual or r.inherent)  # type: ignore[union-attr]
    bands = tuple((b.id, b.title.get(ctx.lang), inherent[b.id], residual[b.id]) for b in criteria.bands)
    owners = sorted({slug(risk.doc.owner) for risk in ordered})
    treatments = sorted({row.treatment for row in rows})
    filters = (
        Attribute("level", ctx.t("risk_level"), tuple(b.id for b in criteria.bands if residual[b.id])),
        Attribute("owner", ctx.t("owner"), tuple(owners)),
        Attribute("treatment", ctx.t("treatment"), tuple(treatments)),
        Attribute("state", ctx.t("state"), tuple(s for s in STATES if any(r.state == s for r in rows))),
    )
    heatmaps = (_heat(ctx, criteria, "inherent"), _heat(ctx, criteria, "residual"))
    return RiskRegisterPage(RISKS, ctx.t("risk_register"), rows, filters, heatmaps, bands)


def risk_page(ctx: Context, risk: Risk) -> RiskPage:
    """Return a risk's page; a risk of a withheld class shows its metadata only."""
    criteria = ctx.repo.config.risk
    assert criteria is not None  # noqa: S101 - risk pages exist only with criteria
    row = risk_row(ctx, risk, criteria)
    doc = risk.doc

    def shown(value: str | None) -> str | None:
        return None if row.withheld else value

    assets = []
    for aid in doc.assets:
        asset = ctx.repo.assets.get(aid)
        title = asset.doc.title.get(ctx.lang) if asset is not None else aid
        assets.append(Ref(aid, title, None, asset.doc.classification if asset else None))
    today = ctx.ev.assessment
    actions = tuple(
        (
            a.title.get(ctx.lang) if not row.withheld else "—",
            ctx.owner(a.owner) or a.owner,
            a.due.isoformat(),
            a.done.isoformat() if a.done is not None and today.counts(a.done) else "",
        )
        for a in doc.actions
    )
    acceptance = doc.acceptance
    return RiskPage(
        path=row.target,
        title=f"{risk.id} {row.title}",
        row=row,
        description=shown(doc.description.get(ctx.lang) if doc.description else None),
        threat=shown(doc.threat.get(ctx.lang)),
        vulnerability=shown(doc.vulnerability.get(ctx.lang)),
        assets=tuple(assets),
        controls=tuple(ctx.req_ref(key) for key in risk.controls),
        actions=actions,
        acceptance=(
            (ctx.owner(acceptance.by) or acceptance.by, acceptance.date.isoformat(), acceptance.valid_until.isoformat())
            if acceptance is not None and today.counts(acceptance.date)
            else None
        ),
        assessed=doc.assessed.isoformat(),
        last_review=doc.review.last.isoformat() if doc.review.last and today.counts(doc.review.last) else None,
        register=RISKS,
        nonconformities=tuple(
            Ref(nid, nc.doc.title.get(ctx.lang), nc_target(nid), f"nc-{nc.status(today.cutoff)}")
            for nid, nc in sorted(ctx.repo.nonconformities.items())
            if risk.id in nc.doc.risks and today.counts(nc.doc.raised)
        ),
    )
