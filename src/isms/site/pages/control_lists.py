"""Lists of controls for a framework too big to list its controls in the nav (issue #19).

MkDocs and Material render the open branch of the nav on every page, siblings included: a control
listed in the nav brings its framework's groups and its run of neighbours into each of the
framework's pages (~77 entries and a 38 KB sidebar a page at 10,000 controls, a fifth of the
engine's time). A framework with more than CONTROLS_IN_NAV_MAX controls therefore has pages of
lists instead, by group and in pages of at most LIST_SIZE, and the nav lists those; each control
page is reached from its list and from the framework's pages, and stays out of the nav.

A page outside the nav would take its ``<title>`` from its heading, which the theme prints
unescaped: every generated page carries its title, made inert, in its front matter
(`isms.site.render.with_title`), in the nav or not.
"""

from __future__ import annotations

from isms.model.repository import Framework, ReqKey
from isms.site.pages.common import Context, framework_path, slug
from isms.site.pages.types import ControlListPage, ControlListRow, ControlPage, NavEntry

#: A framework with more controls than this lists them on pages of lists rather than in the nav. The
#: bundled example's biggest (Annex A, 93) stays in the nav.
CONTROLS_IN_NAV_MAX = 200
#: The most controls a list page holds (a row is ~0.3 KB: a page stays well under 150 KB of HTML).
LIST_SIZE = 200


def in_nav(keys: list[ReqKey]) -> bool:
    """Return True when a framework's controls (``keys``) are listed in the nav themselves."""
    return len(keys) <= CONTROLS_IN_NAV_MAX


def _row(ctx: Context, key: ReqKey, page: ControlPage) -> ControlListRow:
    return ControlListRow(
        id=key[1],
        title=ctx.repo.title(key, ctx.lang),
        target=page.path,
        status=page.status,
        owner=page.owner,
        evidence=len(page.evidence),
    )


def control_list_pages(
    ctx: Context, framework: Framework, groups: list[tuple[str | None, list[ReqKey]]], pages: dict[ReqKey, ControlPage]
) -> tuple[list[ControlListPage], tuple[NavEntry, ...]]:
    """Return a framework's list pages and its nav entries: one per group, its pages in runs when there are many.

    Args:
        ctx: The site's context.
        framework: The framework.
        groups: Its controls by group, in the nav's order (the group's title, or None for one without groups).
        pages: The control pages by key.
    """
    label = ctx.framework_label(framework.id)
    ref = NavEntry(framework.info.name.get(ctx.lang), framework_path(framework.id))
    lists: list[ControlListPage] = []
    nav: list[NavEntry] = []
    for group, keys in groups:
        heading = f"{ctx.t('controls')}: {label}" + (f": {group}" if group else "")
        entries: list[NavEntry] = []
        for start in range(0, len(keys), LIST_SIZE):
            members = keys[start : start + LIST_SIZE]
            span = f"{members[0][1]} – {members[-1][1]}"
            title = heading if len(keys) <= LIST_SIZE else f"{heading} ({span})"
            path = f"control-lists/{slug(framework.id)}/{len(lists) + 1:03d}.md"
            lists.append(
                ControlListPage(
                    path=path,
                    title=title,
                    framework=ref.title,
                    framework_target=ref.path or "",
                    rows=tuple(_row(ctx, k, pages[k]) for k in members),
                )
            )
            entries.append(NavEntry(span, path))
        if group is None:  # a framework without groups: its pages straight under its name
            nav.extend(entries)
        elif len(entries) == 1:
            nav.append(NavEntry(group, entries[0].path))
        else:
            nav.append(NavEntry(group, children=tuple(entries)))
    return lists, tuple(nav)
