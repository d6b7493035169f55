"""Page models for the whole site, built from one evaluation in one language."""

from __future__ import annotations

from isms.evaluation import Evaluation
from isms.findings import count
from isms.model.base import Lang
from isms.model.repository import Control
from isms.site.pages.common import Context, natural_key, text
from isms.site.pages.control_lists import control_list_pages, in_nav
from isms.site.pages.controls import control_page
from isms.site.pages.cycle import (
    audit_page,
    audit_programme_page,
    nonconformity_register_page,
    objectives_page,
    reviews_page,
)
from isms.site.pages.dashboard import dashboard_page
from isms.site.pages.frameworks import framework_pages
from isms.site.pages.policies import policy_page
from isms.site.pages.registers import evidence_pages, findings_page
from isms.site.pages.risks import risk_page, risk_register_page
from isms.site.pages.soa import soa_pages
from isms.site.pages.suppliers import suppliers_page
from isms.site.pages.types import (
    ControlListPage,
    ControlPage,
    EvidencePage,
    FrameworkPage,
    NavEntry,
    PageModel,
    Site,
    SiteInfo,
)
from isms.site.redact import published_files

__all__ = ["build_site"]


def site_info(evaluation: Evaluation, lang: Lang) -> SiteInfo:
    """Return what every page says about the build."""
    config = evaluation.repository.config
    history = evaluation.assessment.history
    totals = count(evaluation.findings)
    return SiteInfo(
        lang=lang,
        organisation=config.organisation.get(lang),
        scope=text(config.scope, lang),
        as_of=evaluation.assessment.today.isoformat(),
        commit=history.head,
        dirty=bool(evaluation.assessment.uncommitted),
        history_available=history.available,
        history_partial=history.partial,
        errors=totals["errors"],
        warnings=totals["warnings"],
        notes=totals["notes"],
    )


#: A nav section with more pages than this is cut into runs of NAV_RUN pages, and runs of runs when even
#: the runs are more (NAV_RUN x NAV_RUN pages each, and so on). MkDocs and Material render the siblings
#: of the current page on every page, so one section of 1,000 pages costs 1,000 x 1,000; runs keep each
#: page's share of the nav bounded (at most NAV_SECTION_MAX + NAV_RUN per level) and the build linear.
NAV_SECTION_MAX = 40
NAV_RUN = 20


def _runs(keys: list[tuple[str, str]], entries: list[NavEntry], ends: list[str] | None = None) -> tuple[NavEntry, ...]:
    """Return the entries as they are, or cut into sections titled "first id – last id" (``ends``: last ids)."""
    if len(entries) <= NAV_SECTION_MAX:
        return tuple(entries)
    last = ends if ends is not None else [key[1] for key in keys]
    size = NAV_RUN
    while -(-len(entries) // size) > NAV_SECTION_MAX:
        size *= NAV_RUN
    return tuple(
        NavEntry(
            f"{keys[i][1]} – {last[min(i + size, len(keys)) - 1]}",
            children=_runs(keys[i : i + size], entries[i : i + size], last[i : i + size]),
        )
        for i in range(0, len(entries), size)
    )


def _part_nav(register: EvidencePage) -> tuple[NavEntry, ...]:
    """Return the parts of a split evidence register for the nav, in runs when there are many."""
    keys = [("", part.first) for part in register.parts]
    entries = [NavEntry(part.label, part.path) for part in register.parts]
    return _runs(keys, entries, [part.last for part in register.parts])


def _control_nav(
    ctx: Context, pages: dict[tuple[str, str], ControlPage]
) -> tuple[tuple[NavEntry, ...], list[ControlListPage]]:
    """Return the controls, by framework and then by group, for the nav (kept in sections to stay prunable).

    A framework of more than ``CONTROLS_IN_NAV_MAX`` controls is listed by its list pages instead
    (`isms.site.pages.control_lists`), which are returned too.
    """
    sections = []
    lists: list[ControlListPage] = []
    for framework in ctx.frameworks():
        keys = sorted((k for k in pages if k[0] == framework.id), key=lambda k: natural_key(k[1]))
        if not keys:
            continue
        groups: dict[str, list[tuple[str, str]]] = {}
        for k in keys:
            groups.setdefault(framework.requirements[k[1]].group or "", []).append(k)

        def section(members: list[tuple[str, str]]) -> tuple[NavEntry, ...]:
            return _runs(members, [NavEntry(pages[k].title, pages[k].path) for k in members])

        known = [gid for gid in framework.groups if gid in groups]
        order = known + [gid for gid in groups if gid not in framework.groups]
        titles = {gid: framework.groups[gid].title.get(ctx.lang) if gid in framework.groups else "—" for gid in order}

        if not in_nav(keys):
            named: list[tuple[str | None, list[tuple[str, str]]]] = [(None, keys)]
            if len(groups) > 1:
                named = [(titles[gid], groups[gid]) for gid in order]
            listed, children = control_list_pages(ctx, framework, named, pages)
            lists.extend(listed)
        elif len(groups) > 1:
            children = tuple(NavEntry(titles[gid], children=section(groups[gid])) for gid in order)
        else:
            children = section(keys)
        sections.append(NavEntry(ctx.framework_label(framework.id), children=children))
    return tuple(sections), lists


def _framework_nav(pages: list[FrameworkPage]) -> NavEntry:
    """A framework in the nav: its page, or for a split framework a section of its page and its groups' pages."""
    whole = pages[0]
    if len(pages) == 1:
        return NavEntry(whole.title, whole.path)
    groups = tuple(NavEntry(page.title.removeprefix(f"{whole.title}: "), page.path) for page in pages[1:])
    return NavEntry(whole.title, children=(NavEntry(whole.title, whole.path), *groups))


def build_site(evaluation: Evaluation, lang: Lang) -> Site:
    """Return every page model, the nav over them and the evidence files to publish.

    Args:
        evaluation: The repository evaluated on a day (``isms.evaluation.evaluate``).
        lang: The language of the edition; fields without it fall back to the other language.
    """
    ctx = Context(evaluation, lang)
    repo = evaluation.repository
    t = ctx.t
    dashboard = dashboard_page(ctx)
    soa = soa_pages(ctx)
    framework_sets = [framework_pages(ctx, f) for f in ctx.frameworks()]
    frameworks = [page for pages_of in framework_sets for page in pages_of]
    ordered: list[Control] = sorted(repo.controls.values(), key=lambda c: (c.framework, natural_key(c.id)))
    controls = {c.key: control_page(ctx, c) for c in ordered}
    policies = [policy_page(ctx, repo.policies[pid]) for pid in sorted(repo.policies)]
    evidence, evidence_parts = evidence_pages(ctx)
    findings = findings_page(ctx)

    pages: list[PageModel] = [dashboard]
    nav: list[NavEntry] = [NavEntry(dashboard.title, dashboard.path)]
    pages.extend(soa)
    nav.extend(NavEntry(page.title, page.path) for page in soa)
    pages.extend(frameworks)
    nav.append(NavEntry(t("frameworks"), children=tuple(_framework_nav(f) for f in framework_sets)))
    control_nav, lists = _control_nav(ctx, controls)
    pages.extend([*lists, *controls.values()])
    nav.append(NavEntry(t("controls"), children=control_nav))
    if policies:
        pages.extend(policies)
        nav.append(NavEntry(t("policies"), children=tuple(NavEntry(p.title, p.path) for p in policies)))
    register = risk_register_page(ctx)
    if register is not None:
        risks = [risk_page(ctx, repo.risks[row.id]) for row in register.rows]
        pages.extend([register, *risks])
        # Every page is in the nav, so its <title> comes from the nav (made inert), never from a heading.
        entries = (NavEntry(register.title, register.path), *(NavEntry(r.title, r.path) for r in risks))
        nav.append(NavEntry(register.title, children=entries))
    programme = audit_programme_page(ctx)
    if programme is not None:
        audits = [audit_page(ctx, repo.audits[row.id]) for row in programme.rows]
        pages.extend([programme, *audits])
        entries = (NavEntry(programme.title, programme.path), *(NavEntry(a.title, a.path) for a in audits))
        nav.append(NavEntry(programme.title, children=entries))
    for page in (nonconformity_register_page(ctx), reviews_page(ctx), objectives_page(ctx), suppliers_page(ctx)):
        if page is not None:
            pages.append(page)
            nav.append(NavEntry(page.title, page.path))
    pages.extend([evidence, *evidence_parts, findings])
    if evidence_parts:
        nav.append(NavEntry(evidence.title, children=(NavEntry(evidence.title, evidence.path), *_part_nav(evidence))))
    else:
        nav.append(NavEntry(evidence.title, evidence.path))
    nav.append(NavEntry(findings.title, findings.path))
    files = tuple((f.source, f.target) for f in published_files(repo))
    return Site(site_info(evaluation, lang), tuple(pages), tuple(nav), files)
