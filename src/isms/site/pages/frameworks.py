"""Framework pages: every requirement with its standing, and what stands behind it.

Each requirement shows its controls and evidence and follows the mappings in both directions.
"""

from __future__ import annotations

from dataclasses import replace

from isms.metrics.types import FrameworkCoverage
from isms.model.catalog import Requirement
from isms.model.repository import Framework, ReqKey
from isms.site.pages.basics import Attribute, Ref
from isms.site.pages.common import (
    Context,
    framework_path,
    group_path,
    is_split,
    natural_key,
    req_sort,
    requirement_anchor,
    text,
)
from isms.site.pages.dashboard import framework_row
from isms.site.pages.types import FrameworkPage, GroupSection, RequirementRow

#: The group of requirements that belong to none.
_UNGROUPED = ""


def _attributes(framework: Framework, requirement: Requirement, ctx: Context) -> tuple[Attribute, ...]:
    titles = {attr.id: attr.title.get(ctx.lang) for attr in framework.attributes}
    return tuple(
        Attribute(name, titles.get(name, name), tuple(values))
        for name, values in sorted(requirement.attributes.items())
        if values
    )


def requirement_row(ctx: Context, framework: Framework, requirement: Requirement) -> RequirementRow:
    """Return one requirement with its standing, controls, evidence and mappings."""
    key: ReqKey = (framework.id, requirement.id)
    standing = ctx.standing(key)
    control = ctx.repo.controls.get(key)
    if standing is not None:
        evidence_paths: tuple[str, ...] = standing.evidence
        via = tuple(ctx.req_ref(k) for k in standing.via)
        evidenced: bool | None = standing.evidenced
    else:
        evidence_paths = tuple(control.doc.evidence) if control is not None else ()
        via = ()
        evidenced = None
    return RequirementRow(
        ref=ctx.req_ref(key),
        anchor=requirement_anchor(requirement.id),
        description=text(requirement.description, ctx.lang),
        paraphrase=requirement.source == "paraphrase",
        new=requirement.new,
        attributes=_attributes(framework, requirement, ctx),
        status=ctx.status(key),
        evidenced=evidenced,
        control=ctx.req_ref(key) if control is not None else None,
        via=via,
        evidence=tuple(ctx.evidence_ref(path) for path in sorted(evidence_paths)),
        maps_to=tuple(ctx.req_ref(k) for k in sorted(ctx.repo.maps_to(key), key=req_sort)),
        mapped_from=tuple(ctx.req_ref(k) for k in sorted(ctx.repo.mapped_from(key), key=req_sort)),
    )


def _groups(ctx: Context, framework: Framework) -> tuple[GroupSection, ...]:
    by_group: dict[str, list[Requirement]] = {}
    for requirement in framework.requirements.values():
        group = requirement.group if requirement.group in framework.groups else _UNGROUPED
        by_group.setdefault(group or _UNGROUPED, []).append(requirement)
    order = [gid for gid in framework.groups if gid in by_group]
    if _UNGROUPED in by_group:
        order.append(_UNGROUPED)
    sections = []
    for gid in order:
        found = framework.groups.get(gid)
        rows = sorted(by_group[gid], key=lambda r: natural_key(r.id))
        sections.append(
            GroupSection(
                id=gid,
                title=found.title.get(ctx.lang) if found else "",
                description=text(found.description, ctx.lang) if found else None,
                rows=tuple(requirement_row(ctx, framework, r) for r in rows),
            )
        )
    return tuple(sections)


def _used_attributes(framework: Framework, ctx: Context) -> tuple[Attribute, ...]:
    used = {name for r in framework.requirements.values() for name, values in r.attributes.items() if values}
    declared = [
        Attribute(attr.id, attr.title.get(ctx.lang), tuple(attr.values))
        for attr in framework.attributes
        if attr.id in used
    ]
    undeclared = sorted(used - {a.id for a in declared})
    values = {
        name: sorted({v for r in framework.requirements.values() for v in r.attributes.get(name, [])})
        for name in undeclared
    }
    return (*declared, *(Attribute(name, name, tuple(values[name])) for name in undeclared))


def framework_pages(ctx: Context, framework: Framework) -> list[FrameworkPage]:
    """Return a framework's page, and for a split framework one page per group after it (see `is_split`)."""
    whole = framework_page(ctx, framework)
    if not is_split(framework):
        return [whole]
    name = whole.title
    parent = Ref(framework.id, name, whole.path)
    groups = [
        replace(
            whole,
            path=group_path(framework.id, section.id),
            title=f"{name}: {_group_title(section)}",
            description=None,
            notes=(),
            coverage=None,
            groups=(section,),
            parent=parent,
        )
        for section in whole.groups
    ]
    themes = tuple(
        Ref(_group_title(section), str(len(section.rows)), page.path)
        for section, page in zip(whole.groups, groups, strict=True)
    )
    return [replace(whole, groups=(), attributes=(), themes=themes), *groups]


def _group_title(section: GroupSection) -> str:
    if not section.title:
        return "—"
    return f"{section.id} {section.title}" if section.id[:1].isdigit() else section.title


def framework_page(ctx: Context, framework: Framework) -> FrameworkPage:
    """Return the page of one framework, every group on it."""
    info = framework.info
    coverage: FrameworkCoverage | None = next((f for f in ctx.ev.metrics.frameworks if f.id == framework.id), None)
    return FrameworkPage(
        path=framework_path(framework.id),
        title=info.name.get(ctx.lang),
        id=framework.id,
        version=info.version,
        publisher=info.publisher,
        url=info.url,
        description=text(info.description, ctx.lang),
        notes=tuple(note.get(ctx.lang) for note in info.notes),
        in_scope=framework.id in ctx.repo.config.frameworks,
        reference=not framework.in_scope_by_kind,
        coverage=framework_row(ctx, coverage) if coverage is not None else None,
        attributes=_used_attributes(framework, ctx),
        groups=_groups(ctx, framework),
    )
