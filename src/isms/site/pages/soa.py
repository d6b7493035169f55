"""The Statement of Applicability: every control of `soa_framework`, applicable or not, and why."""

from __future__ import annotations

from isms.export.soa import build_soa
from isms.export.soa import label as soa_label
from isms.site.pages.basics import Ref
from isms.site.pages.common import SOA, SOA_CSV, SOA_XLSX, Context, framework_path, natural_key, text
from isms.site.pages.types import SoaPage, SoaRow

#: How many of the latest changes the page lists (the workbook's history sheet has them all).
HISTORY_SHOWN = 10


def soa_page(ctx: Context) -> SoaPage | None:
    """Return the SoA, or None when the `soa_framework` is not loaded."""
    fid = ctx.repo.config.soa_framework
    framework = ctx.repo.frameworks.get(fid)
    if framework is None:
        return None
    rows = []
    for rid in sorted(framework.requirements, key=natural_key):
        key = (fid, rid)
        requirement = framework.requirements[rid]
        group = framework.groups.get(requirement.group) if requirement.group else None
        control = ctx.repo.controls.get(key)
        if control is None:
            rows.append(
                SoaRow(
                    ref=ctx.req_ref(key),
                    theme=group.title.get(ctx.lang) if group else "",
                    applicable="undecided",
                    reasons=(),
                    justification=None,
                    status="undecided",
                    owner=None,
                    evidence=(),
                    last_review=None,
                )
            )
            continue
        doc = control.doc
        rows.append(
            SoaRow(
                ref=ctx.req_ref(key),
                theme=group.title.get(ctx.lang) if group else "",
                applicable="yes" if control.applicable else "no",
                reasons=tuple(ctx.t(reason) for reason in doc.reasons),
                justification=text(doc.justification, ctx.lang),
                status=ctx.status(key),
                owner=ctx.owner(doc.owner),
                evidence=tuple(ctx.evidence_ref(path) for path in sorted(doc.evidence)),
                last_review=str(reviewed) if (reviewed := ctx.ev.assessment.last_reviewed(control)) else None,
                implementation=text(doc.implementation, ctx.lang),
                risks=ctx.risks_by_control.get(key, ()),
            )
        )
    name = framework.info.name.get(ctx.lang)
    soa = build_soa(ctx.ev, ctx.lang)
    version = f" {soa_label('version', ctx.lang)} {soa.version}" if soa.version else ""
    return SoaPage(
        path=SOA,
        title=ctx.t("soa"),
        framework=Ref(fid, name, framework_path(fid), group=ctx.framework_label(fid)),
        rows=tuple(rows),
        downloads=((ctx.t("download_xlsx"), SOA_XLSX), (ctx.t("download_csv"), SOA_CSV)),
        version=soa.version_line(),
        print_header=f"{soa.organisation} — {ctx.t('soa')}{version}",
        history=tuple((r.date.isoformat(), r.commit, r.author, r.subject) for r in soa.history[:HISTORY_SHOWN]),
    )
