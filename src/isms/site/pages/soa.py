"""The Statement of Applicability: every control of `soa_framework`, applicable or not, and why.

The rows are the workbook's (`isms.export.soa.build_soa`): the page adds links, nothing else, so
the page and the workbook it offers for download cannot say different things.
"""

from __future__ import annotations

from isms.export.soa import EvidenceCell, SoaRow, build_soa
from isms.export.soa import label as soa_label
from isms.model.repository import Repository
from isms.site.pages.basics import Ref
from isms.site.pages.common import (
    SOA,
    SOA_ADDITIONAL,
    SOA_ADDITIONAL_CSV,
    SOA_CSV,
    SOA_HISTORY,
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


#: How many of the latest changes the history page lists (the CSV and the workbook's sheet have them all).
HISTORY_SHOWN = 100


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


def publishes_soa(repo: Repository) -> bool:
    """Return True when the site has an SoA (and its downloads): when the `soa_framework` is loaded."""
    return repo.frameworks.get(repo.config.soa_framework) is not None


def soa_pages(ctx: Context) -> list[SoaPage]:
    """Return the SoA, the page of its revision history and, when `soa.additional` names frameworks, the own controls.

    None of them when the `soa_framework` is not loaded. The own controls and the history (which
    grows with the repository) get pages of their own so that no page grows past what a browser
    shows quickly (about 150 KB of HTML); the SoA names its latest change and links both.
    """
    if not publishes_soa(ctx.repo):
        return []
    fid = ctx.repo.config.soa_framework
    soa = build_soa(ctx.ev, ctx.lang)
    version = f" {soa_label('version', ctx.lang)} {soa.version}" if soa.version else ""
    additional = tuple(
        (_framework_ref(ctx, section.framework_id), _entries(ctx, section.framework_id, section.rows))
        for section in soa.additional
    )
    own = Ref(SOA_ADDITIONAL, ctx.t("soa_additional"), SOA_ADDITIONAL) if additional else None
    changes = Ref(SOA_HISTORY, ctx.t("soa_history"), SOA_HISTORY) if soa.history else None
    history = tuple((r.date.isoformat(), r.commit, r.author, r.subject) for r in soa.history)
    soa_ref = Ref(SOA, ctx.t("soa"), SOA)
    framework = _framework_ref(ctx, fid)
    main = SoaPage(
        path=SOA,
        title=ctx.t("soa"),
        framework=framework,
        rows=_entries(ctx, fid, soa.rows),
        downloads=(
            (ctx.t("download_xlsx"), SOA_XLSX),
            (ctx.t("download_csv"), SOA_CSV),
            *(((ctx.t("download_csv_additional"), SOA_ADDITIONAL_CSV),) if soa.additional else ()),
            (ctx.t("download_csv_history"), SOA_HISTORY_CSV),
        ),
        version=soa.version_line(),
        print_header=f"{ctx.t('soa')}{version}",
        history=history[:1],
        companion=own,
        history_page=changes,
    )
    pages = [main]
    if own is not None:
        pages.append(
            SoaPage(
                path=SOA_ADDITIONAL,
                title=ctx.t("soa_additional"),
                framework=framework,
                rows=(),
                downloads=((ctx.t("download_xlsx"), SOA_XLSX), (ctx.t("download_csv_additional"), SOA_ADDITIONAL_CSV)),
                version=main.version,
                print_header=f"{ctx.t('soa')}{version}: {ctx.t('soa_additional')}",
                additional=additional,
                companion=soa_ref,
            )
        )
    if changes is not None:
        pages.append(
            SoaPage(
                path=SOA_HISTORY,
                title=ctx.t("soa_history"),
                framework=framework,
                rows=(),
                downloads=((ctx.t("download_xlsx"), SOA_XLSX), (ctx.t("download_csv_history"), SOA_HISTORY_CSV)),
                version=main.version,
                print_header=f"{ctx.t('soa')}{version}: {ctx.t('soa_history')}",
                history=history[:HISTORY_SHOWN],
                history_total=len(history),
                companion=soa_ref,
            )
        )
    return pages
