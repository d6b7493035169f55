"""The Statement of Applicability: every control of `soa_framework`, applicable or not, and why.

The rows are the workbook's (`isms.export.soa.build_soa`): the page adds links, nothing else, so
the page and the workbook it offers for download cannot say different things.
"""

from __future__ import annotations

from isms.export.soa import EvidenceCell, SoaRow, build_soa
from isms.export.soa import label as soa_label
from isms.site.pages.basics import Ref
from isms.site.pages.common import (
    SOA,
    SOA_ADDITIONAL,
    SOA_ADDITIONAL_CSV,
    SOA_CSV,
    SOA_HISTORY_CSV,
    SOA_XLSX,
    Context,
    framework_path,
    natural_key,
)
from isms.site.pages.types import SoaEntry, SoaPage


def _evidence_ref(ctx: Context, cell: EvidenceCell) -> Ref:
    target = None if cell.state == "undeclared" else ctx.evidence_target(cell.path)
    return Ref(cell.path, cell.title, target, cell.state)


#: How many of the latest changes the page lists (the workbook's history sheet has them all).
HISTORY_SHOWN = 10


def _entries(ctx: Context, fid: str, rows: tuple[SoaRow, ...]) -> tuple[SoaEntry, ...]:
    """Return a framework's SoA rows with the site's links, in requirement order."""
    return tuple(
        SoaEntry(
            row=row,
            ref=ctx.req_ref((fid, row.id)),
            evidence=tuple(_evidence_ref(ctx, cell) for cell in sorted(row.evidence, key=lambda c: c.path)),
            risks=ctx.risks_by_control.get((fid, row.id), ()),
            suppliers=ctx.suppliers_of((fid, row.id)),
        )
        for row in sorted(rows, key=lambda r: natural_key(r.id))
    )


def _framework_ref(ctx: Context, fid: str) -> Ref:
    framework = ctx.repo.frameworks.get(fid)
    name = framework.info.name.get(ctx.lang) if framework is not None else fid
    return Ref(fid, name, framework_path(fid), group=ctx.framework_label(fid))


def soa_pages(ctx: Context) -> list[SoaPage]:
    """Return the SoA and, when `soa.additional` names frameworks, the page of the own controls.

    None of either when the `soa_framework` is not loaded. The own controls get a page of their own
    so that neither page grows past what a browser shows quickly (about 150 KB of HTML).
    """
    fid = ctx.repo.config.soa_framework
    if ctx.repo.frameworks.get(fid) is None:
        return []
    soa = build_soa(ctx.ev, ctx.lang)
    version = f" {soa_label('version', ctx.lang)} {soa.version}" if soa.version else ""
    additional = tuple(
        (_framework_ref(ctx, section.framework_id), _entries(ctx, section.framework_id, section.rows))
        for section in soa.additional
    )
    own = Ref(SOA_ADDITIONAL, ctx.t("soa_additional"), SOA_ADDITIONAL) if additional else None
    main = SoaPage(
        path=SOA,
        title=ctx.t("soa"),
        framework=_framework_ref(ctx, fid),
        rows=_entries(ctx, fid, soa.rows),
        downloads=(
            (ctx.t("download_xlsx"), SOA_XLSX),
            (ctx.t("download_csv"), SOA_CSV),
            *(((ctx.t("download_csv_additional"), SOA_ADDITIONAL_CSV),) if soa.additional else ()),
            (ctx.t("download_csv_history"), SOA_HISTORY_CSV),
        ),
        version=soa.version_line(),
        print_header=f"{ctx.t('soa')}{version}",
        history=tuple((r.date.isoformat(), r.commit, r.author, r.subject) for r in soa.history[:HISTORY_SHOWN]),
        companion=own,
    )
    if own is None:
        return [main]
    page = SoaPage(
        path=SOA_ADDITIONAL,
        title=ctx.t("soa_additional"),
        framework=main.framework,
        rows=(),
        downloads=((ctx.t("download_xlsx"), SOA_XLSX), (ctx.t("download_csv_additional"), SOA_ADDITIONAL_CSV)),
        version=main.version,
        print_header=f"{ctx.t('soa')}{version}: {ctx.t('soa_additional')}",
        additional=additional,
        companion=Ref(SOA, ctx.t("soa"), SOA),
    )
    return [main, page]
