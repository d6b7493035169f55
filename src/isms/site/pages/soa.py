"""The Statement of Applicability: every control of `soa_framework`, applicable or not, and why."""

from __future__ import annotations

from isms.site.pages.basics import Ref
from isms.site.pages.common import SOA, SOA_CSV, SOA_XLSX, Context, framework_path, natural_key, text
from isms.site.pages.types import SoaPage, SoaRow


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
            )
        )
    name = framework.info.name.get(ctx.lang)
    return SoaPage(
        path=SOA,
        title=ctx.t("soa"),
        framework=Ref(fid, name, framework_path(fid), group=ctx.framework_label(fid)),
        rows=tuple(rows),
        downloads=((ctx.t("download_xlsx"), SOA_XLSX), (ctx.t("download_csv"), SOA_CSV)),
    )
